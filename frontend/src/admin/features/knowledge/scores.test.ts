import { describe, expect, it } from 'vitest';
import { formatSimilarity } from './scores';

describe('formatSimilarity', () => {
  it('writes a cosine to two decimals with a comma', () => {
    expect(formatSimilarity(0.7234)).toBe('0,72');
    expect(formatSimilarity(0.7)).toBe('0,70');
    expect(formatSimilarity(1)).toBe('1,00');
  });

  it('reads a negative cosine (nothing alike) as zero', () => {
    expect(formatSimilarity(-0.12)).toBe('0,00');
  });
});
