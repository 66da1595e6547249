import { mkdir, mkdtemp, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from './database.ts';
import { DataFolderLockedError, lockDataFolder } from './dataFolderLock.ts';
import { openPglite } from './pglite.ts';
import { tenants } from './schema.ts';

const tempFolder = () => mkdtemp(path.join(os.tmpdir(), 'aimax-pglite-'));

describe('the embedded PGlite database', () => {
  it('keeps its data across a close and a reopen', async () => {
    const dataDir = await tempFolder();
    const first = await openPglite({ dataDir });
    await first.migrate();
    const id = crypto.randomUUID();
    await first.withTenant(id, (tx) => tx.insert(tenants).values({ id, name: 'Сохранится', widgetKey: `wk_${id}` }));
    await first.close();

    const second = await openPglite({ dataDir });
    await second.migrate();
    const rows = await second.withTenant(id, (tx) =>
      tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, id)),
    );
    await second.close();
    expect(rows).toEqual([{ name: 'Сохранится' }]);
  });

  it('has the pgvector extension available to install', async () => {
    const db = await openPglite();
    await db.migrate();
    const rows = await db.withIdentity((tx) =>
      queryRows<{ name: string }>(tx, sql`select name from pg_available_extensions where name = 'vector'`),
    );
    await db.close();
    expect(rows).toEqual([{ name: 'vector' }]);
  });
});

describe('lockDataFolder', () => {
  it('refuses a second holder with advice to use DATABASE_URL', async () => {
    const folder = await tempFolder();
    const release = await lockDataFolder(folder, { staleMs: 5000 });
    let waited = false;
    const second = lockDataFolder(folder, { staleMs: 5000, onWait: () => (waited = true) });
    await expect(second).rejects.toBeInstanceOf(DataFolderLockedError);
    await expect(second).rejects.toThrow(/set DATABASE_URL/);
    expect(waited).toBe(true);
    await release();
    const third = await lockDataFolder(folder, { staleMs: 5000 });
    await third();
  }, 20_000);

  it('takes over a lock left by a process that died', async () => {
    const folder = await tempFolder();
    const leftover = `${folder}.lock`;
    await mkdir(leftover);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(leftover, longAgo, longAgo);
    const release = await lockDataFolder(folder, { staleMs: 5000, onWait: () => expect.fail('should not wait') });
    await release();
  });
});
