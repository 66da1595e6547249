// Turning text into vectors. `Embedder` is what indexing and retrieval call; this module also owns
// the local embedder, used when no embedding gateway is configured: hashed character n-grams
// (docs/research.md, «Local embedder»), deterministic and with nothing to download.
import { searchTokens } from './text.ts';

export interface Embedder {
  /** The id stored vectors are keyed by: a different id means different vectors, so a re-index. */
  readonly model: string;
  readonly dimensions: number;
  /**
   * One vector per text, in order. `null` for a text with nothing to embed (empty, punctuation or
   * stop words only): pgvector's cosine distance to a zero vector is NULL, so callers skip such a
   * chunk instead of storing it, and skip the vector leg for such a question.
   */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<(Float32Array | null)[]>;
}

export interface EmbedOptions {
  signal?: AbortSignal;
  /** Called with the tokens each request to a paid model took; the local embedder costs none. */
  onUsage?(tokens: number): void;
}

const MIN_GRAM = 3;
const MAX_GRAM = 5;
/** pgvector's HNSW index takes `vector` columns of at most 2000 dimensions. */
const MAX_DIMENSIONS = 2000;
/** Longer synchronous runs are split so that a big indexing batch does not hold the event loop. */
const SLICE_MS = 8;

/**
 * The local embedder. Each word of `searchTokens(text)` (so stop words and synonyms apply, as for
 * full-text search) contributes its character 3–5-grams of `<word>`, the brackets marking the word's
 * edges, and the whole word; each feature is hashed (FNV-1a 32 over UTF-8, then murmur3's fmix32
 * finaliser) to index `hash % dimensions` with the sign of the hash's top bit, and the sum is
 * L2-normalised. It is blind to word order and forgiving of case endings, but knows no meaning:
 * «ремонт кухни» comes close to «ремонт ванной», so never gate an answer on its cosine alone.
 *
 * The model id carries the algorithm version and the dimensions; bump the version whenever the
 * features, the hash or the word lists in text.ts change.
 */
export function createLocalEmbedder(options: { dimensions?: number } = {}): Embedder {
  const dimensions = options.dimensions ?? 384;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > MAX_DIMENSIONS) {
    throw new RangeError(`the local embedder takes 1 to ${MAX_DIMENSIONS} dimensions, not ${dimensions}`);
  }
  return {
    model: `local-ngram-v1-${dimensions}`,
    dimensions,
    async embed(texts, { signal } = {}) {
      signal?.throwIfAborted();
      const vectors: (Float32Array | null)[] = [];
      let sliceStart = performance.now();
      for (const text of texts) {
        vectors.push(embedLocally(text, dimensions));
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          signal?.throwIfAborted();
          sliceStart = performance.now();
        }
      }
      return vectors;
    },
  };
}

/** The local embedder's vector for one text, synchronously; `null` when the text has no words. */
export function embedLocally(text: string, dimensions: number): Float32Array | null {
  const vector = new Float32Array(dimensions);
  for (const word of searchTokens(text)) {
    const codePoints = Array.from(`<${word}>`, (char) => char.codePointAt(0) ?? 0);
    // The whole word: `w:` and the word without its brackets, a string no n-gram can equal.
    addFeature(vector, finishHash(hashCodePoints(WORD_SEED, codePoints, 1, codePoints.length - 1)));
    for (let n = MIN_GRAM; n <= MAX_GRAM; n++) {
      for (let start = 0; start + n <= codePoints.length; start++) {
        addFeature(vector, finishHash(hashCodePoints(FNV_OFFSET, codePoints, start, start + n)));
      }
    }
  }
  let sumOfSquares = 0;
  for (const value of vector) sumOfSquares += value * value;
  // Also null when colliding features cancel out exactly: a zero vector has no cosine either way.
  if (sumOfSquares === 0) return null;
  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let i = 0; i < dimensions; i++) vector[i] = (vector[i] ?? 0) * scale;
  return vector;
}

function addFeature(vector: Float32Array, hash: number): void {
  const index = hash % vector.length;
  vector[index] = (vector[index] ?? 0) + (hash >>> 31 === 1 ? -1 : 1);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a 32 over the UTF-8 bytes of `codePoints[from, to)`, continuing from `hash`. Hashing code
 * points in place spares building a string per n-gram.
 */
function hashCodePoints(hash: number, codePoints: readonly number[], from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const point = codePoints[i] ?? 0;
    if (point < 0x80) {
      hash = Math.imul(hash ^ point, FNV_PRIME);
    } else if (point < 0x800) {
      hash = Math.imul(hash ^ (0xc0 | (point >> 6)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | (point & 0x3f)), FNV_PRIME);
    } else if (point < 0x10000) {
      hash = Math.imul(hash ^ (0xe0 | (point >> 12)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((point >> 6) & 0x3f)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | (point & 0x3f)), FNV_PRIME);
    } else {
      hash = Math.imul(hash ^ (0xf0 | (point >> 18)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((point >> 12) & 0x3f)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | ((point >> 6) & 0x3f)), FNV_PRIME);
      hash = Math.imul(hash ^ (0x80 | (point & 0x3f)), FNV_PRIME);
    }
  }
  return hash;
}

/** FNV-1a's state after `w:`, where every whole-word feature starts. */
const WORD_SEED = hashCodePoints(FNV_OFFSET, [0x77, 0x3a], 0, 2);

/** murmur3's fmix32, so that `hash % dimensions` and the sign bit are both well mixed. */
function finishHash(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** Cosine similarity of two vectors of the same length; 0 when either is all zeros. */
export function cosine(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`cannot compare vectors of ${a.length} and ${b.length} dimensions`);
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
