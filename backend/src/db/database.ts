// The one way into the database. Every query runs inside a transaction that first switches to a
// non-superuser role, so Row Level Security applies whichever user the connection logged in as:
//
//   withTenant(tenantId, tx => …)    as `aimax_tenant`, sees one tenant's rows only
//   withIdentity(tx => …)            as `aimax_identity`, sign-in and session lookups, nothing more
//   withPlatform(access, tx => …)    as `aimax_platform`, every tenant; writes an audit_log row
//
// The drivers (pg, PGlite) differ only in how they connect and migrate; see postgres.ts, pglite.ts.
import { fileURLToPath } from 'node:url';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { auditLog } from './schema.ts';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DriverName = 'pglite' | 'postgres';

export interface PlatformAccess {
  /** The superadmin acting, or null for the platform itself (start-up, scheduled jobs). */
  actorUserId: string | null;
  /** What the access is for, as `area.verb`: it is the audit trail's entry. */
  action: string;
  details?: Record<string, unknown>;
}

/**
 * PostgreSQL's LISTEN/NOTIFY, for what instances tell each other (chat events). Payloads are at
 * most 8000 bytes. Only the PostgreSQL driver has it: the embedded database serves one process.
 */
export interface PubSub {
  notify(channel: string, payload: string): Promise<void>;
  /**
   * Listens on a dedicated connection, reconnecting with backoff when it is lost; `reconnected`
   * runs after each reconnection, when notifications may have been missed meanwhile.
   */
  listen(
    channel: string,
    handlers: { message(payload: string): void; reconnected(): void; error(error: unknown): void },
  ): Promise<{ close(): Promise<void> }>;
}

export interface Database {
  readonly driver: DriverName;
  readonly pubsub?: PubSub;
  withTenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  withIdentity<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  withPlatform<T>(access: PlatformAccess, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Applies pending migrations; safe when several instances start at once. */
  migrate(): Promise<void>;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseRoles {
  tenant: string;
  identity: string;
  platform: string;
}

export const DEFAULT_ROLES: DatabaseRoles = {
  tenant: 'aimax_tenant',
  identity: 'aimax_identity',
  platform: 'aimax_platform',
};

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface DriverParts {
  driver: DriverName;
  db: Db;
  pubsub?: PubSub;
  roles?: DatabaseRoles;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export function createDatabase(parts: DriverParts): Database {
  const { db, driver } = parts;
  const roles = parts.roles ?? DEFAULT_ROLES;

  return {
    driver,
    pubsub: parts.pubsub,

    withTenant(tenantId, work) {
      if (!UUID.test(tenantId)) throw new Error(`withTenant: "${tenantId}" is not a tenant id`);
      return db.transaction(async (tx) => {
        await tx.execute(
          sql`select set_config('role', ${roles.tenant}, true), set_config('app.tenant_id', ${tenantId}, true)`,
        );
        return work(tx);
      });
    },

    withIdentity(work) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', ${roles.identity}, true)`);
        return work(tx);
      });
    },

    withPlatform(access, work) {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', ${roles.platform}, true)`);
        await tx.insert(auditLog).values({
          actorUserId: access.actorUserId,
          action: access.action,
          details: access.details ?? {},
        });
        return work(tx);
      });
    },

    migrate: parts.migrate,

    async ping() {
      await db.execute(sql`select 1`);
    },

    close: parts.close,
  };
}

/** Rows of a raw SQL query; both drivers answer `execute` with a `rows` array. */
export async function queryRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as { rows: T[] };
  return result.rows;
}

/**
 * A `text[]` parameter, sent as one array literal (the two drivers pass a JS array differently),
 * each element quoted so that commas, braces, quotes and backslashes stay in it.
 */
export const textArray = (texts: readonly string[]): SQL =>
  sql`${`{${texts.map((text) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`}::text[]`;
