// A loopback stand-in for amoCRM (API v4, https://www.amocrm.ru/developers/content/crm_platform/
// api-reference, and its OAuth 2.0: .../oauth/step-by-step). Accounts live under `<url>/<subdomain>`
// (the app's AMOCRM_ACCOUNT_URL is `<url>/{subdomain}`), the consent page at `<url>/oauth`.
//
// As amoCRM does: the consent page sends the browser back to the integration's redirect URI with
// `code`, `state`, `referer=<subdomain>.amocrm.ru` and `client_id`; codes are single-use; access
// tokens expire (24 h by default); refresh tokens are single-use and rotate with each refresh;
// errors are `application/problem+json` (401 for a bad or expired token, 400 with
// `validation-errors` for a field that is not the account's); lists answer 204 when empty; more
// than 7 requests a second answer 429. Not simulated: companies, catalogs, webhooks, unsorted.
//
// The test drives the other side: it expires or revokes tokens, takes the account down for a
// while, makes the next calls answer 429, or makes the next complex lead be created and then its
// connection cut before the answer (a crash between amoCRM's "created" and our record).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface FakeAmoField {
  id: number;
  name: string;
  type: string;
  code: string | null;
  enums: { id: number; value: string }[] | null;
}

export interface FakeAmoLead {
  id: number;
  name: string;
  price: number;
  pipeline_id: number;
  status_id: number;
  responsible_user_id: number;
  custom_fields_values: { field_id: number; values: unknown[] }[];
  tags: string[];
  contactId: number;
  notes: string[];
}

export interface FakeAmoContact {
  id: number;
  name: string;
  responsible_user_id: number;
  custom_fields_values: {
    field_id?: number;
    field_code: string | null;
    values: { value: string; enum_id?: number }[];
  }[];
}

interface Account {
  subdomain: string;
  pipelines: { id: number; name: string; is_main: boolean; statuses: { id: number; name: string }[] }[];
  leadFields: FakeAmoField[];
  contactFields: FakeAmoField[];
  users: { id: number; name: string; email: string }[];
  leads: FakeAmoLead[];
  contacts: FakeAmoContact[];
  requests: number[];
}

export interface FakeAmoCrm {
  url: string;
  /** The app's AMOCRM_ACCOUNT_URL. */
  accountUrl: string;
  clientId: string;
  clientSecret: string;
  account(subdomain: string): Account;
  /** Every access token issued so far stops working (as if 24 hours passed). */
  expireAccessTokens(): void;
  /** The owner removed the integration in amoCRM: every token is dead. */
  revoke(): void;
  /** Refreshes done, per grant (a lost race shows as a second one). */
  counts: { codeExchanges: number; refreshes: number; complexLeads: number; rejectedRefreshes: number };
  /** Every request answers 503 (or resets the connection) while down. */
  setDown(down: boolean): void;
  /** The integration's redirect URI, as registered in amoCRM (settable once the app's port is known). */
  redirectUri: string;
  /** Requests a second an account may make before 429 (amoCRM's is 7). */
  perSecondLimit: number;
  /** The next `count` API calls answer 429 with Retry-After. */
  rateLimitNext(count: number, retryAfterSeconds?: number): void;
  /** The next complex lead is created, then the connection cut before the answer. */
  cutAfterNextLead(): void;
  /** The consent page's answer for the next visit: grant access or refuse it. */
  consentFor(subdomain: string): void;
  close(): Promise<void>;
}

const problem = (response: ServerResponse, status: number, body: Record<string, unknown>) => {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(
    JSON.stringify({
      title: status === 401 ? 'Unauthorized' : 'Bad Request',
      type: `https://httpstatus.es/${status}`,
      status,
      ...body,
    }),
  );
};

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/hal+json' });
  response.end(JSON.stringify(body));
};

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startFakeAmoCrm(options: {
  redirectUri: string;
  accessTtlSeconds?: number;
}): Promise<FakeAmoCrm> {
  const clientId = `client-${randomBytes(4).toString('hex')}`;
  const clientSecret = randomBytes(16).toString('hex');
  const accounts = new Map<string, Account>();
  const codes = new Map<string, string>();
  const accessTokens = new Map<string, { subdomain: string; expiresAt: number }>();
  const refreshTokens = new Map<string, string>();
  const counts = { codeExchanges: 0, refreshes: 0, complexLeads: 0, rejectedRefreshes: 0 };
  let lastId = 1000;
  const nextId = () => {
    lastId += 1;
    return lastId;
  };
  let down = false;
  let limited = 0;
  let limitedSeconds = 1;
  let cutNext = false;
  let consentSubdomain = 'acme';
  const ttl = (options.accessTtlSeconds ?? 86_400) * 1000;
  const sockets = new Set<Socket>();

  function account(subdomain: string): Account {
    let found = accounts.get(subdomain);
    if (!found) {
      found = {
        subdomain,
        pipelines: [
          {
            id: 7001,
            name: 'Воронка',
            is_main: true,
            statuses: [
              { id: 8001, name: 'Неразобранное' },
              { id: 8002, name: 'Первичный контакт' },
            ],
          },
          {
            id: 7002,
            name: 'Ремонт под ключ',
            is_main: false,
            statuses: [
              { id: 8101, name: 'Новая заявка' },
              { id: 8102, name: 'Замер' },
            ],
          },
        ],
        leadFields: [
          { id: 501, name: 'Площадь, м²', type: 'numeric', code: null, enums: null },
          {
            id: 502,
            name: 'Тип ремонта',
            type: 'select',
            code: null,
            enums: [
              { id: 5021, value: 'Косметический' },
              { id: 5022, value: 'Капитальный' },
              { id: 5023, value: 'Дизайнерский' },
            ],
          },
          { id: 503, name: 'Комментарий', type: 'textarea', code: null, enums: null },
          { id: 504, name: 'utm_source', type: 'tracking_data', code: 'UTM_SOURCE', enums: null },
        ],
        contactFields: [
          { id: 601, name: 'Телефон', type: 'multitext', code: 'PHONE', enums: [{ id: 6011, value: 'WORK' }] },
          { id: 602, name: 'Email', type: 'multitext', code: 'EMAIL', enums: [{ id: 6021, value: 'WORK' }] },
          { id: 603, name: 'Город', type: 'text', code: null, enums: null },
        ],
        users: [
          { id: 9001, name: 'Анна Менеджер', email: 'anna@acme.ru' },
          { id: 9002, name: 'Олег Продажи', email: 'oleg@acme.ru' },
        ],
        leads: [],
        contacts: [],
        requests: [],
      };
      accounts.set(subdomain, found);
    }
    return found;
  }

  const issue = (subdomain: string) => {
    const access = `at-${randomBytes(12).toString('hex')}`;
    const refresh = `rt-${randomBytes(12).toString('hex')}`;
    accessTokens.set(access, { subdomain, expiresAt: Date.now() + ttl });
    refreshTokens.set(refresh, subdomain);
    return { token_type: 'Bearer', expires_in: ttl / 1000, access_token: access, refresh_token: refresh };
  };

  async function tokenEndpoint(subdomain: string, request: IncomingMessage, response: ServerResponse) {
    const body = (await bodyOf(request)) as Record<string, string>;
    if (body.client_id !== clientId || body.client_secret !== clientSecret) {
      return problem(response, 401, {
        detail: 'Client authentication failed',
        hint: 'Неверный client_id или client_secret',
      });
    }
    if (body.redirect_uri !== fake.redirectUri) return problem(response, 400, { detail: 'redirect_uri mismatch' });
    if (body.grant_type === 'authorization_code') {
      const owner = codes.get(body.code ?? '');
      if (owner !== subdomain)
        return problem(response, 400, {
          detail: 'Authorization code has been revoked',
          hint: 'Код авторизации недействителен',
        });
      codes.delete(body.code as string);
      counts.codeExchanges += 1;
      return json(response, 200, issue(subdomain));
    }
    if (body.grant_type === 'refresh_token') {
      const owner = refreshTokens.get(body.refresh_token ?? '');
      if (owner !== subdomain) {
        counts.rejectedRefreshes += 1;
        return problem(response, 400, { detail: 'Token has been revoked', hint: 'Refresh token недействителен' });
      }
      // Single-use: the old one dies with this refresh.
      refreshTokens.delete(body.refresh_token as string);
      counts.refreshes += 1;
      return json(response, 200, issue(subdomain));
    }
    return problem(response, 400, { detail: 'Unsupported grant type' });
  }

  function authorized(request: IncomingMessage, subdomain: string): boolean {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const found = token ? accessTokens.get(token) : undefined;
    return Boolean(found && found.subdomain === subdomain && found.expiresAt > Date.now());
  }

  function checkFields(
    values: { field_id?: number; field_code?: string; values: { value?: unknown; enum_id?: number }[] }[] | undefined,
    fields: FakeAmoField[],
    prefix: string,
  ) {
    const errors: { code: string; path: string; detail: string }[] = [];
    (values ?? []).forEach((value, index) => {
      const field = fields.find((each) =>
        value.field_id ? each.id === value.field_id : each.code === value.field_code,
      );
      if (!field) {
        errors.push({
          code: 'NotSupportedChoice',
          path: `${prefix}custom_fields_values.${index}.field_id`,
          detail: 'The field does not exist',
        });
        return;
      }
      for (const item of value.values) {
        if (item.enum_id !== undefined && !field.enums?.some((each) => each.id === item.enum_id)) {
          errors.push({
            code: 'NotSupportedChoice',
            path: `${prefix}custom_fields_values.${index}.values.0.enum_id`,
            detail: 'The value you have provided is not supported',
          });
        }
        if (field.type === 'numeric' && typeof item.value !== 'number') {
          errors.push({
            code: 'InvalidType',
            path: `${prefix}custom_fields_values.${index}.values.0.value`,
            detail: 'This value should be of type numeric',
          });
        }
      }
    });
    return errors;
  }

  async function api(acc: Account, path: string, url: URL, request: IncomingMessage, response: ServerResponse) {
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/api/v4/leads/pipelines') {
      return json(response, 200, {
        _embedded: {
          pipelines: acc.pipelines.map((p) => ({
            id: p.id,
            name: p.name,
            is_main: p.is_main,
            _embedded: { statuses: p.statuses },
          })),
        },
      });
    }
    const page = (items: unknown[], key: string) => {
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const number = Number(url.searchParams.get('page') ?? 1);
      const slice = items.slice((number - 1) * limit, number * limit);
      if (slice.length === 0) return json(response, 204, undefined);
      const more = items.length > number * limit;
      return json(response, 200, {
        _page: number,
        _links: more ? { next: { href: 'next' } } : {},
        _embedded: { [key]: slice },
      });
    };
    if (method === 'GET' && path === '/api/v4/leads/custom_fields') return page(acc.leadFields, 'custom_fields');
    if (method === 'GET' && path === '/api/v4/contacts/custom_fields') return page(acc.contactFields, 'custom_fields');
    if (method === 'GET' && path === '/api/v4/users') return page(acc.users, 'users');
    if (method === 'GET' && path === '/api/v4/contacts') {
      const query = url.searchParams.get('query') ?? '';
      const digits = query.replace(/\D/g, '');
      const found = acc.contacts.filter(
        (contact) =>
          contact.name.includes(query) ||
          (digits &&
            contact.custom_fields_values.some((field) =>
              field.values.some((v) => v.value.replace(/\D/g, '').includes(digits)),
            )),
      );
      if (found.length === 0) return json(response, 204, undefined);
      return json(response, 200, { _embedded: { contacts: found } });
    }
    if (method === 'GET' && path === '/api/v4/leads') {
      const query = url.searchParams.get('query') ?? '';
      const found = acc.leads.filter((lead) => lead.name.includes(query));
      if (found.length === 0) return json(response, 204, undefined);
      return json(response, 200, {
        _embedded: {
          leads: found.map((lead) => ({
            id: lead.id,
            name: lead.name,
            price: lead.price,
            _embedded: { contacts: [{ id: lead.contactId }] },
          })),
        },
      });
    }
    const notes = /^\/api\/v4\/leads\/(\d+)\/notes$/.exec(path);
    if (method === 'GET' && notes) {
      const lead = acc.leads.find((each) => each.id === Number(notes[1]));
      if (!lead) return problem(response, 404, { detail: 'Not found' });
      if (lead.notes.length === 0) return json(response, 204, undefined);
      return json(response, 200, {
        _embedded: {
          notes: lead.notes.map((text, index) => ({
            id: index + 1,
            entity_id: lead.id,
            note_type: 'common',
            params: { text },
          })),
        },
      });
    }
    if (method === 'POST' && path === '/api/v4/leads/notes') {
      const body = (await bodyOf(request)) as { entity_id: number; note_type: string; params: { text: string } }[];
      const created = body.map((note) => {
        const lead = acc.leads.find((each) => each.id === note.entity_id);
        lead?.notes.push(note.params.text);
        return { id: nextId(), entity_id: note.entity_id };
      });
      return json(response, 200, { _embedded: { notes: created } });
    }
    if (method === 'POST' && path === '/api/v4/leads/complex') {
      const body = (await bodyOf(request)) as {
        name: string;
        price?: number;
        pipeline_id?: number;
        status_id?: number;
        responsible_user_id?: number;
        custom_fields_values?: { field_id: number; values: { value?: unknown; enum_id?: number }[] }[];
        request_id?: string;
        _embedded?: { tags?: { name: string }[]; contacts?: (FakeAmoContact & { first_name?: string; id?: number })[] };
      }[];
      const errors = body.flatMap((lead, index) =>
        [
          ...checkFields(lead.custom_fields_values, acc.leadFields, ''),
          ...(lead._embedded?.contacts ?? []).flatMap((contact) =>
            contact.id
              ? []
              : checkFields(contact.custom_fields_values as never, acc.contactFields, `_embedded.contacts.0.`),
          ),
        ].map((error) => ({ ...error, index })),
      );
      if (errors.length > 0) {
        return problem(response, 400, {
          detail: 'Request validation failed',
          'validation-errors': [{ request_id: '0', errors: errors.map(({ index: _index, ...error }) => error) }],
        });
      }
      const results = body.map((lead) => {
        const main = acc.pipelines.find((p) => p.is_main) as Account['pipelines'][number];
        const pipeline = acc.pipelines.find((p) => p.id === lead.pipeline_id) ?? main;
        const given = lead._embedded?.contacts?.[0];
        let contactId = given?.id;
        if (!contactId) {
          contactId = nextId();
          acc.contacts.push({
            id: contactId,
            name: given?.first_name ?? given?.name ?? 'Контакт',
            responsible_user_id: given?.responsible_user_id ?? (acc.users[0]?.id as number),
            custom_fields_values: (given?.custom_fields_values ?? []) as FakeAmoContact['custom_fields_values'],
          });
        }
        const id = nextId();
        acc.leads.push({
          id,
          name: lead.name,
          price: lead.price ?? 0,
          pipeline_id: pipeline.id,
          status_id: lead.status_id ?? (pipeline.statuses[0]?.id as number),
          responsible_user_id: lead.responsible_user_id ?? (acc.users[0]?.id as number),
          custom_fields_values: lead.custom_fields_values ?? [],
          tags: (lead._embedded?.tags ?? []).map((tag) => tag.name),
          contactId,
          notes: [],
        });
        counts.complexLeads += 1;
        return { id, contact_id: contactId, company_id: null, request_id: [lead.request_id ?? '0'], merged: false };
      });
      if (cutNext) {
        cutNext = false;
        request.socket.destroy();
        return;
      }
      return json(response, 200, results);
    }
    return problem(response, 404, { detail: `No route ${method} ${path}` });
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (url.pathname === '/oauth') {
      // The consent page: «Разрешить» sends the browser back to the integration with a code.
      const code = `code-${randomBytes(10).toString('hex')}`;
      codes.set(code, consentSubdomain);
      const back = new URL(fake.redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      back.searchParams.set('referer', `${consentSubdomain}.amocrm.ru`);
      back.searchParams.set('client_id', url.searchParams.get('client_id') ?? '');
      back.searchParams.set('platform', '1');
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="ru"><meta charset="utf-8"><title>amoCRM — предоставить доступ</title>` +
          `<h1>Интеграция запрашивает доступ к аккаунту ${consentSubdomain}</h1>` +
          `<a href="${back.toString().replace(/&/g, '&amp;')}">Разрешить</a></html>`,
      );
      return;
    }
    const match = /^\/([a-z0-9-]+)(\/.*)$/.exec(url.pathname);
    if (!match) return problem(response, 404, { detail: 'No account' });
    const [, subdomain, path] = match as unknown as [string, string, string];
    if (down) {
      response.writeHead(503, { 'content-type': 'text/html' });
      response.end('<html>503 Service Temporarily Unavailable</html>');
      return;
    }
    if (path === '/oauth2/access_token' && request.method === 'POST')
      return tokenEndpoint(subdomain, request, response);
    const acc = account(subdomain);
    const now = Date.now();
    acc.requests = acc.requests.filter((at) => now - at < 1000);
    acc.requests.push(now);
    if (limited > 0 || acc.requests.length > fake.perSecondLimit) {
      if (limited > 0) limited -= 1;
      response.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': String(limitedSeconds) });
      response.end(JSON.stringify({ title: 'Too Many Requests', status: 429, detail: 'Too many requests' }));
      return;
    }
    if (!authorized(request, subdomain)) return problem(response, 401, { detail: 'Unauthorized' });
    return api(acc, path, url, request, response);
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;

  const fake: FakeAmoCrm = {
    redirectUri: options.redirectUri,
    perSecondLimit: 7,
    url,
    accountUrl: `${url}/{subdomain}`,
    clientId,
    clientSecret,
    account,
    counts,
    expireAccessTokens() {
      for (const token of accessTokens.values()) token.expiresAt = 0;
    },
    revoke() {
      accessTokens.clear();
      refreshTokens.clear();
    },
    setDown(value) {
      down = value;
    },
    rateLimitNext(count, retryAfterSeconds = 1) {
      limited = count;
      limitedSeconds = retryAfterSeconds;
    },
    cutAfterNextLead() {
      cutNext = true;
    },
    consentFor(subdomain) {
      consentSubdomain = subdomain;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
