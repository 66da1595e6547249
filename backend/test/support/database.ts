// A database of its own for each test file, copied from the migrated template (globalSetup.ts).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import type { Database, DatabaseRoles } from '../../src/db/database.ts';
import { openPglite } from '../../src/db/pglite.ts';
import { connectPostgres } from '../../src/db/postgres.ts';

export type TestDatabaseTemplate =
  | { driver: 'pglite'; file: string }
  | { driver: 'postgres'; adminUrl: string; name: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplate: TestDatabaseTemplate;
  }
}

export function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

let templateDump: Promise<Buffer> | undefined;

/**
 * A fresh, migrated database. `roles` swaps the roles the queries run as; the tenant-isolation
 * suite uses it to run once with the RLS policies bypassed, so the application's own tenant
 * filters are tested on their own as well.
 */
export async function createTestDatabase(options: { roles?: DatabaseRoles } = {}): Promise<Database> {
  const template = inject('databaseTemplate');
  if (template.driver === 'pglite') {
    templateDump ??= readFile(template.file);
    return openPglite({ loadDataDir: new Blob([new Uint8Array(await templateDump)]), roles: options.roles });
  }

  const name = `aimax_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(template.adminUrl, (admin) => admin.query(`create database ${name} template ${template.name}`));
  const db = connectPostgres({ url: databaseUrlFor(template.adminUrl, name), poolMax: 4, roles: options.roles });
  return {
    ...db,
    async close() {
      await db.close();
      await withAdmin(template.adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
