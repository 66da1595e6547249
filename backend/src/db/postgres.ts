// Postgres through `pg`: the production driver, chosen when DATABASE_URL is set.
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { createDatabase, type Database, type DatabaseRoles, MIGRATIONS_FOLDER, type PubSub } from './database.ts';

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
    pubsub: pubsubOf(pool, options.url),
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

const channelName = (channel: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`"${channel}" is not a channel name`);
  return channel;
};

/** NOTIFY through the pool; LISTEN on a client of its own, which a pool would hand to others. */
function pubsubOf(pool: pg.Pool, url: string): PubSub {
  return {
    async notify(channel, payload) {
      await pool.query('select pg_notify($1, $2)', [channelName(channel), payload]);
    },

    async listen(channel, handlers) {
      const name = channelName(channel);
      let client: pg.Client | null = null;
      let closed = false;
      let failures = 0;
      let retry: NodeJS.Timeout | undefined;

      const connect = async (): Promise<void> => {
        const next = new pg.Client({ connectionString: url });
        next.on('notification', (notification) => {
          if (notification.channel === name && notification.payload !== undefined)
            handlers.message(notification.payload);
        });
        next.on('error', (error) => lost(next, error));
        next.on('end', () => lost(next, new Error('the listening connection ended')));
        await next.connect();
        await next.query(`listen ${name}`);
        if (closed) {
          await next.end();
          return;
        }
        client = next;
        failures = 0;
      };

      const lost = (which: pg.Client, error: unknown) => {
        if (closed || client !== which) return;
        client = null;
        which.removeAllListeners('notification');
        void which.end().catch(() => {});
        handlers.error(error);
        reconnect();
      };

      const reconnect = () => {
        if (closed || retry) return;
        // 250 ms, 500 ms, 1 s… up to 10 s between tries.
        const delay = Math.min(10_000, 250 * 2 ** failures);
        failures += 1;
        retry = setTimeout(() => {
          retry = undefined;
          connect().then(
            () => {
              if (!closed) handlers.reconnected();
            },
            (error: unknown) => {
              handlers.error(error);
              reconnect();
            },
          );
        }, delay);
      };

      await connect();
      return {
        async close() {
          closed = true;
          clearTimeout(retry);
          const current = client;
          client = null;
          await current?.end().catch(() => {});
        },
      };
    },
  };
}
