import { describe, expect, it } from 'vitest';
import { fuse, partitionByThreshold, type ScoredHit } from './fusion.ts';

const hits = (...pairs: [string, number][]): ScoredHit[] => pairs.map(([id, score]) => ({ id, score }));
const ids = (fused: { id: string }[]) => fused.map((hit) => hit.id);

describe('fuse', () => {
  it('scores Σ 1/(k + rank), so a passage two legs agree on beats one leg’s favourite', () => {
    const vector = hits(['a', 0.9], ['b', 0.8]);
    const fullText = hits(['b', 0.3], ['c', 0.1]);
    const fused = fuse([vector, fullText]);
    expect(ids(fused)).toEqual(['b', 'a', 'c']);
    expect(fused[0]?.score).toBe(1 / 62 + 1 / 61);
    expect(fused[1]?.score).toBe(1 / 61);
  });

  it('keeps each leg’s rank and raw score, and null where a leg missed the passage', () => {
    const [b, a] = fuse([hits(['a', 0.9], ['b', 0.8]), hits(['b', 0.3])]);
    expect(b?.legs).toEqual([
      { rank: 2, score: 0.8 },
      { rank: 1, score: 0.3 },
    ]);
    expect(a?.legs).toEqual([{ rank: 1, score: 0.9 }, null]);
  });

  it('ranks each list by its scores, not by the order it came in', () => {
    expect(ids(fuse([hits(['low', 0.1], ['high', 0.7])]))).toEqual(['high', 'low']);
  });

  it('gives equal raw scores one rank, leaving the choice to the other legs', () => {
    // Full-text ranks both passages 0.2 (docs/research.md); the vector leg tells them apart.
    const fullText = hits(['under-key', 0.2], ['bath-price', 0.2], ['guarantee', 0.1]);
    const vector = hits(['bath-price', 0.5], ['under-key', 0.4]);
    const fused = fuse([fullText, vector]);
    expect(ids(fused)).toEqual(['bath-price', 'under-key', 'guarantee']);
    expect(fused.map((hit) => hit.legs[0]?.rank)).toEqual([1, 1, 3]);
  });

  it('breaks a tie in fused score by the earliest leg that ranks them apart, then by id', () => {
    expect(ids(fuse([hits(['z', 0.1]), hits(['a', 0.9])]))).toEqual(['z', 'a']);
    expect(ids(fuse([hits(['z', 0.5], ['m', 0.5], ['a', 0.5])]))).toEqual(['a', 'm', 'z']);
  });

  it('lets k weigh one top rank against agreement: small k favours the top, 60 the agreement', () => {
    const first = hits(['top', 0.9], ['agreed', 0.8]);
    const second = hits(['x', 0.9], ['y', 0.8], ['agreed', 0.7]);
    // k = 0: top 1/1 against agreed 1/2 + 1/3; k = 60: 1/61 against 1/62 + 1/63.
    const sharp = ids(fuse([first, second], { k: 0 }));
    expect(sharp.indexOf('top')).toBeLessThan(sharp.indexOf('agreed'));
    expect(ids(fuse([first, second]))[0]).toBe('agreed');
  });

  it('counts an id found twice in one list once, at its best rank', () => {
    const [only] = fuse([hits(['a', 0.4], ['a', 0.9])]);
    expect(only).toEqual({ id: 'a', score: 1 / 61, legs: [{ rank: 1, score: 0.9 }] });
  });

  it('returns nothing for no hits and refuses a negative k or a NaN score', () => {
    expect(fuse([])).toEqual([]);
    expect(fuse([[], []])).toEqual([]);
    expect(() => fuse([hits(['a', 1])], { k: -1 })).toThrow(RangeError);
    expect(() => fuse([hits(['a', Number.NaN])])).toThrow(RangeError);
  });
});

describe('partitionByThreshold', () => {
  it('passes scores at or over a number, keeping the rest and the order', () => {
    const { passed, rejected } = partitionByThreshold(hits(['a', 0.7], ['b', 0.44], ['c', 0.45], ['d', 0.2]), 0.45);
    expect(ids(passed)).toEqual(['a', 'c']);
    expect(ids(rejected)).toEqual(['b', 'd']);
  });

  it('takes a predicate for compound rules on richer hits', () => {
    const fullText = [
      { id: 'two-lexemes', score: 0.05, lexemes: 2 },
      { id: 'one-weak', score: 0.05, lexemes: 1 },
      { id: 'one-strong', score: 0.3, lexemes: 1 },
    ];
    const { passed, rejected } = partitionByThreshold(fullText, (hit) => hit.lexemes >= 2 || hit.score >= 0.2);
    expect(ids(passed)).toEqual(['two-lexemes', 'one-strong']);
    expect(rejected).toEqual([{ id: 'one-weak', score: 0.05, lexemes: 1 }]);
  });
});
