// Postgres through `pg`: the production driver, chosen when DATABASE_URL is set.
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { createDatabase, type Database, type DatabaseRoles, MIGRATIONS_FOLDER } from './database.ts';

export interface PostgresOptions {
  url: string;
  poolMax?: number;
  roles?: DatabaseRoles;
}

// Any fixed number works; it only has to be the same in every instance of the app.
const MIGRATION_LOCK_KEY = 7_400_202_611;

export function connectPostgres(options: PostgresOptions): Database {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolMax ?? 10 });
  // An idle client that loses its connection must not take the process down with it.
  pool.on('error', () => {});

  return createDatabase({
    driver: 'postgres',
    db: drizzle(pool),
    roles: options.roles,

    async migrate() {
      // One client holds the session-level advisory lock for the whole run, so a second
      // instance starting at the same moment waits, then finds nothing left to apply.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        try {
          await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
        } finally {
          await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
        }
      } finally {
        client.release();
      }
    },

    close: () => pool.end(),
  });
}
