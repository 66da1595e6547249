// PGlite: Postgres compiled to WebAssembly, running inside this process. It is the embedded
// default (no DATABASE_URL), persisted under DATA_DIR/db, with pgvector, pg_trgm and btree_gin loaded.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { createDatabase, type Database, type DatabaseRoles, MIGRATIONS_FOLDER } from './database.ts';
import { lockDataFolder } from './dataFolderLock.ts';

export interface PgliteOptions {
  /** A folder to persist to, locked against other processes; in memory when absent. */
  dataDir?: string;
  /** Start from a dump made by `dumpDataDir()` (tests start from a migrated template this way). */
  loadDataDir?: Blob;
  roles?: DatabaseRoles;
  onLockWait?: () => void;
}

export interface PgliteDatabase extends Database {
  /** The whole database as a tarball, for `loadDataDir`. */
  dump(): Promise<Blob>;
}

export async function openPglite(options: PgliteOptions = {}): Promise<PgliteDatabase> {
  let releaseLock = async () => {};
  if (options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    releaseLock = await lockDataFolder(options.dataDir, { onWait: options.onLockWait });
  }

  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir: options.dataDir,
      loadDataDir: options.loadDataDir,
      extensions: { vector, pg_trgm, btree_gin },
    });
  } catch (error) {
    await releaseLock();
    throw error;
  }
  const db = drizzle(client);

  const database = createDatabase({
    driver: 'pglite',
    db,
    roles: options.roles,
    // One process owns the folder (the lock above), so migrations cannot race here.
    migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        await releaseLock();
      }
    },
  });

  return { ...database, dump: () => client.dumpDataDir('none') };
}
