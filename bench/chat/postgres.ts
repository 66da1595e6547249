// bench/chat again on PostgreSQL, the production database, when one is reachable: BENCH_DATABASE_URL,
// or this machine's server (a fresh database is created for the run and dropped after).
import { execFileSync } from 'node:child_process';
import pg from 'pg';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `aimax_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
try {
  await admin.connect();
} catch (error) {
  console.log(`bench/chat on PostgreSQL skipped: no server at ${adminUrl} (${(error as Error).message})`);
  process.exit(0);
}
await admin.query(`create database ${name}`);
try {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  execFileSync('npx', ['tsx', new URL('./run.ts', import.meta.url).pathname], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: url.toString() },
  });
} finally {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}
