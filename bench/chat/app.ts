// bench/chat, process 2 of 3: the whole product (API, database, SSE) on a loopback port, talking
// to the fake gateway; PGlite in memory, or PostgreSQL when DATABASE_URL is set.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../backend/src/app.ts';
import { loadConfig } from '../../backend/src/config.ts';
import type { Database } from '../../backend/src/db/database.ts';
import { openPglite } from '../../backend/src/db/pglite.ts';
import { connectPostgres } from '../../backend/src/db/postgres.ts';
import { createTestServices } from '../../backend/test/support/app.ts';

const config = loadConfig({
  PUBLIC_URL: 'http://127.0.0.1:0',
  LOG_LEVEL: 'silent',
  LLM_BASE_URL: process.env.GATEWAY_URL,
  LLM_API_KEY: 'bench-key',
  LLM_MODEL: 'bench/model',
  DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'aimax-bench-')),
  // The bench's visitors come from one machine; each says who it is, as a proxy would.
  TRUST_PROXY: 'true',
});
const db: Database = process.env.DATABASE_URL
  ? connectPostgres({ url: process.env.DATABASE_URL, poolMax: 10 })
  : await openPglite();
await db.migrate();
const app = await buildApp({ config, db, ...(await createTestServices(config)) });
const url = await app.listen({ port: 0, host: '127.0.0.1' });

// Visitors are spread over several companies, as on the platform: limits are per widget key.
const keys: string[] = [];
for (let i = 0; i < Number(process.env.COMPANIES ?? 20); i++) {
  const signUp = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    remoteAddress: `10.0.0.${i + 1}`,
    payload: { companyName: `Бенчмарк ${i}`, email: `bench-${i}-${Date.now()}@example.ru`, password: 'Бенчмарк-2026' },
  });
  const cookie = signUp.cookies.find((c) => c.name === 'aimax_session');
  const settings = await app.inject({
    method: 'GET',
    url: '/api/widget/settings',
    headers: { cookie: `aimax_session=${cookie?.value}` },
  });
  keys.push(settings.json().widgetKey);
}
process.send?.({ url, keys, driver: db.driver });
