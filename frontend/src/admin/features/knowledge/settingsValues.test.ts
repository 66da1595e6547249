import { describe, expect, it } from 'vitest';
import { settingsInputOf, settingsValuesOf } from './settingsValues';

describe('the search settings form', () => {
  it('shows the saved numbers and sends them back unchanged', () => {
    const settings = { topK: 4, minSimilarity: 0.45, qaSimilarity: 0.7 };
    expect(settingsValuesOf(settings)).toEqual({ topK: '4', minSimilarity: '0.45', qaSimilarity: '0.7' });
    expect(settingsInputOf(settingsValuesOf(settings))).toEqual(settings);
  });

  it('reads a decimal comma', () => {
    expect(settingsInputOf({ topK: ' 6 ', minSimilarity: '0,5', qaSimilarity: '0,85' })).toEqual({
      topK: 6,
      minSimilarity: 0.5,
      qaSimilarity: 0.85,
    });
  });

  it('sends what is not a number as such, for the server to name the field', () => {
    const input = settingsInputOf({ topK: '', minSimilarity: 'половина', qaSimilarity: '0.7' });
    expect(input.topK).toBeNaN();
    expect(input.minSimilarity).toBeNaN();
    expect(JSON.parse(JSON.stringify(input))).toEqual({ topK: null, minSimilarity: null, qaSimilarity: 0.7 });
  });
});
