// A company's amoCRM access token, refreshed when it is about to expire. amoCRM's refresh tokens
// are single-use: two refreshes with the same one leave the loser with a dead token and the
// account disconnected. So one refresh at a time across instances: the row's `refresh_lease_until`
// is taken by an UPDATE that only one writer can win (the row lock decides), without holding a
// transaction over the HTTP call; the others wait for the winner's new token. Within one process
// concurrent callers share the one refresh in flight.
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Database } from '../../../db/database.ts';
import { amocrmConnections } from '../../../db/schema.ts';
import { seal, unseal } from '../../../lib/sealed.ts';
import { type AmoApi, AmoError, type AmoTokens } from './api.ts';

export interface AmoDeps {
  db: Database;
  api: AmoApi;
  /** The key tokens are sealed with. */
  key: Buffer;
  config: NonNullable<Config['amocrm']>;
  redirectUri: string;
}

/** amoCRM no longer takes our tokens: only the owner reconnecting helps. */
export class AmoReauthRequired extends Error {
  constructor(message = 'amoCRM отозвала доступ: переподключите amoCRM в «Интеграциях»') {
    super(message);
    this.name = 'AmoReauthRequired';
  }
}

export class AmoNotConnected extends Error {
  constructor() {
    super('amoCRM не подключена');
    this.name = 'AmoNotConnected';
  }
}

/** A token is refreshed this long before it expires, so a request never starts with a dying one. */
const EARLY_MS = 5 * 60_000;
const LEASE_MS = 30_000;
const WAIT_STEP_MS = 100;

export const sealedTokens = (key: Buffer, tokens: AmoTokens) => ({
  accessTokenSealed: seal(key, tokens.access_token),
  refreshTokenSealed: seal(key, tokens.refresh_token),
  accessExpiresAt: new Date(Date.now() + tokens.expires_in * 1000),
});

type Row = typeof amocrmConnections.$inferSelect;

async function read(db: Database, tenantId: string): Promise<Row> {
  const [row] = await db.withTenant(tenantId, (tx) =>
    tx.select().from(amocrmConnections).where(eq(amocrmConnections.tenantId, tenantId)),
  );
  if (!row) throw new AmoNotConnected();
  if (row.status === 'reauth_required') throw new AmoReauthRequired(row.problem ?? undefined);
  return row;
}

export interface AmoSession {
  subdomain: string;
  token: string;
}

const inFlight = new Map<string, Promise<AmoSession>>();

/**
 * The account and a valid access token. `rejected`: the token amoCRM just answered 401 to, so a
 * fresh one is needed even if it has not expired by our clock.
 */
export function amoSession(deps: AmoDeps, tenantId: string, rejected?: string): Promise<AmoSession> {
  const key = `${tenantId}:${rejected ?? ''}`;
  const running = inFlight.get(key);
  if (running) return running;
  const work = sessionOf(deps, tenantId, rejected).finally(() => inFlight.delete(key));
  inFlight.set(key, work);
  return work;
}

async function sessionOf(deps: AmoDeps, tenantId: string, rejected: string | undefined): Promise<AmoSession> {
  const deadline = Date.now() + LEASE_MS + 5_000;
  for (;;) {
    const row = await read(deps.db, tenantId);
    const token = unseal(deps.key, row.accessTokenSealed);
    const fresh = row.accessExpiresAt.getTime() - EARLY_MS > Date.now();
    if (fresh && token !== rejected) return { subdomain: row.subdomain, token };

    const won = await deps.db.withTenant(tenantId, (tx) =>
      tx
        .update(amocrmConnections)
        .set({ refreshLeaseUntil: sql`now() + ${LEASE_MS}::int * interval '1 millisecond'` })
        .where(
          and(
            eq(amocrmConnections.tenantId, tenantId),
            // Unchanged since we read it: nobody refreshed meanwhile.
            eq(amocrmConnections.accessTokenSealed, row.accessTokenSealed),
            or(isNull(amocrmConnections.refreshLeaseUntil), lt(amocrmConnections.refreshLeaseUntil, sql`now()`)),
          ),
        )
        .returning({ refreshTokenSealed: amocrmConnections.refreshTokenSealed }),
    );
    const lease = won[0];
    if (lease) return refresh(deps, tenantId, row.subdomain, lease.refreshTokenSealed);
    if (Date.now() > deadline) throw new AmoError(0, 'amoCRM: токен обновляется слишком долго');
    // Another instance is refreshing: its new token shows up in the row.
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
  }
}

async function refresh(deps: AmoDeps, tenantId: string, subdomain: string, refreshSealed: string): Promise<AmoSession> {
  const release = (set: Partial<Row>) =>
    deps.db.withTenant(tenantId, (tx) =>
      tx
        .update(amocrmConnections)
        .set({ ...set, refreshLeaseUntil: null, updatedAt: sql`now()` })
        .where(eq(amocrmConnections.tenantId, tenantId)),
    );
  let tokens: AmoTokens;
  try {
    tokens = await deps.api.token(subdomain, {
      client_id: deps.config.clientId,
      client_secret: deps.config.clientSecret,
      redirect_uri: deps.redirectUri,
      grant_type: 'refresh_token',
      refresh_token: unseal(deps.key, refreshSealed),
    });
  } catch (error) {
    if (error instanceof AmoError && !error.isTransient) {
      const problem = 'amoCRM отозвала доступ (токен больше не действует): переподключите amoCRM';
      await release({ status: 'reauth_required', problem });
      throw new AmoReauthRequired(problem);
    }
    await release({});
    throw error;
  }
  await release({ ...sealedTokens(deps.key, tokens), status: 'connected', problem: null });
  return { subdomain, token: tokens.access_token };
}

/** Marks the connection as needing the owner, after amoCRM refused a token it had just issued. */
export async function markReauthRequired(db: Database, tenantId: string, problem: string): Promise<void> {
  await db.withTenant(tenantId, (tx) =>
    tx
      .update(amocrmConnections)
      .set({ status: 'reauth_required', problem, updatedAt: sql`now()` })
      .where(eq(amocrmConnections.tenantId, tenantId)),
  );
}

/** Runs an API call with the account's token; on a 401, once more with a refreshed one. */
export async function withAmo<T>(
  deps: AmoDeps,
  tenantId: string,
  call: (session: AmoSession) => Promise<T>,
): Promise<T> {
  const session = await amoSession(deps, tenantId);
  try {
    return await call(session);
  } catch (error) {
    if (!(error instanceof AmoError && error.isUnauthorized)) throw error;
  }
  const renewed = await amoSession(deps, tenantId, session.token);
  try {
    return await call(renewed);
  } catch (error) {
    if (error instanceof AmoError && error.isUnauthorized) {
      const problem = 'amoCRM не принимает доступ (401): переподключите amoCRM';
      await markReauthRequired(deps.db, tenantId, problem);
      throw new AmoReauthRequired(problem);
    }
    throw error;
  }
}
