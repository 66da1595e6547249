import path from 'node:path';
import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { openPglite } from './pglite.ts';
import { connectPostgres } from './postgres.ts';

/** The driver the configuration asks for: Postgres with DATABASE_URL, else PGlite in DATA_DIR/db. */
export async function connectDatabase(config: Config, log: { info(message: string): void }): Promise<Database> {
  if (config.databaseUrl) return connectPostgres({ url: config.databaseUrl, poolMax: config.databasePoolMax });
  const dataDir = path.join(config.dataDir, 'db');
  return openPglite({
    dataDir,
    onLockWait: () =>
      log.info(`Waiting for the lock on ${dataDir} (held by another process, or left by one that crashed)…`),
  });
}
