// A paid embedding model's tokens are the company's: those of indexing its documents and those of
// each question searched, counted in the month as the gateway reported them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGateway, fakeTokenCount, startFakeGateway } from '../../../test/fakes/openaiGateway.ts';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { signUpOwner } from '../../../test/support/clients.ts';
import { usageReport } from '../billing/limitsService.ts';
import { DEFAULT_RETRIEVAL, retrieve } from './retrieve.ts';

let gateway: FakeGateway;
let ctx: TestContext;

beforeAll(async () => {
  gateway = await startFakeGateway();
  ctx = await createTestApp({
    env: {
      LLM_BASE_URL: gateway.url,
      LLM_API_KEY: 'sk-test-key',
      LLM_MODEL: 'openai/gpt-4o-mini',
      EMBEDDING_MODEL: 'openai/text-embedding-3-small',
    },
  });
  await ctx.app.indexer.stop();
});
afterAll(async () => {
  await gateway.close();
});

/** The tokens of the embedding requests the gateway got after the `from`-th. */
const embeddingTokensSince = (from: number) =>
  gateway.embeddingRequests
    .slice(from)
    .flatMap((request) => (Array.isArray(request.body.input) ? request.body.input : [request.body.input]))
    .reduce((sum: number, text) => sum + fakeTokenCount(String(text)), 0);

describe('embedding tokens', () => {
  it('counts indexing and each question against the company, and not against another', async () => {
    const owner = await signUpOwner(ctx.app);
    const other = await signUpOwner(ctx.app);
    const tenantId = owner.session.tenant?.id as string;
    const tokensOf = (id: string) => ctx.app.db.withTenant(id, async (tx) => (await usageReport(tx, id)).tokens);
    expect(ctx.app.knowledge.embedder.model).toBe('gateway:openai/text-embedding-3-small');

    const beforeIndexing = gateway.embeddingRequests.length;
    const body = 'Ремонт ванной комнаты под ключ — от 150 000 ₽.\n\nГарантия на все работы — 3 года.';
    expect((await owner.post('/api/knowledge/documents', { title: 'Прайс', body })).statusCode).toBe(201);
    await ctx.app.indexer.runOnce();
    const indexing = embeddingTokensSince(beforeIndexing);
    // Without a vector store (PostgreSQL without pgvector) nothing is embedded, and nothing is owed.
    if (ctx.app.knowledge.store) expect(indexing).toBeGreaterThan(0);
    expect(await tokensOf(tenantId)).toBe(indexing);

    const beforeQuestion = gateway.embeddingRequests.length;
    const question = 'Сколько стоит ремонт ванной?';
    await ctx.app.db.withTenant(tenantId, (tx) =>
      retrieve(tx, ctx.app.knowledge, { tenantId, question, settings: DEFAULT_RETRIEVAL }),
    );
    const searching = embeddingTokensSince(beforeQuestion);
    // One request for the question, whichever legs use its vector.
    expect(searching).toBe(ctx.app.knowledge.store ? fakeTokenCount(question) : 0);
    expect(await tokensOf(tenantId)).toBe(indexing + searching);
    expect(await tokensOf(other.session.tenant?.id as string)).toBe(0);
  });
});
