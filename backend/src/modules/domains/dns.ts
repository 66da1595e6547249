// Whether a company's domain is its own and points at the platform, asked of DNS: first the TXT
// record `_aimax-challenge.<domain>` holding the domain's token (ownership), then a CNAME to the
// platform's host, followed through a bounded chain, or, for an apex, A/AAAA records with the
// platform's addresses (a provider's flattened CNAME answers with those). Each outcome carries what
// the owner should be told, in Russian: what was found instead of what is needed.
import { Resolver } from 'node:dns/promises';

export const CHALLENGE_LABEL = '_aimax-challenge';
/** A chain of CNAMEs longer than this is a loop or a mistake. */
const MAX_CNAME_DEPTH = 8;

export interface DnsTargets {
  /** The platform's host a CNAME must lead to. */
  cnameTarget: string;
  /** The platform's addresses an apex's A and AAAA records must be among (with those of `cnameTarget`). */
  ipv4: readonly string[];
  ipv6: readonly string[];
}

export type DomainState = 'pending' | 'verified' | 'misconfigured';

export interface DomainCheck {
  state: DomainState;
  /** What is missing or wrong, for the owner; null once verified. */
  problem: string | null;
  /** DNS did not answer: nothing is known of the records, and a verified domain stays so. */
  inconclusive?: true;
}

export interface DomainChecker {
  check(hostname: string, token: string): Promise<DomainCheck>;
}

type Answer<T> = { kind: 'found'; records: T[] } | { kind: 'none' } | { kind: 'failed' };

/** A name that does not exist and one without records of the type are both «none». */
async function ask<T>(question: () => Promise<T[]>): Promise<Answer<T>> {
  try {
    const records = await question();
    return records.length > 0 ? { kind: 'found', records } : { kind: 'none' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOTFOUND' || code === 'ENODATA' ? { kind: 'none' } : { kind: 'failed' };
  }
}

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '');

export function createDomainChecker(options: {
  /** `ip` or `ip:port`; empty for the system's resolvers. */
  resolvers: readonly string[];
  targets: DnsTargets;
  timeoutMs?: number;
}): DomainChecker {
  // Each unanswered question ends the check, so a check waits at most a few of these.
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 2000, tries: 2 });
  if (options.resolvers.length > 0) resolver.setServers([...options.resolvers]);
  const target = bare(options.targets.cnameTarget);
  const unanswered = (name: string): DomainCheck => ({
    state: 'pending',
    inconclusive: true,
    problem: `DNS-сервер не ответил на запрос о ${name}. Попробуйте проверить ещё раз через несколько минут`,
  });

  async function ownership(hostname: string, token: string): Promise<DomainCheck | null> {
    const name = `${CHALLENGE_LABEL}.${hostname}`;
    const txt = await ask(() => resolver.resolveTxt(name));
    if (txt.kind === 'failed') return unanswered(name);
    if (txt.kind === 'none') {
      return {
        state: 'pending',
        problem: `Запись TXT ${name} не найдена. Если вы её уже добавили, подождите: изменения в DNS расходятся до нескольких часов`,
      };
    }
    const values = txt.records.map((chunks) => chunks.join(''));
    if (values.includes(token)) return null;
    return {
      state: 'misconfigured',
      problem: `В записи TXT ${name} значение «${values[0]}», а нужно «${token}»`,
    };
  }

  /** The addresses the platform answers on: the configured ones and those of its host. */
  async function platformAddresses(): Promise<Set<string>> {
    const addresses = new Set([...options.targets.ipv4, ...options.targets.ipv6]);
    for (const answer of [await ask(() => resolver.resolve4(target)), await ask(() => resolver.resolve6(target))]) {
      if (answer.kind === 'found') for (const address of answer.records) addresses.add(address);
    }
    return addresses;
  }

  async function pointing(hostname: string): Promise<DomainCheck> {
    const chain: string[] = [];
    for (let name = hostname; ; ) {
      const cname = await ask(() => resolver.resolveCname(name));
      if (cname.kind === 'failed') return unanswered(name);
      if (cname.kind === 'none') break;
      const next = bare(cname.records[0] as string);
      if (next === target) return { state: 'verified', problem: null };
      if (next === hostname || chain.includes(next)) {
        return {
          state: 'misconfigured',
          problem: `Записи CNAME ведут по кругу: ${[hostname, ...chain, next].join(' → ')}`,
        };
      }
      chain.push(next);
      if (chain.length >= MAX_CNAME_DEPTH) {
        return {
          state: 'misconfigured',
          problem: `Слишком длинная цепочка CNAME: ${[hostname, ...chain].join(' → ')}`,
        };
      }
      name = next;
    }
    if (chain.length > 0) {
      return { state: 'misconfigured', problem: `CNAME указывает на ${chain[0]}, а нужно на ${target}` };
    }

    const found: string[] = [];
    for (const answer of [await ask(() => resolver.resolve4(hostname)), await ask(() => resolver.resolve6(hostname))]) {
      if (answer.kind === 'failed') return unanswered(hostname);
      if (answer.kind === 'found') found.push(...answer.records);
    }
    if (found.length === 0) {
      return {
        state: 'pending',
        problem: `Для ${hostname} нет записи CNAME (или A/AAAA). Добавьте CNAME на ${target}`,
      };
    }
    const ours = await platformAddresses();
    const foreign = found.filter((address) => !ours.has(address));
    if (foreign.length === 0) return { state: 'verified', problem: null };
    const needed = ours.size > 0 ? `, а нужно ${[...ours].join(', ')}` : `: нужна запись CNAME на ${target}`;
    return { state: 'misconfigured', problem: `${hostname} указывает на ${foreign.join(', ')}${needed}` };
  }

  return {
    async check(hostname, token) {
      return (await ownership(hostname, token)) ?? pointing(hostname);
    },
  };
}
