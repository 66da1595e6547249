import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cosine, createLocalEmbedder, embedLocally } from './embedder.ts';

// Thresholds docs/research.md proposes for this embedder: a passage's cosine must reach about 0.45
// to pass the vector leg, a curated question about 0.7 to be answered by its pair.
const PASSAGE_THRESHOLD = 0.45;
const CURATED_THRESHOLD = 0.7;

function similarity(a: string, b: string): number {
  const x = embedLocally(a, 384);
  const y = embedLocally(b, 384);
  if (!x || !y) throw new Error(`nothing to embed in «${x ? b : a}»`);
  return cosine(x, y);
}

describe('createLocalEmbedder', () => {
  it('names its model by version and dimensions, 384 by default', () => {
    const embedder = createLocalEmbedder();
    expect(embedder.model).toBe('local-ngram-v1-384');
    expect(embedder.dimensions).toBe(384);
    expect(createLocalEmbedder({ dimensions: 256 }).model).toBe('local-ngram-v1-256');
  });

  it('refuses dimensions a pgvector HNSW index cannot hold, or none', () => {
    for (const dimensions of [0, -1, 2001, 12.5, Number.NaN]) {
      expect(() => createLocalEmbedder({ dimensions }), String(dimensions)).toThrow(RangeError);
    }
  });

  it('returns one unit vector per text, in order, the same on every call', async () => {
    const texts = ['Сколько стоит ремонт ванной?', 'Гарантия на все работы — 2 года'];
    const first = await createLocalEmbedder({ dimensions: 256 }).embed(texts);
    const again = await createLocalEmbedder({ dimensions: 256 }).embed(texts);
    expect(first).toHaveLength(2);
    for (const [i, vector] of first.entries()) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(256);
      expect(Math.hypot(...(vector ?? []))).toBeCloseTo(1, 5);
      expect(again[i]).toEqual(vector);
      expect(vector).toEqual(embedLocally(texts[i] ?? '', 256));
    }
    expect(first[0]).not.toEqual(first[1]);
  });

  it('returns null for a text with nothing to embed, since a zero vector has no cosine in pgvector', async () => {
    const vectors = await createLocalEmbedder().embed(['', '!!! —', 'и или на', 'ремонт']);
    expect(vectors.slice(0, 3)).toEqual([null, null, null]);
    expect(vectors[3]).toBeInstanceOf(Float32Array);
  });

  it('keeps the vectors stored under local-ngram-v1 (a change here needs a new model id)', () => {
    const vector = embedLocally('Сколько стоит ремонт ванной комнаты под ключ? Гарантия 2 года, замер 0 ₽.', 384);
    const digest = createHash('sha256')
      .update(JSON.stringify(Array.from(vector ?? [])))
      .digest('hex');
    expect(digest).toBe('940070d09f0b51ef3a75a70b52fedffe933e7c52579d39a2672bcf01973ac9ca');
  });

  it('stops when the signal is aborted, before or during a batch', async () => {
    const embedder = createLocalEmbedder();
    await expect(embedder.embed(['ремонт'], { signal: AbortSignal.abort() })).rejects.toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 0);
    const batch = Array.from({ length: 3000 }, (_, i) => `Ремонт квартиры под ключ, вариант ${i}. `.repeat(25));
    await expect(embedder.embed(batch, { signal: controller.signal })).rejects.toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });
});

describe('local embedder similarity', () => {
  it('ignores case, ё, punctuation, word order and stop words entirely', () => {
    expect(similarity('Сколько стоит ремонт ванной?', 'ремонт ванной — стоит!')).toBeCloseTo(1, 5);
    expect(similarity('ЁЛКА', 'елка')).toBeCloseTo(1, 5);
  });

  it('brings «сколько стоит ремонт ванной» over the passage threshold of «Стоимость ремонта ванных комнат»', () => {
    const question = 'сколько стоит ремонт ванной';
    const related = similarity(question, 'Стоимость ремонта ванных комнат');
    expect(related).toBeGreaterThanOrEqual(PASSAGE_THRESHOLD);
    for (const unrelated of ['Мы работаем в Москве и области', 'Гарантия на все работы — 2 года']) {
      const score = similarity(question, unrelated);
      expect(score, unrelated).toBeLessThan(0.15);
      expect(related - score, unrelated).toBeGreaterThan(0.3);
    }
  });

  it('matches a curated question asked in another word order, case ending or price word', () => {
    const curated = 'Сколько стоит ремонт ванной комнаты?';
    for (const paraphrase of [
      'ремонт ванной сколько стоит',
      'Сколько стоит ремонт ванных комнат',
      'а почём у вас ремонт ванной?',
    ]) {
      expect(similarity(curated, paraphrase), paraphrase).toBeGreaterThanOrEqual(CURATED_THRESHOLD);
    }
  });

  it('keeps a question on another subject under the curated threshold, though it shares most words', () => {
    const curated = 'Сколько стоит ремонт ванной комнаты?';
    const paraphrase = similarity(curated, 'Сколько стоит ремонт ванных комнат');
    for (const other of ['сколько стоит ремонт кухни', 'какая гарантия на ремонт ванной', 'цена ремонта санузла']) {
      const score = similarity(curated, other);
      expect(score, other).toBeLessThan(CURATED_THRESHOLD);
      expect(score, other).toBeLessThan(paraphrase);
    }
    expect(similarity(curated, 'Когда вы можете приехать на замер?')).toBeLessThan(0.15);
  });
});

describe('cosine', () => {
  it('is 1 for the same direction, 0 for orthogonal or zero vectors, −1 for opposite', () => {
    const a = Float32Array.from([3, 4, 0]);
    expect(cosine(a, Float32Array.from([6, 8, 0]))).toBeCloseTo(1, 6);
    expect(cosine(a, Float32Array.from([-3, -4, 0]))).toBeCloseTo(-1, 6);
    expect(cosine(a, Float32Array.from([0, 0, 5]))).toBe(0);
    expect(cosine(a, new Float32Array(3))).toBe(0);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => cosine(new Float32Array(3), new Float32Array(4))).toThrow(RangeError);
  });
});
