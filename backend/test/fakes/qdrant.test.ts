// The fake Qdrant driven by the real client, @qdrant/js-client-rest 1.18.0, so the product's driver
// meets the requests, answers and errors it will meet on a real Qdrant. A few checks go through
// plain fetch, for what the client hides (plain-text bodies, JSON syntax errors, the Bearer header).
import { QdrantClient, QdrantClientResourceExhaustedError } from '@qdrant/js-client-rest';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeQdrant, startFakeQdrant } from './qdrant.ts';

const API_KEY = 'qdrant-test-key-5f1c';
const TENANT_A = '00000000-0000-4000-8000-00000000000a';
const TENANT_B = '00000000-0000-4000-8000-00000000000b';
const CANARY = 'canary-b-7f3e9a: только для компании B';

let fake: FakeQdrant;
let client: QdrantClient;

beforeAll(async () => {
  fake = await startFakeQdrant({ apiKey: API_KEY });
  // The client warns once per construction that the key travels over plain http.
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  client = new QdrantClient({ url: fake.url, apiKey: API_KEY, checkCompatibility: false });
  expect(warn).toHaveBeenCalledWith('Api key is used with unsecure connection.');
  warn.mockRestore();
});

afterAll(async () => {
  await fake.close();
});

let collectionCount = 0;

/** A new 4-d collection with the tenant index the product's driver creates. */
async function aCollection(distance: 'Cosine' | 'Dot' | 'Euclid' = 'Cosine') {
  collectionCount += 1;
  const name = `kb_local-ngram-v1-4_${collectionCount}`;
  await client.createCollection(name, { vectors: { size: 4, distance } });
  await client.createPayloadIndex(name, {
    field_name: 'tenant_id',
    field_schema: { type: 'keyword', is_tenant: true },
    wait: true,
  });
  return name;
}

const tenantFilter = (tenantId: string) => ({ must: [{ key: 'tenant_id', match: { value: tenantId } }] });

/** What the client throws for a non-2xx answer: an ApiError, which the package does not export. */
interface ClientError extends Error {
  status: number;
  data: unknown;
}

async function failure(promise: Promise<unknown>): Promise<ClientError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error).toHaveProperty('status');
  return error as ClientError;
}

const qdrantMessage = (error: ClientError) => (error.data as { status: { error: string } }).status.error;

const lastRequest = () => fake.requests.at(-1);

describe('collections', () => {
  it('answers GET / with its title and version, without a key', async () => {
    const keyless = new QdrantClient({ url: fake.url, checkCompatibility: false });
    const info = await keyless.versionInfo();
    expect(info.title).toBe('qdrant - vector search engine');
    expect(info.version).toMatch(/^1\.18\./);
  });

  it('creates a collection that did not exist, and refuses a second one with 409', async () => {
    const name = 'kb_created_once';
    expect(await client.collectionExists(name)).toEqual({ exists: false });
    expect(await client.createCollection(name, { vectors: { size: 4, distance: 'Cosine' } })).toBe(true);
    expect(lastRequest()).toMatchObject({ method: 'PUT', path: `/collections/${name}`, apiKey: API_KEY });
    expect(await client.collectionExists(name)).toEqual({ exists: true });
    expect(fake.collections()).toContain(name);

    const error = await failure(client.createCollection(name, { vectors: { size: 4, distance: 'Cosine' } }));
    expect(error.status).toBe(409);
    expect(qdrantMessage(error)).toBe(`Wrong input: Collection \`${name}\` already exists!`);
  });

  it('refuses a vector size over 65536 with 422, and a size of 0 as a format error', async () => {
    const tooLarge = await failure(
      client.createCollection('kb_too_large', { vectors: { size: 70000, distance: 'Dot' } }),
    );
    expect(tooLarge.status).toBe(422);
    expect(qdrantMessage(tooLarge)).toBe(
      'Validation error in JSON body: [vectors.size: value 70000 invalid, must be from 1 to 65536]',
    );
    const zero = await failure(client.createCollection('kb_zero', { vectors: { size: 0, distance: 'Dot' } }));
    expect(zero.status).toBe(400);
    expect(qdrantMessage(zero)).toMatch(/^Format error in JSON body: /);
    expect(fake.collections()).not.toContain('kb_too_large');
  });

  it('reports status, points_count, the vector params and the tenant index in getCollection', async () => {
    const name = await aCollection();
    await client.upsert(name, {
      points: [
        { id: 1, vector: [1, 0, 0, 0], payload: { tenant_id: TENANT_A } },
        { id: 2, vector: [0, 1, 0, 0], payload: {} },
      ],
    });
    const info = await client.getCollection(name);
    expect(info).toMatchObject({
      status: 'green',
      optimizer_status: 'ok',
      points_count: 2,
      config: { params: { vectors: { size: 4, distance: 'Cosine' } } },
      payload_schema: { tenant_id: { data_type: 'keyword', params: { type: 'keyword', is_tenant: true }, points: 1 } },
    });
  });

  it("answers 404 with Qdrant's message for a missing collection", async () => {
    const error = await failure(client.getCollection('kb_missing'));
    expect(error.status).toBe(404);
    expect(qdrantMessage(error)).toBe("Not found: Collection `kb_missing` doesn't exist!");
    // The message of the error is the status text, not Qdrant's description.
    expect(error.message).toBe('Not Found');

    const query = await failure(client.query('kb_missing', { query: [1, 0, 0, 0] }));
    expect(query.status).toBe(404);
  });

  it('drops a collection, and answers false for one that is not there', async () => {
    const name = await aCollection();
    expect(await client.deleteCollection(name)).toBe(true);
    expect(await client.deleteCollection(name)).toBe(false);
    expect(fake.collections()).not.toContain(name);
  });
});

describe('writes', () => {
  it('counts operations: the index is operation 0, the first upsert 1, and points carry that version', async () => {
    const name = await aCollection();
    const upsert = await client.upsert(name, { wait: true, points: [{ id: 7, vector: [1, 2, 3, 4] }] });
    expect(upsert).toEqual({ operation_id: 1, status: 'completed' });
    expect(lastRequest()).toMatchObject({
      method: 'PUT',
      path: `/collections/${name}/points`,
      query: { wait: 'true' },
    });
    const [point] = fake.points(name);
    expect(point).toMatchObject({ id: 7, version: 1, payload: {} });
    // Cosine collections store the vector normalised.
    expect(point?.vector.reduce((sum, x) => sum + x * x, 0)).toBeCloseTo(1, 12);
  });

  it('answers acknowledged without wait=true', async () => {
    const name = await aCollection();
    const result = await client.upsert(name, { wait: false, points: [{ id: 1, vector: [1, 0, 0, 0] }] });
    expect(result.status).toBe('acknowledged');
    expect(lastRequest()?.query).toEqual({ wait: 'false' });
  });

  it('keeps UUID ids, lowercased and hyphenated', async () => {
    const name = await aCollection();
    await client.upsert(name, {
      points: [{ id: 'A1B2C3D4E5F64A7B8C9D0E1F2A3B4C5D', vector: [1, 0, 0, 0], payload: { tenant_id: TENANT_A } }],
    });
    const { points } = await client.query(name, { query: [1, 0, 0, 0] });
    expect(points.map((point) => point.id)).toEqual(['a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d']);
  });

  it('refuses a vector of the wrong length with 400, and writes nothing of the batch', async () => {
    const name = await aCollection();
    const error = await failure(
      client.upsert(name, {
        points: [
          { id: 1, vector: [1, 0, 0, 0] },
          { id: 2, vector: [1, 0, 0] },
        ],
      }),
    );
    expect(error.status).toBe(400);
    expect(qdrantMessage(error)).toBe('Wrong input: Vector dimension error: expected dim: 4, got 3');
    expect(fake.points(name)).toEqual([]);
  });

  it('refuses an id that is neither an unsigned integer nor a UUID', async () => {
    const name = await aCollection();
    const error = await failure(client.upsert(name, { points: [{ id: 'chunk-12', vector: [1, 0, 0, 0] }] }));
    expect(error.status).toBe(400);
    expect(qdrantMessage(error)).toBe(
      'Format error in JSON body: value chunk-12 is not a valid point ID, valid values are either an unsigned integer or a UUID',
    );
    expect((error.data as { time: number }).time).toBe(0);
  });

  it('deletes by filter: only the tenant named loses its points', async () => {
    const name = await aCollection();
    await client.upsert(name, {
      points: [
        { id: 1, vector: [1, 0, 0, 0], payload: { tenant_id: TENANT_A } },
        { id: 2, vector: [0, 1, 0, 0], payload: { tenant_id: TENANT_B } },
        { id: 3, vector: [0, 0, 1, 0], payload: { tenant_id: TENANT_B } },
      ],
    });
    const result = await client.delete(name, { wait: true, filter: tenantFilter(TENANT_B) });
    expect(result.status).toBe('completed');
    expect(lastRequest()).toMatchObject({
      method: 'POST',
      path: `/collections/${name}/points/delete`,
      query: { wait: 'true' },
      body: { filter: tenantFilter(TENANT_B) },
    });
    expect(fake.points(name).map((point) => point.id)).toEqual([1]);
  });

  it('deletes by ids, acknowledged when not waited for', async () => {
    const name = await aCollection();
    await client.upsert(name, {
      points: [
        { id: 1, vector: [1, 0, 0, 0] },
        { id: 2, vector: [0, 1, 0, 0] },
      ],
    });
    const result = await client.delete(name, { points: [2] });
    expect(result.status).toBe('acknowledged');
    expect(fake.points(name).map((point) => point.id)).toEqual([1]);
  });
});

describe('queries', () => {
  async function aTwoTenantCollection() {
    const name = await aCollection();
    await client.upsert(name, {
      wait: true,
      points: [
        { id: 1, vector: [1, 0, 0, 0], payload: { tenant_id: TENANT_A, text: 'Стоимость ремонта ванных комнат' } },
        { id: 2, vector: [1, 1, 0, 0], payload: { tenant_id: TENANT_A, text: 'Гарантия на все работы — 2 года' } },
        { id: 3, vector: [0, 0, 1, 0], payload: { tenant_id: TENANT_A, text: 'Мы работаем в Москве' } },
        // Tenant B's canary, as near as it gets to tenant A's first point.
        { id: 4, vector: [1, 0.01, 0, 0], payload: { tenant_id: TENANT_B, text: CANARY } },
      ],
    });
    return name;
  }

  it('scores by exact cosine, best first, without payload unless asked', async () => {
    const name = await aTwoTenantCollection();
    const { points } = await client.query(name, { query: [2, 0, 0, 0], filter: tenantFilter(TENANT_A), limit: 3 });
    expect(points.map((point) => point.id)).toEqual([1, 2, 3]);
    expect(points[0]?.score).toBeCloseTo(1, 12);
    expect(points[1]?.score).toBeCloseTo(Math.SQRT1_2, 12);
    expect(points[2]?.score).toBeCloseTo(0, 12);
    expect(points[0]).not.toHaveProperty('payload');
    expect(points[0]?.version).toBe(1);
  });

  it("never returns tenant B to tenant A's filter, though B is the nearest", async () => {
    const name = await aTwoTenantCollection();
    const nearB = [1, 0.01, 0, 0];
    const unfiltered = await client.query(name, { query: nearB, limit: 1, with_payload: true });
    expect(unfiltered.points[0]?.payload?.text).toBe(CANARY);

    const { points } = await client.query(name, {
      query: nearB,
      filter: tenantFilter(TENANT_A),
      limit: 10,
      with_payload: true,
    });
    expect(points).toHaveLength(3);
    expect(points.every((point) => point.payload?.tenant_id === TENANT_A)).toBe(true);
    expect(JSON.stringify(points)).not.toContain('canary');
  });

  it('keeps tenants apart for any points and any query vector', async () => {
    const vector = fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ tenant: fc.constantFrom(TENANT_A, TENANT_B), vector }), { minLength: 1, maxLength: 12 }),
        vector,
        async (points, query) => {
          const name = await aCollection();
          await client.upsert(name, {
            points: points.map((point, index) => ({
              id: index,
              vector: point.vector,
              payload: { tenant_id: point.tenant, text: point.tenant === TENANT_B ? CANARY : 'текст компании A' },
            })),
          });
          const result = await client.query(name, {
            query,
            filter: tenantFilter(TENANT_A),
            limit: 100,
            with_payload: true,
          });
          expect(result.points).toHaveLength(points.filter((point) => point.tenant === TENANT_A).length);
          expect(JSON.stringify(result.points)).not.toContain('canary');
          await client.deleteCollection(name);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('drops what scores at or under score_threshold', async () => {
    const name = await aTwoTenantCollection();
    const { points } = await client.query(name, {
      query: [1, 0, 0, 0],
      filter: tenantFilter(TENANT_A),
      score_threshold: 0.5,
    });
    expect(points.map((point) => point.id)).toEqual([1, 2]);
  });

  it('matches any of several values, should and must_not', async () => {
    const name = await aTwoTenantCollection();
    const any = await client.query(name, {
      query: [1, 0, 0, 0],
      filter: { must: [{ key: 'tenant_id', match: { any: [TENANT_A, 'someone-else'] } }], must_not: [{ has_id: [2] }] },
    });
    expect(any.points.map((point) => point.id)).toEqual([1, 3]);
    const should = await client.query(name, {
      query: [1, 0, 0, 0],
      filter: {
        must: [tenantFilter(TENANT_A)],
        should: [
          { key: 'text', match: { text: 'Москве' } },
          { key: 'text', match: { text: 'Гарантия' } },
        ],
      },
    });
    expect(should.points.map((point) => point.id)).toEqual([2, 3]);
  });

  it('answers the older search with a list, payload included by the client default', async () => {
    const name = await aTwoTenantCollection();
    const points = await client.search(name, { vector: [1, 0, 0, 0], filter: tenantFilter(TENANT_A), limit: 1 });
    expect(lastRequest()).toMatchObject({ method: 'POST', path: `/collections/${name}/points/search` });
    expect(lastRequest()?.body).toMatchObject({ with_payload: true, limit: 1 });
    expect(points).toEqual([
      { id: 1, version: 1, score: expect.closeTo(1, 12), payload: expect.objectContaining({ tenant_id: TENANT_A }) },
    ]);
  });

  it('orders Euclid by distance, nearest first', async () => {
    const name = await aCollection('Euclid');
    await client.upsert(name, {
      points: [
        { id: 1, vector: [3, 4, 0, 0] },
        { id: 2, vector: [1, 0, 0, 0] },
      ],
    });
    const { points } = await client.query(name, { query: [0, 0, 0, 0] });
    expect(points.map((point) => [point.id, point.score])).toEqual([
      [2, 1],
      [1, 5],
    ]);
  });

  it('refuses limit 0 with 422', async () => {
    const name = await aTwoTenantCollection();
    const error = await failure(client.query(name, { query: [1, 0, 0, 0], limit: 0 }));
    expect(error.status).toBe(422);
    expect(qdrantMessage(error)).toBe('Validation error in JSON body: [limit: value 0 invalid, must be 1 or larger]');
  });

  it('refuses a query vector of the wrong length with 400', async () => {
    const name = await aTwoTenantCollection();
    const error = await failure(client.query(name, { query: [1, 0] }));
    expect(error.status).toBe(400);
    expect(qdrantMessage(error)).toBe('Wrong input: Vector dimension error: expected dim: 4, got 2');
  });
});

describe('keys and failures', () => {
  it('refuses a request without a key with a plain-text 401', async () => {
    const keyless = new QdrantClient({ url: fake.url, checkCompatibility: false });
    const error = await failure(keyless.getCollections());
    expect(error.status).toBe(401);
    expect(error.data).toBe('Must provide an API key or an Authorization bearer token');
  });

  it('refuses a wrong key with 401', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const wrong = new QdrantClient({ url: fake.url, apiKey: 'not-the-key', checkCompatibility: false });
    warn.mockRestore();
    const error = await failure(wrong.collectionExists('kb_any'));
    expect(error.status).toBe(401);
    expect(error.data).toBe('Invalid API key or JWT');
    expect(lastRequest()).toMatchObject({ apiKey: 'not-the-key', status: 401 });
  });

  it('leaves the health probes open, as Qdrant does', async () => {
    const response = await fetch(`${fake.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('healthz check passed');
  });

  it('accepts the key as a Bearer token', async () => {
    const response = await fetch(`${fake.url}/collections`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', result: { collections: expect.any(Array) } });
  });

  it('answers a body that is not JSON with 400 and a format error', async () => {
    const response = await fetch(`${fake.url}/collections/kb_any/points/query`, {
      method: 'POST',
      headers: { 'api-key': API_KEY, 'content-type': 'application/json' },
      body: '{"query": [1, 0,',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { status: { error: string }; time: number };
    expect(body.status.error).toMatch(/^Format error in JSON body: /);
    expect(body.time).toBe(0);
  });

  it('answers an unknown route with an empty 404', async () => {
    const response = await fetch(`${fake.url}/collections/kb_any/points/scroll`, {
      method: 'POST',
      headers: { 'api-key': API_KEY, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });

  it('fails the next request as told', async () => {
    fake.failNext(500);
    const error = await failure(client.getCollections());
    expect(error.status).toBe(500);
    expect(qdrantMessage(error)).toMatch(/^Service internal error: /);
    expect((await client.getCollections()).collections).toEqual(expect.any(Array));
  });

  it('fails with 429 and Retry-After, which the client turns into a resource-exhausted error', async () => {
    fake.failNext(429);
    const error = await client.getCollections().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(QdrantClientResourceExhaustedError);
    expect((error as QdrantClientResourceExhaustedError).retry_after).toBe(1);
  });

  it('shows that the client reads only the first character of Retry-After', async () => {
    fake.failNext(429, undefined, { 'retry-after': '30' });
    const error = await client.getCollections().catch((reason: unknown) => reason);
    // 1.18.0 takes `headers.get('retry-after')?.[0]`: "30" becomes 3 seconds.
    expect((error as QdrantClientResourceExhaustedError).retry_after).toBe(3);
  });
});
