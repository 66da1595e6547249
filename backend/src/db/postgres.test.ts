import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { databaseUrlFor } from '../../test/support/database.ts';
import { queryRows } from './database.ts';
import { connectPostgres } from './postgres.ts';

const template = inject('databaseTemplate');

// Only meaningful against a real server; the CI runs the suite once with DATABASE_URL set.
describe.runIf(template.driver === 'postgres')('Postgres migrations', () => {
  it('apply once when two instances start at the same moment', async () => {
    if (template.driver !== 'postgres') return;
    const name = `aimax_migrate_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: template.adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = databaseUrlFor(template.adminUrl, name);
    const instances = [connectPostgres({ url }), connectPostgres({ url })];
    try {
      await Promise.all(instances.map((db) => db.migrate()));
      const check = new pg.Client({ connectionString: url });
      await check.connect();
      const { rows } = await check.query('select count(*)::int as count from drizzle.__drizzle_migrations');
      await check.end();
      expect(rows[0].count).toBeGreaterThanOrEqual(3);
      const [tables] = await (instances[1] as NonNullable<(typeof instances)[1]>).withIdentity((tx) =>
        queryRows<{ count: number }>(tx, sql`select count(*)::int as count from pg_tables where schemaname = 'public'`),
      );
      expect(tables?.count).toBeGreaterThanOrEqual(6);
    } finally {
      await Promise.all(instances.map((db) => db.close()));
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
