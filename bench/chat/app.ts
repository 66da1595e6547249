// bench/chat, process 2 of 3: the whole product (API, database, SSE) on a loopback port, talking
// to the fake gateway; PGlite in memory, or PostgreSQL when DATABASE_URL is set. Half of the
// companies have a knowledge base, indexed before the visitors come.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../backend/src/app.ts';
import { loadConfig } from '../../backend/src/config.ts';
import { type Database, queryRows } from '../../backend/src/db/database.ts';
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

const SERVICES = [
  'Ремонт ванной комнаты',
  'Укладка плитки',
  'Штукатурка стен',
  'Монтаж тёплого пола',
  'Замена проводки',
  'Поклейка обоев',
  'Выравнивание пола',
  'Натяжной потолок',
  'Установка дверей',
  'Демонтаж перегородок',
  'Покраска стен',
  'Монтаж сантехники',
  'Ремонт кухни',
  'Гидроизоляция санузла',
  'Устройство стяжки',
];
const PLACES = ['в новостройке', 'во вторичном жилье', 'в загородном доме', 'в офисе', 'в студии'];
const TERMS = ['под ключ', 'с материалами', 'без материалов', 'с гарантией 3 года'];

/** A company's knowledge: a price list of 300 lines under headings, and curated answers. */
async function addKnowledge(cookie: string, csrfToken: string): Promise<void> {
  const sections = SERVICES.map(
    (service, s) =>
      `## ${service}\n\n${PLACES.flatMap((place, p) => TERMS.map((term, t) => `- ${service} ${place}, ${term}: от ${(900 + 35 * (s * 20 + p * 4 + t)).toLocaleString('ru-RU')} ₽ за м²`)).join('\n')}`,
  );
  const body = `# Прайс-лист\n\n${sections.join('\n\n')}\n\n## Сроки\n\nРемонт однокомнатной квартиры длится от 6 недель, двухкомнатной — от 8 недель.`;
  const headers = { cookie, 'x-csrf-token': csrfToken };
  const added = await app.inject({
    method: 'POST',
    url: '/api/knowledge/documents',
    headers,
    payload: { title: 'Прайс-лист', body },
  });
  if (added.statusCode !== 201) throw new Error(`knowledge: ${added.statusCode} ${added.body}`);
  for (const [question, answer] of [
    ['Сколько длится ремонт?', 'Ремонт квартиры под ключ длится от 6 до 12 недель, смотря по площади.'],
    ['Даёте ли вы гарантию?', 'Да, на все работы — 3 года по договору.'],
    ['Работаете ли вы за городом?', 'Да, выезжаем до 50 км от города без доплаты.'],
  ]) {
    const pair = await app.inject({
      method: 'POST',
      url: '/api/knowledge/pairs',
      headers,
      payload: { questions: [question], answer },
    });
    if (pair.statusCode !== 201) throw new Error(`knowledge pair: ${pair.statusCode} ${pair.body}`);
  }
}

// Visitors are spread over several companies, as on the platform: limits are per widget key.
// Every other company has a knowledge base, so the bench tells what retrieval adds.
const keys: string[] = [];
const knowledgeKeys: string[] = [];
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
  if (i % 2 === 1) {
    await addKnowledge(`aimax_session=${cookie?.value}`, signUp.json().csrfToken);
    knowledgeKeys.push(settings.json().widgetKey);
  }
}
await app.indexer.runOnce();
const [chunks] = await db.withPlatform({ actorUserId: null, action: 'bench.count' }, (tx) =>
  queryRows<{ chunks: number }>(
    tx,
    sql`select (count(*) / greatest(count(distinct tenant_id), 1))::int as chunks from kb_chunks`,
  ),
);
process.send?.({ url, keys, knowledgeKeys, chunksPerCompany: chunks?.chunks ?? 0, driver: db.driver });
