// bench/takeover: one instance of the app in a process of its own, on the PostgreSQL database
// DATABASE_URL names, as main.ts starts it (migrations under the advisory lock, then the app on a
// loopback port). Its URL goes to the parent; it runs until the parent kills it.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../backend/src/app.ts';
import { loadConfig } from '../../backend/src/config.ts';
import { connectPostgres } from '../../backend/src/db/postgres.ts';
import { createTestServices } from '../../backend/test/support/app.ts';

const config = loadConfig({
  PUBLIC_URL: 'http://127.0.0.1:0',
  LOG_LEVEL: 'silent',
  DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'aimax-bench-')),
  // The bench's visitors and managers come from one machine; each says who it is, as a proxy would.
  TRUST_PROXY: 'true',
});
const db = connectPostgres({ url: process.env.DATABASE_URL as string, poolMax: 10 });
await db.migrate();
const app = await buildApp({ config, db, ...(await createTestServices(config)) });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ url });
