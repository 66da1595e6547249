// Embeddings from an OpenAI-compatible gateway (RouterAI by default): POST {baseUrl}/embeddings
// through the `openai` SDK, as the chat responder talks to it. This module owns batching under
// OpenAI's input limits, retrying what a later try can fix, and checking every answer: one vector
// per text, each of the configured size. docs/research.md, «Embeddings through an OpenAI-compatible
// gateway».
import { setTimeout as sleep } from 'node:timers/promises';
import OpenAI from 'openai';
import type { Embedder } from './embedder.ts';

/** OpenAI's documented limits for POST /embeddings, which gateways pass on. */
export const EMBEDDING_LIMITS = { inputsPerRequest: 2048, tokensPerInput: 8192, tokensPerRequest: 300_000 } as const;

/**
 * Tokens are estimated, not counted: the gateway's models have tokenizers of their own, and
 * batching only needs to stay under the limits. Three characters a token is a rough rule for
 * prose (not measured here); digits, emoji and some Cyrillic run denser, hence the request margin.
 */
const CHARS_PER_TOKEN = 3;
const MAX_INPUT_CHARS = EMBEDDING_LIMITS.tokensPerInput * CHARS_PER_TOKEN;
/**
 * A request's estimated tokens stay a sixth under the limit: an estimate that runs low for one
 * input runs low for a whole batch of similar ones, and a refused request fails all of them.
 */
const REQUEST_TOKEN_BUDGET = (EMBEDDING_LIMITS.tokensPerRequest * 5) / 6;

export interface RetryOptions {
  /** Tries in all, the first included; 4 unless set. */
  attempts?: number;
  /** Backoff before the second try, doubling after each; 500 ms unless set. */
  baseDelayMs?: number;
  /** The longest backoff; 8 s unless set. */
  maxDelayMs?: number;
  /** A Retry-After longer than this fails at once (its wait on the error), so a job can reschedule; 30 s. */
  maxRetryAfterMs?: number;
}

export interface GatewayEmbedderOptions {
  baseUrl: string;
  apiKey: string;
  /** The gateway's model id, such as `openai/text-embedding-3-small`. */
  model: string;
  /** How many numbers each vector must have: an answer of another size is an error, never re-sized. */
  dimensions: number;
  /** Deadline of one request, reading the answer included; a request past it is retried. */
  timeoutMs: number;
  retry?: RetryOptions;
}

/**
 * A request the gateway refused or never answered, or an answer that cannot be used. The message
 * names the model and what went wrong, and never contains the API key.
 */
export class EmbeddingGatewayError extends Error {
  override readonly name = 'EmbeddingGatewayError';
  readonly model: string;
  /** The gateway's HTTP status; undefined when no answer came (network, deadline) or it was unusable. */
  readonly status: number | undefined;
  /** Whether a later try may succeed: a rate limit or gateway trouble, not a refused input or a bad answer. */
  readonly retryable: boolean;
  /** How long the gateway asked to wait, from Retry-After. */
  readonly retryAfterMs: number | undefined;

  constructor(
    model: string,
    message: string,
    options: { status?: number; retryable?: boolean; retryAfterMs?: number } = {},
  ) {
    super(`embedding model "${model}": ${message}`);
    this.model = model;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * An `Embedder` on the gateway. Stored vectors are keyed by `gateway:<model>`, so switching models
 * re-indexes. Texts that are empty or only whitespace are not sent (OpenAI refuses empty strings)
 * and come back as null; the others go in batches, one request at a time, each retried with
 * backoff on 429, 5xx, a network failure or the deadline. Vectors are L2-normalised, since not
 * every model behind a gateway answers unit vectors and retrieval compares cosines.
 */
export function createGatewayEmbedder(options: GatewayEmbedderOptions): Embedder {
  const { model, dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new RangeError(`embedding dimensions must be a positive integer, not ${dimensions}`);
  }
  const request = createRequester(options);
  return {
    model: `gateway:${model}`,
    dimensions,
    async embed(texts, { signal, onUsage } = {}) {
      signal?.throwIfAborted();
      const vectors: (Float32Array | null)[] = texts.map(() => null);
      const pending: { position: number; text: string }[] = [];
      for (const [position, text] of texts.entries()) {
        if (text.trim() !== '') pending.push({ position, text: cutToInputLimit(text) });
      }
      for (const batch of planBatches(pending)) {
        const texts = batch.map((item) => item.text);
        const batchVectors = readVectors(await request(texts, signal, onUsage), batch.length, model);
        for (const [i, item] of batch.entries()) {
          const vector = batchVectors[i];
          if (vector === undefined) continue;
          if (vector.length !== dimensions) {
            throw new EmbeddingGatewayError(
              model,
              `the gateway answered vectors of ${vector.length} numbers, but ${dimensions} are configured`,
            );
          }
          vectors[item.position] = normalise(vector);
        }
      }
      return vectors;
    },
  };
}

/**
 * One tiny request, answering how many numbers the model's vectors have: for a start-up check that
 * the gateway serves the model and that the configured dimensions match it.
 */
export async function probeEmbeddingModel(
  options: Omit<GatewayEmbedderOptions, 'dimensions'> & { signal?: AbortSignal },
): Promise<number> {
  const answer = await createRequester(options)(['проверка'], options.signal);
  const [vector] = readVectors(answer, 1, options.model);
  if (!vector) throw new EmbeddingGatewayError(options.model, 'the gateway answered no vector');
  return vector.length;
}

/** `onUsage` gets the tokens of the request: the gateway's `usage.prompt_tokens`, or the estimate when it gives none. */
type Requester = (
  input: string[],
  signal: AbortSignal | undefined,
  onUsage?: (tokens: number) => void,
) => Promise<OpenAI.CreateEmbeddingResponse>;

function createRequester(options: Omit<GatewayEmbedderOptions, 'dimensions'>): Requester {
  const { model, apiKey, timeoutMs } = options;
  const { attempts = 4, baseDelayMs = 500, maxDelayMs = 8_000, maxRetryAfterMs = 30_000 } = options.retry ?? {};
  // Retries and deadlines are ours, as in responders.ts, not the SDK's.
  const client = new OpenAI({ baseURL: options.baseUrl, apiKey, maxRetries: 0 });
  // Gateways and proxies have been known to echo a rejected key in full.
  const redact = (text: string) => (apiKey ? text.replaceAll(apiKey, '[redacted]') : text);

  return async (input, signal, onUsage) => {
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const deadline = AbortSignal.timeout(timeoutMs);
      let answer: OpenAI.CreateEmbeddingResponse;
      try {
        answer = await client.embeddings.create(
          // 'float' always: without it the SDK asks for base64 and decodes whatever comes back as
          // base64, so a gateway that ignores the field and answers numbers gives garbage vectors.
          { model, input, encoding_format: 'float' },
          { signal: signal ? AbortSignal.any([signal, deadline]) : deadline },
        );
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const failure = describeFailure(error, deadline.aborted ? timeoutMs : undefined);
        const message = redact(failure.message);
        const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
        if (!failure.retryable || attempt >= attempts) {
          throw new EmbeddingGatewayError(model, `${message}${tries}`, failure);
        }
        if (failure.retryAfterMs !== undefined && failure.retryAfterMs > maxRetryAfterMs) {
          const seconds = Math.ceil(failure.retryAfterMs / 1000);
          throw new EmbeddingGatewayError(model, `${message}; the gateway asks to wait ${seconds} s${tries}`, failure);
        }
        const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)) * (0.8 + 0.2 * Math.random());
        await pause(failure.retryAfterMs ?? backoff, signal);
        continue;
      }
      const tokens = answer?.usage?.prompt_tokens;
      onUsage?.(typeof tokens === 'number' ? tokens : input.reduce((sum, text) => sum + estimateTokens(text), 0));
      return answer;
    }
  };
}

interface Failure {
  message: string;
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
}

function describeFailure(error: unknown, timedOutAfterMs: number | undefined): Failure {
  if (timedOutAfterMs !== undefined) return { message: `no answer within ${timedOutAfterMs} ms`, retryable: true };
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    const { status } = error;
    const retryAfterMs = error.headers ? readRetryAfter(error.headers) : undefined;
    return {
      // The SDK's message is the status and the gateway's own `error.message`.
      message: error.message,
      status,
      retryable: status === 408 || status === 429 || status >= 500,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { message: `the gateway could not be reached${cause}`, retryable: true };
  }
  return { message: `the gateway's answer could not be read: ${String(error)}`, retryable: false };
}

/** Retry-After in milliseconds: OpenAI's `retry-after-ms`, or the standard header in seconds or as a date. */
function readRetryAfter(headers: Headers): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Waits, or rejects with the signal's reason as soon as it aborts. */
async function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  try {
    await sleep(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw error;
  }
}

const estimateTokens = (text: string) => Math.ceil(text.length / CHARS_PER_TOKEN);

/**
 * An input over the per-input limit makes the gateway refuse the whole request. Chunking keeps
 * passages far shorter, so such a text is a pasted blob without structure; its beginning still
 * says what it is about, which serves retrieval better than failing the document.
 */
function cutToInputLimit(text: string): string {
  if (text.length <= MAX_INPUT_CHARS) return text;
  const cut = text.slice(0, MAX_INPUT_CHARS);
  // Never end on half of a surrogate pair: the gateway would get a broken character.
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** Consecutive batches within both the count limit and the estimated token budget of one request. */
function planBatches<T extends { text: string }>(items: readonly T[]): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let tokens = 0;
  for (const item of items) {
    const itemTokens = estimateTokens(item.text);
    if (
      batch.length > 0 &&
      (batch.length >= EMBEDDING_LIMITS.inputsPerRequest || tokens + itemTokens > REQUEST_TOKEN_BUDGET)
    ) {
      batches.push(batch);
      batch = [];
      tokens = 0;
    }
    batch.push(item);
    tokens += itemTokens;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * The answer's vectors in input order, mapped back by `index` (OpenAI does not promise the order),
 * as the numbers came; every input must have exactly one.
 */
function readVectors(answer: unknown, count: number, model: string): Float64Array[] {
  const data = (answer as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new EmbeddingGatewayError(model, 'the gateway answered without a `data` list');
  const vectors: (Float64Array | undefined)[] = new Array(count).fill(undefined);
  for (const item of data as { index?: unknown; embedding?: unknown }[]) {
    const index = item?.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count || vectors[index]) {
      throw new EmbeddingGatewayError(model, `the gateway answered index ${String(index)} for ${count} inputs`);
    }
    vectors[index] = readVector(item.embedding, model);
  }
  if (vectors.includes(undefined)) {
    throw new EmbeddingGatewayError(model, `the gateway answered ${data.length} vectors for ${count} inputs`);
  }
  return vectors as Float64Array[];
}

function readVector(embedding: unknown, model: string): Float64Array {
  // Some gateways answer base64 whatever was asked: little-endian float32, as OpenAI encodes it.
  if (typeof embedding === 'string') {
    const bytes = Buffer.from(embedding, 'base64');
    if (bytes.length === 0 || bytes.length % 4 !== 0) {
      throw new EmbeddingGatewayError(model, `the gateway answered a base64 vector of ${bytes.length} bytes`);
    }
    const vector = new Float64Array(bytes.length / 4);
    for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
    return checkFinite(vector, model);
  }
  if (!Array.isArray(embedding))
    throw new EmbeddingGatewayError(model, 'the gateway answered a vector that is not a list');
  if (!embedding.every((value) => typeof value === 'number')) {
    throw new EmbeddingGatewayError(model, 'the gateway answered a vector with values that are not numbers');
  }
  return checkFinite(Float64Array.from(embedding as number[]), model);
}

function checkFinite(vector: Float64Array, model: string): Float64Array {
  if (!vector.every(Number.isFinite)) throw new EmbeddingGatewayError(model, 'the gateway answered NaN or infinity');
  return vector;
}

/** The unit vector, or null for an all-zero one: pgvector's cosine to a zero vector is NULL. */
function normalise(vector: Float64Array): Float32Array | null {
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  if (sumOfSquares === 0) return null;
  const scale = 1 / Math.sqrt(sumOfSquares);
  return Float32Array.from(vector, (value) => value * scale);
}
