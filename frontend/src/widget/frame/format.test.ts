import { describe, expect, it } from 'vitest';
import { estimateOf, formatRubles, formatTime } from './format';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('format', () => {
  it('writes rubles and times the Russian way', () => {
    expect(plain(formatRubles(567_000))).toBe('567 000 ₽');
    expect(formatTime('2026-03-02T09:30:00.000Z')).toBe('12:30');
  });

  it('reads the estimate an estimate message carries, and nothing else', () => {
    const estimate = {
      lines: [{ title: 'Ремонт: капитальный', details: '54 м²', amount: 567_000 }, { title: 42 }],
      total: 567_000,
      range: { min: 510_000, max: 652_000 },
    };
    expect(estimateOf({ estimate })).toEqual({ ...estimate, lines: [estimate.lines[0]] });
    expect(estimateOf({})).toBeNull();
    expect(estimateOf({ estimate: { ...estimate, total: '567000' } })).toBeNull();
  });
});
