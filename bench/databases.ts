// What the database benchmarks share: each runs on the embedded PGlite and, when a server is
// reachable (BENCH_DATABASE_URL, or this machine's PostgreSQL), on a fresh PostgreSQL database
// created for the run and dropped after; and they report percentiles of their timings.
import pg from 'pg';
import type { Database } from '../backend/src/db/database.ts';
import { openPglite } from '../backend/src/db/pglite.ts';
import { connectPostgres } from '../backend/src/db/postgres.ts';

export type Driver = 'pglite' | 'postgres';

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};

/** Runs `work` on a migrated PGlite, then on a fresh PostgreSQL database if a server answers. */
export async function onEachDatabase(bench: string, work: (db: Database, driver: Driver) => Promise<void>) {
  const embedded = await openPglite();
  try {
    await embedded.migrate();
    await work(embedded, 'pglite');
  } finally {
    await embedded.close();
  }

  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  const reachable = await admin.connect().then(
    () => true,
    (error: Error) => {
      console.log(`${bench} on PostgreSQL skipped: no server at ${adminUrl} (${error.message})`);
      return false;
    },
  );
  if (!reachable) return;
  const name = `aimax_${bench.replace(/\W+/g, '_')}_${process.pid}`;
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = connectPostgres({ url: url.toString(), poolMax: 4 });
    try {
      await db.migrate();
      await work(db, 'postgres');
    } finally {
      await db.close();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
