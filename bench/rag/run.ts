// bench/rag: knowledge retrieval for one company holding 10 000 and 100 000 chunks, on the embedded
// PGlite (pgvector, HNSW) and, when one is reachable, on PostgreSQL (BENCH_DATABASE_URL, or this
// machine's server; a fresh database is made for the run and dropped after), where retrieval runs
// on pgvector if the server has it and on full text alone if not. Reports:
//   - retrieve() p50/p95: every leg, as the chat runs it in the message's transaction, warm and
//     over the first runs; and for questions with a typo, which take the trigram leg;
//   - the vector leg alone, and recall@5 of the HNSW index against exact search on the same data;
//   - what retrieval adds to the first token of a chat reply for a company of a few hundred chunks
//     (retrieve and record, in the transaction that stores the visitor's message).
// Targets (issue 13): p95 under 20 ms at 100 000 chunks, recall@5 ≥ 0.95, under 15 ms p50 added.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../../backend/src/app.ts';
import { loadConfig } from '../../backend/src/config.ts';
import { type Database, queryRows } from '../../backend/src/db/database.ts';
import { openPglite } from '../../backend/src/db/pglite.ts';
import { connectPostgres } from '../../backend/src/db/postgres.ts';
import { embedLocally } from '../../backend/src/modules/knowledge/embedder.ts';
import type { Knowledge } from '../../backend/src/modules/knowledge/engine.ts';
import { DEFAULT_RETRIEVAL, recordMatch, retrieve } from '../../backend/src/modules/knowledge/retrieve.ts';
import { normalizeForSearch } from '../../backend/src/modules/knowledge/text.ts';
import { HNSW_EF_SEARCH } from '../../backend/src/modules/knowledge/vectorStore.ts';
import { refreshVocabulary } from '../../backend/src/modules/knowledge/vocabulary.ts';
import { createTestServices } from '../../backend/test/support/app.ts';
import { updatePerformanceSection } from '../report.ts';

const SIZES = (process.env.CHUNKS ?? '10000,100000').split(',').map(Number);
const RUNS = Number(process.env.RUNS ?? 60);
/**
 * Runs before those measured. The embedded database is WebAssembly, which V8 compiles in tiers:
 * its code runs on the baseline compiler until it is hot, for the first hundred questions or so,
 * 1.5–2× slower. A server that has answered for a while is warm; those first runs are reported
 * apart.
 */
const WARMUP = Number(process.env.WARMUP ?? 200);
/** Which databases to measure, for a quicker look at one: `pglite`, `postgres` or both. */
const ENGINES = (process.env.ENGINES ?? 'pglite,postgres').split(',');
const SMALL_COMPANY = 300;
const DIMENSIONS = 384;
const MODEL = `local-ngram-v1-${DIMENSIONS}`;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

// A price list's vocabulary: passages are made of its words, so the legs have real work to do.
const SERVICES = [
  'ремонт ванной комнаты',
  'укладка плитки',
  'штукатурка стен',
  'монтаж тёплого пола',
  'замена проводки',
  'поклейка обоев',
  'выравнивание пола',
  'натяжной потолок',
  'установка дверей',
  'демонтаж перегородок',
  'покраска стен',
  'монтаж сантехники',
  'ремонт кухни',
  'гидроизоляция санузла',
  'устройство стяжки',
  'монтаж гипсокартона',
];
const PLACES = ['в новостройке', 'во вторичном жилье', 'в загородном доме', 'в офисе', 'в студии', 'в квартире'];
const TERMS = ['под ключ', 'с материалами', 'без материалов', 'с гарантией 3 года', 'за 2 недели', 'со скидкой 10%'];

function passage(i: number): string {
  const service = SERVICES[i % SERVICES.length];
  const place = PLACES[Math.floor(i / SERVICES.length) % PLACES.length];
  const term = TERMS[Math.floor(i / (SERVICES.length * PLACES.length)) % TERMS.length];
  return `Услуга: ${service} ${place}; Условия: ${term}; Цена: от ${(500 + (i % 97) * 35).toLocaleString('ru-RU')} ₽ за м²; Артикул ${i}.`;
}
const QUESTIONS = [
  'сколько стоит укладка плитки в новостройке',
  'почём штукатурка стен под ключ',
  'цена монтажа тёплого пола в загородном доме',
  'замена проводки в квартире с материалами',
  'натяжной потолок в студии цена',
  'ремонт ванной комнаты со скидкой',
  'гидроизоляция санузла с гарантией',
  'демонтаж перегородок в офисе',
];
/** Questions with a typo, or a word the price list does not have: the trigram leg's work. */
const TYPO_QUESTIONS = [
  'гидроизаляция санузла',
  'штукатурка стен в новастройке',
  'сколько стоит укладка плитки в москве',
  'натяжной потолок с гарантей',
  'стоимасть ремонта кухни',
];

async function seed(db: Database, tenantId: string, chunks: number): Promise<void> {
  const perEntry = 100;
  await db.withPlatform({ actorUserId: null, action: 'bench.seed' }, async (tx) => {
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    await tx.execute(sql`insert into kb_entries (tenant_id, kind, title, body, status, embedding_model, chunk_count)
      select ${tenantId}::uuid, 'document', 'Прайс ' || g, 'x', 'ready', ${MODEL}, ${perEntry}
      from generate_series(1, ${Math.ceil(chunks / perEntry)}) g`);
  });
  const entries = await db.withTenant(tenantId, (tx) =>
    queryRows<{ id: string }>(tx, sql`select id from kb_entries where tenant_id = ${tenantId} order by title, id`),
  );
  const vectors = await hasVectors(db);
  const batch = 500;
  for (let start = 0; start < chunks; start += batch) {
    const rows: SQL[] = [];
    const embeddings: SQL[] = [];
    for (let i = start; i < Math.min(chunks, start + batch); i++) {
      const text = passage(i);
      const entry = entries[Math.floor(i / perEntry)]?.id;
      const id = crypto.randomUUID();
      rows.push(
        sql`(${id}::uuid, ${tenantId}::uuid, ${entry}::uuid, 'passage', ${i % perEntry}, ${text}, ${normalizeForSearch(text)})`,
      );
      const vector = embedLocally(text, DIMENSIONS);
      if (vectors && vector) {
        embeddings.push(
          sql`(${id}::uuid, ${MODEL}, ${tenantId}::uuid, 'passage', ${`[${Array.from(vector).join(',')}]`}::vector)`,
        );
      }
    }
    await db.withTenant(tenantId, async (tx) => {
      await tx.execute(sql`insert into kb_chunks (id, tenant_id, entry_id, kind, ordinal, content, search_text)
        values ${sql.join(rows, sql`, `)}`);
      if (embeddings.length > 0) {
        await tx.execute(
          sql`insert into kb_embeddings (chunk_id, model, tenant_id, kind, embedding) values ${sql.join(embeddings, sql`, `)}`,
        );
      }
    });
  }
  // What the indexer does as it writes an entry: its vocabulary (migration 0027), and statistics
  // once the tables have grown (migration 0026).
  for (let start = 0; start < entries.length; start += 100) {
    await db.withTenant(tenantId, async (tx) => {
      for (const entry of entries.slice(start, start + 100)) await refreshVocabulary(tx, entry.id);
    });
  }
  await db.withTenant(tenantId, (tx) => tx.execute(sql`select kb_analyze()`));
}

async function hasVectors(db: Database): Promise<boolean> {
  const [row] = await db.withPlatform({ actorUserId: null, action: 'bench.check' }, (tx) =>
    queryRows<{ t: string | null }>(tx, sql`select to_regclass('public.kb_embeddings')::text as t`),
  );
  return Boolean(row?.t);
}

interface Times {
  /** The first RUNS runs, from cold. */
  first: number[];
  /** RUNS runs after WARMUP. */
  warm: number[];
}

async function timed(run: (i: number) => Promise<unknown>): Promise<Times> {
  const measure = async (from: number) => {
    const times: number[] = [];
    for (let i = from; i < from + RUNS; i++) {
      const started = performance.now();
      await run(i);
      times.push(performance.now() - started);
    }
    return times;
  };
  const first = await measure(0);
  for (let i = RUNS; i < WARMUP; i++) await run(i);
  return { first, warm: await measure(Math.max(RUNS, WARMUP)) };
}

/** The 5 nearest chunks and their distances, by the index (as the store searches) or exactly. */
async function nearest(
  db: Database,
  tenantId: string,
  question: string,
  exact: boolean,
): Promise<{ id: string; distance: number }[]> {
  const vector = embedLocally(question, DIMENSIONS);
  if (!vector) return [];
  return db.withTenant(tenantId, async (tx) => {
    await tx.execute(
      sql`select set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', ${String(HNSW_EF_SEARCH)}, true)`,
    );
    if (exact) await tx.execute(sql`select set_config('enable_indexscan', 'off', true)`);
    const rows = await queryRows<{ id: string; distance: number }>(
      tx,
      sql`select e.chunk_id as id, (e.embedding::vector(${sql.raw(String(DIMENSIONS))})) <=> ${`[${Array.from(vector).join(',')}]`}::vector(${sql.raw(String(DIMENSIONS))}) as distance
          from kb_embeddings e
          where e.model = ${MODEL} and e.tenant_id = ${tenantId}
          order by distance
          limit 5`,
    );
    return rows.map((row) => ({ id: row.id, distance: Number(row.distance) }));
  });
}

interface SizeResult {
  chunks: number;
  seedSeconds: number;
  retrieve: Times;
  typos: Times;
  vectorLeg: Times | null;
  recall: number | null;
  /** The share of the exact five's ids found, ties or not. */
  idRecall: number | null;
}

async function measureOn(db: Database, label: string): Promise<{ sizes: SizeResult[]; added: Times; driver: string }> {
  const config = loadConfig({
    PUBLIC_URL: 'http://127.0.0.1:0',
    LOG_LEVEL: 'silent',
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'aimax-bench-rag-')),
  });
  const services = await createTestServices(config);
  const app = await buildApp({ config, db, ...services });
  await app.ready();
  await app.indexer.stop();
  const knowledge: Knowledge = app.knowledge;
  const signUp = async () =>
    (
      await app.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: {
          companyName: 'Бенчмарк',
          email: `bench-${crypto.randomUUID()}@example.ru`,
          password: 'Бенчмарк-2026',
        },
      })
    ).json().tenant.id as string;
  try {
    const sizes: SizeResult[] = [];
    for (const chunks of SIZES) {
      const tenantId = await signUp();
      const seeding = performance.now();
      await seed(db, tenantId, chunks);
      const seedSeconds = (performance.now() - seeding) / 1000;
      console.log(`${label}: ${chunks} chunks seeded in ${seedSeconds.toFixed(0)} s`);
      const question = (i: number) => QUESTIONS[i % QUESTIONS.length] as string;
      const retrieveTimes = await timed((i) =>
        db.withTenant(tenantId, (tx) =>
          retrieve(tx, knowledge, { tenantId, question: question(i), settings: DEFAULT_RETRIEVAL }),
        ),
      );
      const typos = await timed((i) =>
        db.withTenant(tenantId, (tx) =>
          retrieve(tx, knowledge, {
            tenantId,
            question: TYPO_QUESTIONS[i % TYPO_QUESTIONS.length] as string,
            settings: DEFAULT_RETRIEVAL,
          }),
        ),
      );
      let vectorLeg: Times | null = null;
      let recall: number | null = null;
      let idRecall: number | null = null;
      if (knowledge.store?.driver === 'pgvector') {
        vectorLeg = await timed((i) => nearest(db, tenantId, question(i), false));
        // Recall as ann-benchmarks counts it: a result is right when it is no farther than the exact
        // fifth nearest. Many price-list lines differ by a number only, so several are (nearly) as
        // close as each other, and which of them is "the" fifth is a tie, not an error.
        let found = 0;
        let sameIds = 0;
        let total = 0;
        for (const q of [...QUESTIONS, ...SERVICES.map((service) => `цена ${service}`)]) {
          const exact = await nearest(db, tenantId, q, true);
          const approximate = await nearest(db, tenantId, q, false);
          const fifth = exact.at(-1)?.distance ?? 0;
          found += approximate.filter((hit) => hit.distance <= fifth + 1e-6).length;
          const exactIds = new Set(exact.map((hit) => hit.id));
          sameIds += approximate.filter((hit) => exactIds.has(hit.id)).length;
          total += exact.length;
        }
        recall = total > 0 ? found / total : null;
        idRecall = total > 0 ? sameIds / total : null;
      }
      sizes.push({ chunks, seedSeconds, retrieve: retrieveTimes, typos, vectorLeg, recall, idRecall });
    }

    // What a visitor's message pays for the knowledge, for a company of a few hundred chunks.
    const tenantId = await signUp();
    await seed(db, tenantId, SMALL_COMPANY);
    const added = await timed((i) =>
      db.withTenant(tenantId, async (tx) => {
        const found = await retrieve(tx, knowledge, {
          tenantId,
          question: QUESTIONS[i % QUESTIONS.length] as string,
          settings: DEFAULT_RETRIEVAL,
        });
        await recordMatch(tx, { tenantId, sessionId: null, source: 'chat', retrieval: found });
      }),
    );
    return { sizes, added, driver: knowledge.store?.driver ?? 'full text only' };
  } finally {
    await app.close();
    await services.pdf.close();
  }
}

function report(label: string, result: Awaited<ReturnType<typeof measureOn>>): string {
  const lines = [
    `### ${label} (vectors: ${result.driver})`,
    '',
    `| chunks | seed | retrieve() p50 | p95 | first ${RUNS} runs p50 | p95 | with a typo p50 | p95 | vector leg p50 | p95 | recall@5 (HNSW vs exact) | same ids |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...result.sizes.map(
      (size) =>
        `| ${size.chunks.toLocaleString('en-US')} | ${size.seedSeconds.toFixed(0)} s | ${ms(percentile(size.retrieve.warm, 50))} | ${ms(percentile(size.retrieve.warm, 95))} | ${ms(percentile(size.retrieve.first, 50))} | ${ms(percentile(size.retrieve.first, 95))} | ${ms(percentile(size.typos.warm, 50))} | ${ms(percentile(size.typos.warm, 95))} | ${
          size.vectorLeg ? ms(percentile(size.vectorLeg.warm, 50)) : '—'
        } | ${size.vectorLeg ? ms(percentile(size.vectorLeg.warm, 95)) : '—'} | ${size.recall === null ? '—' : size.recall.toFixed(3)} | ${
          size.idRecall === null ? '—' : size.idRecall.toFixed(3)
        } |`,
    ),
    '',
    `Added to a chat reply's first token (retrieve and record, ${SMALL_COMPANY} chunks): p50 ${ms(percentile(result.added.warm, 50))}, p95 ${ms(percentile(result.added.warm, 95))}; over the first ${RUNS} runs p50 ${ms(percentile(result.added.first, 50))}, p95 ${ms(percentile(result.added.first, 95))}.`,
  ];
  return lines.join('\n');
}

async function postgresUrl(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch {
    return null;
  }
  const name = `aimax_bench_rag_${Date.now()}`;
  await client.query(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

const sections: string[] = [];
if (ENGINES.includes('pglite')) {
  const pglite = await openPglite();
  await pglite.migrate();
  try {
    sections.push(report('PGlite (embedded)', await measureOn(pglite, 'PGlite')));
  } finally {
    await pglite.close();
  }
}
const server = ENGINES.includes('postgres') ? await postgresUrl() : null;
if (server) {
  const db = connectPostgres({ url: server.url });
  try {
    await db.migrate();
    sections.push(report('PostgreSQL', await measureOn(db, 'PostgreSQL')));
  } finally {
    await db.close();
    await server.drop();
  }
}

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 1024 ** 3)} GB, Node ${process.version}`;
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}; ${RUNS} runs per figure after ${WARMUP} others, over ${QUESTIONS.length} price-list questions, and the first ${RUNS} runs apart; «with a typo»: ${TYPO_QUESTIONS.length} questions with a misspelt word or one the list does not have; the local embedder (${MODEL}).`,
  'Targets: retrieve() p95 under 20 ms at 100 000 chunks; recall@5 ≥ 0.95; under 15 ms p50 added to the first token.',
  '',
  ...sections,
].join('\n');
console.log(body);
// A look at one engine is not the record.
if (!process.env.ENGINES) updatePerformanceSection('rag', 'Knowledge retrieval (bench/rag)', body);
