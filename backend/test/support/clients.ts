// Signed-in users for tests: small factories that sign up or sign in through the real API and
// return a client that sends the session cookie and the CSRF token, as the admin panel does.
import { randomBytes } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { SessionView } from '../../src/contracts.ts';
import type { TestApp } from './app.ts';

export const uniqueEmail = (label = 'user') => `${label}-${randomBytes(5).toString('hex')}@example.ru`;
export const STRONG_PASSWORD = 'Ремонт-2026-ok';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiClient {
  session: SessionView;
  cookie: string;
  request(
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  /** A multipart upload of one file in the field `file`, as the admin panel sends it. */
  upload(url: string, file: Buffer, name: string, type: string): Promise<LightMyRequestResponse>;
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'aimax_session');
  if (!cookie) throw new Error(`no session cookie in the response (${response.statusCode}: ${response.body})`);
  return `aimax_session=${cookie.value}`;
}

export function clientFor(app: TestApp, response: LightMyRequestResponse): ApiClient {
  if (response.statusCode >= 300) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const session = response.json<SessionView>();
  const cookie = sessionCookieOf(response);
  const request: ApiClient['request'] = (method, url, body, headers = {}) => {
    const options: InjectOptions = {
      method,
      url,
      headers: { cookie, 'x-csrf-token': session.csrfToken, ...headers },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    };
    return app.inject(options);
  };
  return {
    session,
    cookie,
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    delete: (url) => request('DELETE', url),
    upload: (url, file, name, type) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)], { type }), name);
      return request('POST', url, form);
    },
  };
}

/** Registers a new company and returns its signed-in owner. */
export async function signUpOwner(
  app: TestApp,
  overrides: Partial<{ companyName: string; name: string; email: string; password: string; ip: string }> = {},
): Promise<ApiClient> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    remoteAddress: overrides.ip ?? randomIp(),
    payload: {
      companyName: overrides.companyName ?? `Компания ${randomBytes(3).toString('hex')}`,
      name: overrides.name ?? 'Владелец',
      email: overrides.email ?? uniqueEmail('owner'),
      password: overrides.password ?? STRONG_PASSWORD,
    },
  });
  return clientFor(app, response);
}

export async function logInAs(app: TestApp, email: string, password: string, ip = randomIp()): Promise<ApiClient> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: ip,
    payload: { email, password },
  });
  return clientFor(app, response);
}

/** Adds a manager to the owner's company and signs them in. */
export async function addManager(app: TestApp, owner: ApiClient): Promise<ApiClient & { userId: string }> {
  const email = uniqueEmail('manager');
  const created = await owner.post('/api/team/members', {
    name: 'Менеджер',
    email,
    password: STRONG_PASSWORD,
    role: 'manager',
  });
  if (created.statusCode !== 201) throw new Error(`adding a manager failed: ${created.body}`);
  const manager = await logInAs(app, email, STRONG_PASSWORD);
  return { ...manager, userId: created.json<{ id: string }>().id };
}

// Sign-up and sign-in are throttled per IP; tests that are not about throttling each look like
// a different visitor.
export const randomIp = () => `10.${randomByte()}.${randomByte()}.${randomByte()}`;
const randomByte = () => randomBytes(1)[0] ?? 1;
