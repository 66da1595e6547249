// Requests to addresses our users type in (a company's webhook), which must not reach into our own
// network. A URL is refused unless it is http(s) and every address its host resolves to is public
// unicast (no loopback, private, link-local such as 169.254.169.254, multicast, reserved, CGNAT,
// nor IPv6 forms that embed an IPv4 address: mapped, NAT64, 6to4, Teredo). The check happens in
// the connection's own lookup, so the socket goes to the address that was checked: a name that
// resolves to a public address when saved and to a private one when sent (DNS rebinding) is
// refused then. Redirects are never followed; the answer is read up to a cap, under a deadline.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, request } from 'undici';

/** Why a URL may not be requested; the message is the owner's to read. */
export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

/** Whether an address is one of the public Internet's (IPv4-mapped IPv6 judged as its IPv4). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

const privateAddress = (address: string) =>
  new UnsafeUrlError(
    `Адрес ${address} — внутренний (локальная сеть или служебный диапазон): укажите публичный адрес сервера`,
  );

export interface PublicHttpOptions {
  /** Tests' loopback receivers; never in production (the configuration refuses it). */
  allowPrivate?: boolean;
  /** How names are resolved; the system's resolver by default. */
  lookup?: typeof dnsLookup;
}

/** Parses and checks a URL's form: http(s), a host, no credentials. Throws UnsafeUrlError. */
export function parsePublicUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UnsafeUrlError('Некорректный адрес: нужен адрес вида https://crm.company.ru/hooks/aimax');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UnsafeUrlError('Подходят только адреса http:// и https://');
  }
  if (url.username || url.password) {
    throw new UnsafeUrlError('Адрес не должен содержать логин и пароль: проверяйте подпись запроса');
  }
  if (!url.hostname) throw new UnsafeUrlError('В адресе нет имени сервера');
  return url;
}

const literalOf = (hostname: string) => hostname.replace(/^\[|\]$/g, '');

/** A DNS lookup that answers only with public addresses, and fails for a name with any other. */
function checkedLookup(options: PublicHttpOptions): LookupFunction {
  const resolve = options.lookup ?? dnsLookup;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname, { ...lookupOptions, all: true }, (error, found) => {
      if (error) return callback(error, '', 0);
      const addresses = found as unknown as LookupAddress[];
      const refused = options.allowPrivate ? undefined : addresses.find((each) => !isPublicAddress(each.address));
      if (refused) return callback(privateAddress(refused.address) as NodeJS.ErrnoException, '', 0);
      if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname}: no addresses`) as NodeJS.ErrnoException, '', 0);
      callback(null, first.address, first.family);
    });
  };
}

/** Checks that a URL's host is public now (for saving it): the same rules as the request's. */
export async function assertPublicUrl(value: string, options: PublicHttpOptions = {}): Promise<URL> {
  const url = parsePublicUrl(value);
  const literal = literalOf(url.hostname);
  if (isIP(literal)) {
    if (!options.allowPrivate && !isPublicAddress(literal)) throw privateAddress(literal);
    return url;
  }
  await new Promise<void>((resolve, reject) =>
    checkedLookup(options)(url.hostname, {}, (error) => {
      if (!error) return resolve();
      if (error instanceof UnsafeUrlError) return reject(error);
      reject(new UnsafeUrlError(`Сервер ${url.hostname} не найден в DNS: проверьте адрес`));
    }),
  );
  return url;
}

export interface PublicResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The first `maxBytes` of the body, as text. */
  body: string;
}

/**
 * A client for public addresses: `post` sends a body and reads the answer (up to `maxBytes`),
 * within `timeoutMs` overall. Throws UnsafeUrlError for a refused address, and the network's own
 * errors otherwise. Close it when done.
 */
export function createPublicHttp(options: PublicHttpOptions & { timeoutMs: number; maxBytes?: number }) {
  const { timeoutMs, maxBytes = 64 * 1024 } = options;
  const agent = new Agent({
    connect: { lookup: checkedLookup(options), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    // One delivery at a time per receiver is plenty; keeping sockets long would pin an old address.
    keepAliveTimeout: 1000,
  });

  return {
    async post(
      target: string,
      init: { headers: Record<string, string>; body: string; signal?: AbortSignal },
    ): Promise<PublicResponse> {
      const url = parsePublicUrl(target);
      const literal = literalOf(url.hostname);
      // An address written out is connected to without a lookup, so it is checked here.
      if (isIP(literal) && !options.allowPrivate && !isPublicAddress(literal)) throw privateAddress(literal);
      const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(init.signal ? [init.signal] : [])]);
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(url, {
          method: 'POST',
          headers: init.headers,
          body: init.body,
          dispatcher: agent,
          signal,
          maxRedirections: 0,
        });
      } catch (error) {
        // undici wraps what the lookup refused; the refusal is the useful part.
        const cause = (error as { cause?: unknown }).cause;
        if (cause instanceof UnsafeUrlError) throw cause;
        throw error;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        chunks.push(buffer.subarray(0, Math.max(0, maxBytes - size)));
        size += buffer.length;
        if (size >= maxBytes) {
          response.body.destroy();
          break;
        }
      }
      return { status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') };
    },
    close: () => agent.close(),
  };
}

export type PublicHttp = ReturnType<typeof createPublicHttp>;
