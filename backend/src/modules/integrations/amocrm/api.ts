// A small typed client for the amoCRM API v4 calls the integration makes
// (https://www.amocrm.ru/developers/content/crm_platform/api-reference). Field names are the
// docs', so each can be looked up there as written. Every account gets at most 7 requests a
// second from this process, as amoCRM asks; failures become an AmoError that never quotes a token.

export interface AmoTokens {
  token_type: 'Bearer';
  expires_in: number;
  access_token: string;
  refresh_token: string;
}

export interface AmoCustomField {
  id: number;
  name: string;
  type: string;
  code: string | null;
  enums: { id: number; value: string; sort?: number }[] | null;
}

export interface AmoPipeline {
  id: number;
  name: string;
  is_main: boolean;
  _embedded: { statuses: { id: number; name: string; type?: number }[] };
}

export interface AmoUser {
  id: number;
  name: string;
  email?: string;
}

export interface AmoFieldValue {
  field_id?: number;
  field_code?: string;
  values: ({ value: string | number | boolean; enum_code?: string } | { enum_id: number })[];
}

export interface AmoContactInput {
  id?: number;
  first_name?: string;
  name?: string;
  responsible_user_id?: number;
  custom_fields_values?: AmoFieldValue[];
}

export interface AmoComplexLead {
  name: string;
  price?: number;
  pipeline_id?: number;
  status_id?: number;
  responsible_user_id?: number;
  custom_fields_values?: AmoFieldValue[];
  request_id?: string;
  _embedded: { tags?: { name: string }[]; contacts?: AmoContactInput[] };
}

export interface AmoLead {
  id: number;
  name: string;
  price: number;
  _embedded?: { contacts?: { id: number }[] };
}

export interface AmoContact {
  id: number;
  name: string;
  custom_fields_values: { field_code: string | null; values: { value: string }[] }[] | null;
}

/** An amoCRM refusal or outage; `validation` holds each field's complaint of a 400. */
export class AmoError extends Error {
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  readonly validation: { path: string; code: string; detail: string }[];
  constructor(
    status: number,
    message: string,
    options: { retryAfterSeconds?: number; validation?: AmoError['validation'] } = {},
  ) {
    super(message);
    this.name = 'AmoError';
    this.status = status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.validation = options.validation ?? [];
  }
  /** The token is no good (expired, revoked, the integration removed from the account). */
  get isUnauthorized() {
    return this.status === 401;
  }
  /** Worth trying again later: rate limited, amoCRM down, or not reached at all (status 0). */
  get isTransient() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

const REQUESTS_PER_SECOND = 7;
// A little over a second: amoCRM counts arrivals, which the network shifts from our departures.
const WINDOW_MS = 1100;

/** Spaces one account's requests so that no second holds more than REQUESTS_PER_SECOND of them. */
function createRateLimiter(now: () => number = Date.now) {
  const sent = new Map<string, number[]>();
  return async function wait(account: string): Promise<void> {
    for (;;) {
      const recent = (sent.get(account) ?? []).filter((at) => now() - at < WINDOW_MS);
      if (recent.length < REQUESTS_PER_SECOND) {
        recent.push(now());
        sent.set(account, recent);
        return;
      }
      const oldest = recent[0] as number;
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS - (now() - oldest) + 1));
    }
  };
}

interface Problem {
  title?: string;
  detail?: string;
  hint?: string;
  'validation-errors'?: { request_id?: string; errors: { code: string; path: string; detail: string }[] }[];
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as Problem;
  } catch {
    return { detail: text.slice(0, 200) };
  }
}

export interface AmoApiOptions {
  /** `https://{subdomain}.amocrm.ru`, or a test's fake. */
  accountUrl: string;
  timeoutMs?: number;
}

export interface AmoApi {
  token(
    subdomain: string,
    body: { client_id: string; client_secret: string; redirect_uri: string } & (
      | { grant_type: 'authorization_code'; code: string }
      | { grant_type: 'refresh_token'; refresh_token: string }
    ),
  ): Promise<AmoTokens>;
  pipelines(subdomain: string, token: string): Promise<AmoPipeline[]>;
  customFields(subdomain: string, token: string, entity: 'leads' | 'contacts'): Promise<AmoCustomField[]>;
  users(subdomain: string, token: string): Promise<AmoUser[]>;
  /** Leads whose fields or name contain `query`. */
  findLeads(subdomain: string, token: string, query: string): Promise<AmoLead[]>;
  findContacts(subdomain: string, token: string, query: string): Promise<AmoContact[]>;
  createComplexLead(
    subdomain: string,
    token: string,
    lead: AmoComplexLead,
  ): Promise<{ id: number; contact_id: number | null }>;
  addNote(subdomain: string, token: string, leadId: number, text: string): Promise<void>;
  leadNotes(subdomain: string, token: string, leadId: number): Promise<{ id: number; text: string }[]>;
}

export function createAmoApi(options: AmoApiOptions): AmoApi {
  const { timeoutMs = 15_000 } = options;
  const throttle = createRateLimiter();
  const base = (subdomain: string) => options.accountUrl.replace('{subdomain}', subdomain);

  /** One request; a 429 asking for a short wait (others' requests to the account) is waited out once. */
  async function call<T>(
    subdomain: string,
    method: 'GET' | 'POST',
    path: string,
    init: { token?: string; body?: unknown; query?: Record<string, string> } = {},
  ): Promise<T | null> {
    try {
      return await once<T>(subdomain, method, path, init);
    } catch (error) {
      const wait = error instanceof AmoError && error.status === 429 ? (error.retryAfterSeconds ?? 1) : 0;
      if (wait === 0 || wait > 2) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      return once<T>(subdomain, method, path, init);
    }
  }

  async function once<T>(
    subdomain: string,
    method: 'GET' | 'POST',
    path: string,
    init: { token?: string; body?: unknown; query?: Record<string, string> },
  ): Promise<T | null> {
    await throttle(subdomain);
    const url = new URL(`${base(subdomain)}${path}`);
    for (const [name, value] of Object.entries(init.query ?? {})) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'manual',
      });
    } catch (error) {
      const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new AmoError(0, `amoCRM не ответила (${reason})`);
    }
    // A list with nothing in it is 204, without a body.
    if (response.status === 204) return null;
    if (response.ok) return (await response.json()) as T;
    const problem = await problemOf(response);
    const retryAfter = Number(response.headers.get('retry-after'));
    const validation = (problem['validation-errors'] ?? []).flatMap((each) => each.errors);
    const detail = problem.hint ?? problem.detail ?? problem.title ?? '';
    throw new AmoError(response.status, `amoCRM ответила ${response.status}${detail ? `: ${detail}` : ''}`, {
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      validation,
    });
  }

  /** Every page of a list: amoCRM gives 250 at most per page and links the next one. */
  async function all<T>(subdomain: string, token: string, path: string, key: string): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= 20; page += 1) {
      const body = await call<{ _embedded: Record<string, T[]>; _links?: { next?: unknown } }>(subdomain, 'GET', path, {
        token,
        query: { limit: '250', page: String(page) },
      });
      if (!body) break;
      items.push(...(body._embedded[key] ?? []));
      if (!body._links?.next) break;
    }
    return items;
  }

  return {
    async token(subdomain, body) {
      const tokens = await call<AmoTokens>(subdomain, 'POST', '/oauth2/access_token', { body });
      if (!tokens) throw new AmoError(502, 'amoCRM не выдала токены');
      return tokens;
    },
    pipelines: (subdomain, token) => all<AmoPipeline>(subdomain, token, '/api/v4/leads/pipelines', 'pipelines'),
    customFields: (subdomain, token, entity) =>
      all<AmoCustomField>(subdomain, token, `/api/v4/${entity}/custom_fields`, 'custom_fields'),
    users: (subdomain, token) => all<AmoUser>(subdomain, token, '/api/v4/users', 'users'),
    async findLeads(subdomain, token, query) {
      const body = await call<{ _embedded: { leads: AmoLead[] } }>(subdomain, 'GET', '/api/v4/leads', {
        token,
        query: { query, with: 'contacts' },
      });
      return body?._embedded.leads ?? [];
    },
    async findContacts(subdomain, token, query) {
      const body = await call<{ _embedded: { contacts: AmoContact[] } }>(subdomain, 'GET', '/api/v4/contacts', {
        token,
        query: { query },
      });
      return body?._embedded.contacts ?? [];
    },
    async createComplexLead(subdomain, token, lead) {
      const created = await call<{ id: number; contact_id: number | null }[]>(
        subdomain,
        'POST',
        '/api/v4/leads/complex',
        { token, body: [lead] },
      );
      const first = created?.[0];
      if (!first) throw new AmoError(502, 'amoCRM не вернула созданную сделку');
      return first;
    },
    async addNote(subdomain, token, leadId, text) {
      await call(subdomain, 'POST', '/api/v4/leads/notes', {
        token,
        body: [{ entity_id: leadId, note_type: 'common', params: { text } }],
      });
    },
    async leadNotes(subdomain, token, leadId) {
      const body = await call<{ _embedded: { notes: { id: number; params?: { text?: string } }[] } }>(
        subdomain,
        'GET',
        `/api/v4/leads/${leadId}/notes`,
        { token, query: { 'filter[note_type]': 'common' } },
      );
      return (body?._embedded.notes ?? []).map((note) => ({ id: note.id, text: note.params?.text ?? '' }));
    },
  };
}
