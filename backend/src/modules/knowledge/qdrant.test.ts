// The Qdrant driver in the running app: against the loopback fake that answers as Qdrant's REST API
// does, or against a real Qdrant when QDRANT_URL is set (TEST_QDRANT_URL here, so that a developer's
// own QDRANT_URL never receives test data by accident).
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeQdrant, startFakeQdrant } from '../../../test/fakes/qdrant.ts';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, signUpOwner } from '../../../test/support/clients.ts';
import { kbJobs } from '../../db/schema.ts';
import type { CheckView, EntryView, KnowledgeView } from './schemas.ts';
import { collectionName } from './vectorStore.ts';

const REAL = process.env.TEST_QDRANT_URL;
let fake: FakeQdrant | undefined;
let ctx: TestContext;
const COLLECTION = collectionName('local-ngram-v1-384', 384);

beforeAll(async () => {
  if (!REAL) fake = await startFakeQdrant({ apiKey: 'qdrant-key' });
  ctx = await createTestApp({
    env: { QDRANT_URL: REAL ?? fake?.url, ...(REAL ? {} : { QDRANT_API_KEY: 'qdrant-key' }) },
  });
  await ctx.app.indexer.stop();
});
afterAll(async () => {
  await fake?.close();
});

const owner = () => signUpOwner(ctx.app);

async function addText(client: ApiClient, title: string, body: string): Promise<EntryView> {
  const response = await client.post('/api/knowledge/documents', { title, body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<EntryView>();
}

const check = async (client: ApiClient, question: string) =>
  (await client.post('/api/knowledge/check', { question })).json<CheckView>();

describe('knowledge vectors in Qdrant', () => {
  it('makes the collection with a tenant index at start, and says Qdrant serves the vectors', async () => {
    const client = await owner();
    const view = (await client.get('/api/knowledge')).json<KnowledgeView>();
    expect(view.search).toEqual({ vectors: 'qdrant', model: 'local-ngram-v1-384' });
    expect(view.warning).toBeNull();
    if (!fake) return;
    expect(fake.collections()).toContain(COLLECTION);
    const index = fake.requests.find((request) => request.path === `/collections/${COLLECTION}/index`);
    expect(index?.body).toEqual({ field_name: 'tenant_id', field_schema: { type: 'keyword', is_tenant: true } });
    expect(index?.apiKey).toBe('qdrant-key');
  });

  it('stores each chunk as a point of its tenant, finds it by vector, and forgets it with its entry', async () => {
    const a = await owner();
    const b = await owner();
    const canary = 'КАНАРЕЙКА-qd-91b2';
    const secret = await addText(a, 'Секрет', `Гарантия на ремонт ванной для своих: ${canary}.`);
    await addText(b, 'Гарантия', 'Гарантия на ремонт ванной — 2 года.');
    await ctx.app.indexer.runOnce();

    const fromA = await check(a, 'гарантия ремонт ванной');
    expect(fromA.vectors).toBe(true);
    expect(fromA.passages[0]).toMatchObject({ title: 'Секрет', passed: true, vector: expect.any(Number) });
    const fromB = await check(b, 'гарантия ремонт ванной для своих');
    expect(JSON.stringify(fromB)).not.toContain(canary);
    expect(fromB.passages[0]?.title).toBe('Гарантия');

    if (fake) {
      const tenantA = a.session.tenant?.id;
      const points = fake.points(COLLECTION).filter((point) => point.payload.entry_id === secret.id);
      expect(points).toHaveLength(1);
      expect(points[0]?.payload).toMatchObject({ tenant_id: tenantA, kind: 'passage' });
      // Every search names its tenant.
      const queries = fake.requests.filter((request) => request.path === `/collections/${COLLECTION}/points/query`);
      expect(queries.length).toBeGreaterThan(0);
      for (const query of queries) {
        expect((query.body as { filter: { must: unknown[] } }).filter.must[0]).toMatchObject({ key: 'tenant_id' });
      }
    }

    expect((await a.delete(`/api/knowledge/${secret.id}`)).statusCode).toBe(204);
    if (fake) expect(fake.points(COLLECTION).filter((point) => point.payload.entry_id === secret.id)).toEqual([]);
    expect((await check(a, 'гарантия ремонт ванной')).passages).toEqual([]);
  });

  it('retries an entry whose vectors Qdrant refused, and then indexes it', async () => {
    if (!fake) return;
    const client = await owner();
    const entry = await addText(client, 'Замер', 'Замер бесплатный, приезжаем в течение двух дней.');
    // The delete before the upsert, then the upsert itself, fail once.
    fake.failNext(503);
    await ctx.app.indexer.runOnce();
    const failed = (await client.get(`/api/knowledge/${entry.id}`)).json<EntryView>();
    expect(failed.status).toBe('indexing');
    await ctx.db.withTenant(client.session.tenant?.id as string, (tx) =>
      tx.update(kbJobs).set({ nextAttemptAt: sql`now()` }).where(eq(kbJobs.entryId, entry.id)),
    );
    await ctx.app.indexer.runOnce();
    expect((await client.get(`/api/knowledge/${entry.id}`)).json<EntryView>().status).toBe('ready');
  });
});
