import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_EMBEDDING_DIMENSIONS,
  type FakeGateway,
  fakeEmbedding,
  fakeTokenCount,
  startFakeGateway,
} from '../../../test/fakes/openaiGateway.ts';
import type { Embedder } from './embedder.ts';
import {
  createGatewayEmbedder,
  EmbeddingGatewayError,
  type GatewayEmbedderOptions,
  probeEmbeddingModel,
} from './gatewayEmbedder.ts';

const API_KEY = 'sk-test-embedding-key-0123456789abcdef';

let gateway: FakeGateway;

beforeAll(async () => {
  gateway = await startFakeGateway();
});
afterAll(async () => {
  await gateway.close();
});

// Each test embeds with a model of its own, so its behaviour and its request log are its own.
let models = 0;
const newModel = () => `test/embedding-${++models}`;

function embedderFor(model: string, overrides: Partial<GatewayEmbedderOptions> = {}): Embedder {
  return createGatewayEmbedder({
    baseUrl: gateway.url,
    apiKey: API_KEY,
    model,
    dimensions: DEFAULT_EMBEDDING_DIMENSIONS,
    timeoutMs: 5_000,
    retry: { baseDelayMs: 5 },
    ...overrides,
  });
}

const requestsFor = (model: string) => gateway.embeddingRequests.filter((request) => request.body.model === model);
const sentInputs = (model: string) => requestsFor(model).map((request) => request.body.input as string[]);

function expectVectorOf(
  vector: Float32Array | null | undefined,
  text: string,
  dimensions = DEFAULT_EMBEDDING_DIMENSIONS,
) {
  expect(vector).toBeInstanceOf(Float32Array);
  const expected = fakeEmbedding(text, dimensions);
  expect(vector).toHaveLength(dimensions);
  for (const [i, value] of expected.entries()) expect(vector?.[i]).toBeCloseTo(value, 6);
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );

describe('createGatewayEmbedder', () => {
  it('keys its vectors by the gateway model and refuses dimensions that are not a positive integer', () => {
    const embedder = embedderFor('openai/text-embedding-3-small', { dimensions: 1536 });
    expect(embedder.model).toBe('gateway:openai/text-embedding-3-small');
    expect(embedder.dimensions).toBe(1536);
    for (const dimensions of [0, -1, 12.5, Number.NaN]) {
      expect(() => embedderFor('m', { dimensions }), String(dimensions)).toThrow(RangeError);
    }
  });

  it('returns one unit vector per text, in order, asking for floats with the API key', async () => {
    const model = newModel();
    const texts = ['Сколько стоит ремонт ванной?', 'Гарантия на все работы — 2 года', 'Сколько стоит ремонт ванной?'];
    const vectors = await embedderFor(model).embed(texts);

    expect(vectors).toHaveLength(3);
    for (const [i, text] of texts.entries()) {
      expectVectorOf(vectors[i], text);
      expect(Math.hypot(...(vectors[i] ?? []))).toBeCloseTo(1, 5);
    }
    expect(vectors[0]).toEqual(vectors[2]);
    expect(vectors[0]).not.toEqual(vectors[1]);
    const [request, ...others] = requestsFor(model);
    expect(others).toEqual([]);
    expect(request?.authorization).toBe(`Bearer ${API_KEY}`);
    // Never the SDK's default base64: a gateway ignoring the field would have its floats misread.
    expect(request?.body).toEqual({ model, input: texts, encoding_format: 'float' });
  });

  it('maps vectors back by index when the gateway lists them in another order', async () => {
    const model = newModel();
    gateway.behaveEmbeddings(model, { reversed: true });
    const texts = ['первый', 'второй', 'третий'];
    const vectors = await embedderFor(model).embed(texts);
    for (const [i, text] of texts.entries()) expectVectorOf(vectors[i], text);
  });

  it('returns null for empty and whitespace-only texts without sending them', async () => {
    const model = newModel();
    const vectors = await embedderFor(model).embed(['', 'ремонт', '  \n\t', 'кухня', '\u00a0']);

    expect(vectors[0]).toBeNull();
    expectVectorOf(vectors[1], 'ремонт');
    expect(vectors[2]).toBeNull();
    expectVectorOf(vectors[3], 'кухня');
    expect(vectors[4]).toBeNull();
    expect(sentInputs(model)).toEqual([['ремонт', 'кухня']]);

    const other = newModel();
    expect(await embedderFor(other).embed(['', ' '])).toEqual([null, null]);
    expect(await embedderFor(other).embed([])).toEqual([]);
    expect(requestsFor(other)).toEqual([]);
  });

  it('sends at most 2048 inputs a request: 5000 texts take 3 requests', async () => {
    const model = newModel();
    const texts = Array.from({ length: 5000 }, (_, i) => `вопрос номер ${i}`);
    const onUsage = vi.fn();
    const vectors = await embedderFor(model).embed(texts, { onUsage });

    expect(sentInputs(model).map((input) => input.length)).toEqual([2048, 2048, 904]);
    expect(sentInputs(model).flat()).toEqual(texts);
    expect(vectors.every((vector) => vector instanceof Float32Array)).toBe(true);
    for (const i of [0, 2047, 2048, 4095, 4096, 4999]) expectVectorOf(vectors[i], texts[i] ?? '');
    expect(onUsage).toHaveBeenCalledTimes(3);
  });

  it('keeps each request under the token budget and cuts a text over the per-input limit', async () => {
    const model = newModel();
    // 8192 tokens at an estimated 3 characters each; a request gets at most 250 000 estimated tokens.
    const longest = 8192 * 3;
    const texts = Array.from({ length: 40 }, (_, i) => `${i} `.padEnd(longest + 5000, 'ремонт '));
    const vectors = await embedderFor(model).embed(texts);

    const inputs = sentInputs(model);
    expect(inputs.map((input) => input.length)).toEqual([30, 10]);
    expect(inputs.flat().every((input, i) => input.length === longest && texts[i]?.startsWith(input))).toBe(true);
    expect(requestsFor(model).every((request) => request.status === 200)).toBe(true);
    expect(vectors.every((vector) => vector instanceof Float32Array)).toBe(true);
  });

  it('never cuts a text in the middle of a character', async () => {
    const model = newModel();
    // An odd start puts the cut between the two halves of an emoji's surrogate pair.
    await embedderFor(model).embed([`a${'😀'.repeat(20_000)}`]);
    const [sent] = sentInputs(model).flat();
    expect(sent).toHaveLength(8192 * 3 - 1);
    expect(sent?.endsWith('😀')).toBe(true);
  });

  it("reports each request's prompt tokens as the gateway counted them", async () => {
    const model = newModel();
    const onUsage = vi.fn();
    const texts = ['Сколько стоит ремонт ванной?', 'Гарантия'];
    await embedderFor(model).embed(texts, { onUsage });
    expect(onUsage).toHaveBeenCalledTimes(1);
    expect(onUsage).toHaveBeenCalledWith(fakeTokenCount(texts[0] ?? '') + fakeTokenCount(texts[1] ?? ''));
  });

  it('waits as long as a 429 says in Retry-After, then succeeds', async () => {
    const model = newModel();
    gateway.failEmbeddings({ status: 429, retryAfter: '1' });
    const started = performance.now();
    const [vector] = await embedderFor(model).embed(['ремонт']);

    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expectVectorOf(vector, 'ремонт');
    expect(requestsFor(model).map((request) => request.status)).toEqual([429, 200]);
  });

  it('retries a 500 with backoff, and gives up after the last attempt with a retryable error', async () => {
    const model = newModel();
    gateway.failEmbeddings({ status: 500, times: 2 });
    const [vector] = await embedderFor(model).embed(['ремонт']);
    expectVectorOf(vector, 'ремонт');
    expect(requestsFor(model).map((request) => request.status)).toEqual([500, 500, 200]);

    const failing = newModel();
    gateway.failEmbeddings({ status: 503, times: 3 });
    const error = await rejection(embedderFor(failing, { retry: { attempts: 3, baseDelayMs: 5 } }).embed(['ремонт']));
    expect(error).toBeInstanceOf(EmbeddingGatewayError);
    expect(error).toMatchObject({ status: 503, retryable: true, model: failing });
    expect((error as Error).message).toMatch(`embedding model "${failing}": 503`);
    expect((error as Error).message).toMatch('(after 3 attempts)');
    expect(requestsFor(failing)).toHaveLength(3);
  });

  it('does not wait out a Retry-After longer than it allows, and says how long to wait', async () => {
    const model = newModel();
    gateway.failEmbeddings({ status: 429, retryAfter: '120' });
    const error = await rejection(embedderFor(model).embed(['ремонт']));
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 120_000 });
    expect((error as Error).message).toMatch('wait 120 s');
    expect(requestsFor(model)).toHaveLength(1);
  });

  it('surfaces a refused request at once, with the gateway message and the model', async () => {
    const model = newModel();
    gateway.failEmbeddings({ status: 400 });
    const error = await rejection(embedderFor(model).embed(['ремонт']));
    expect(error).toBeInstanceOf(EmbeddingGatewayError);
    expect(error).toMatchObject({ status: 400, retryable: false });
    expect((error as Error).message).toBe(
      `embedding model "${model}": 400 '$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.`,
    );
    expect(requestsFor(model)).toHaveLength(1);
  });

  it('never quotes the API key, even when the gateway echoes it', async () => {
    const model = newModel();
    gateway.failEmbeddings({ status: 401 });
    const error = await rejection(embedderFor(model).embed(['ремонт']));
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(gateway.embeddingRequests.at(-1)?.status).toBe(401);
    expect((error as Error).message).toMatch('Incorrect API key provided: [redacted]');
    expect(`${String(error)} ${JSON.stringify(error)} ${(error as Error).stack}`).not.toContain(API_KEY);
  });

  it('refuses vectors of another size than configured, naming the model and the size', async () => {
    const model = newModel();
    gateway.behaveEmbeddings(model, { dimensions: 12 });
    const error = await rejection(embedderFor(model, { dimensions: 8 }).embed(['ремонт']));
    expect(error).toBeInstanceOf(EmbeddingGatewayError);
    expect((error as Error).message).toBe(
      `embedding model "${model}": the gateway answered vectors of 12 numbers, but 8 are configured`,
    );
  });

  it('reads base64 vectors from a gateway that answers them although floats were asked', async () => {
    const model = newModel();
    gateway.behaveEmbeddings(model, { encoding: 'base64' });
    const texts = ['ремонт ванной', 'замер бесплатно'];
    const vectors = await embedderFor(model).embed(texts);
    for (const [i, text] of texts.entries()) expectVectorOf(vectors[i], text);
    expect(requestsFor(model)[0]?.body.encoding_format).toBe('float');
  });

  it('normalises vectors a model answers longer than 1', async () => {
    const model = newModel();
    gateway.behaveEmbeddings(model, { unnormalised: true, dimensions: 64 });
    const [vector] = await embedderFor(model, { dimensions: 64 }).embed(['ремонт']);
    expectVectorOf(vector, 'ремонт', 64);
  });

  it('retries a request past its deadline, then fails naming the deadline', async () => {
    const model = newModel();
    gateway.behaveEmbeddings(model, { delayMs: 1_000 });
    const embedder = embedderFor(model, { timeoutMs: 100, retry: { attempts: 2, baseDelayMs: 5 } });
    const error = await rejection(embedder.embed(['ремонт']));
    expect(error).toMatchObject({ status: undefined, retryable: true });
    expect((error as Error).message).toBe(`embedding model "${model}": no answer within 100 ms (after 2 attempts)`);
    expect(requestsFor(model)).toHaveLength(2);
  });

  it('retries when the gateway cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const embedder = embedderFor('m', {
      baseUrl: `http://127.0.0.1:${port}/v1`,
      retry: { attempts: 2, baseDelayMs: 5 },
    });
    const error = await rejection(embedder.embed(['ремонт']));
    expect(error).toMatchObject({ status: undefined, retryable: true });
    expect((error as Error).message).toMatch(
      /^embedding model "m": the gateway could not be reached.*\(after 2 attempts\)$/,
    );
  });

  describe('stops with the signal’s reason', () => {
    it('before sending anything', async () => {
      const model = newModel();
      const reason = new Error('stopped');
      const error = await rejection(embedderFor(model).embed(['ремонт'], { signal: AbortSignal.abort(reason) }));
      expect(error).toBe(reason);
      expect(requestsFor(model)).toEqual([]);
    });

    it('while a request is on its way', async () => {
      const model = newModel();
      gateway.behaveEmbeddings(model, { delayMs: 2_000 });
      const controller = new AbortController();
      const reason = new Error('stopped');
      setTimeout(() => controller.abort(reason), 50);
      const started = performance.now();
      const error = await rejection(embedderFor(model).embed(['ремонт'], { signal: controller.signal }));
      expect(error).toBe(reason);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(requestsFor(model)).toHaveLength(1);
    });

    it('while waiting to retry', async () => {
      const model = newModel();
      gateway.failEmbeddings({ status: 429, retryAfter: '10' });
      const controller = new AbortController();
      const reason = new Error('stopped');
      setTimeout(() => controller.abort(reason), 100);
      const started = performance.now();
      const error = await rejection(embedderFor(model).embed(['ремонт'], { signal: controller.signal }));
      expect(error).toBe(reason);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(requestsFor(model).map((request) => request.status)).toEqual([429]);
    });
  });
});

describe('probeEmbeddingModel', () => {
  it('answers how many numbers the model’s vectors have, with one tiny request', async () => {
    const model = newModel();
    gateway.behaveEmbeddings(model, { dimensions: 1536 });
    const dimensions = await probeEmbeddingModel({ baseUrl: gateway.url, apiKey: API_KEY, model, timeoutMs: 5_000 });
    expect(dimensions).toBe(1536);
    expect(sentInputs(model)).toEqual([['проверка']]);
  });

  it('fails with the gateway’s reason when the model is refused', async () => {
    const model = newModel();
    gateway.failEmbeddings({ status: 400 });
    const probe = probeEmbeddingModel({ baseUrl: gateway.url, apiKey: API_KEY, model, timeoutMs: 5_000 });
    await expect(probe).rejects.toThrow(`embedding model "${model}": 400 '$.input' is invalid`);
  });
});

describe('the fake gateway’s POST /embeddings', () => {
  const post = (body: unknown) =>
    fetch(`${gateway.url}/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: JSON.stringify(body),
    });

  it('refuses an empty string and more than 2048 inputs in OpenAI’s error shape', async () => {
    for (const input of [['ремонт', ''], Array.from({ length: 2049 }, () => 'ремонт')]) {
      const response = await post({ model: 'm', input, encoding_format: 'float' });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: {
          message:
            "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
          type: 'invalid_request_error',
          param: null,
          code: null,
        },
      });
    }
  });

  it('answers the same float32 values as numbers or as little-endian base64', async () => {
    type Answer = { data: { embedding: number[] | string }[] };
    const asFloat = (await (await post({ model: 'm', input: ['ремонт'], encoding_format: 'float' })).json()) as Answer;
    const asBase64 = (await (
      await post({ model: 'm', input: ['ремонт'], encoding_format: 'base64' })
    ).json()) as Answer;
    expect(asFloat).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: Array.from(fakeEmbedding('ремонт', DEFAULT_EMBEDDING_DIMENSIONS)) },
      ],
      model: 'm',
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
    const bytes = Buffer.from(String(asBase64.data[0]?.embedding), 'base64');
    const decoded = Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readFloatLE(i * 4));
    expect(decoded).toEqual(asFloat.data[0]?.embedding);
  });
});
