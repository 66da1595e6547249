import { describe, expect, it } from 'vitest';
import { choiceOf, formatDuration, formatPercent, lastDays, paramsWithPeriod, periodFromParams } from './conversion';

describe('the conversion period in the address', () => {
  it('reads a preset or both custom dates', () => {
    expect(periodFromParams(new URLSearchParams('period=7d'))).toEqual({ period: '7d' });
    expect(periodFromParams(new URLSearchParams('from=2026-03-01&to=2026-03-31'))).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
    });
    // Dates win over a preset, as the API takes one or the other.
    expect(periodFromParams(new URLSearchParams('period=today&from=2026-03-01&to=2026-03-02'))).toEqual({
      from: '2026-03-01',
      to: '2026-03-02',
    });
  });

  it('falls back to 30 days for what the API would refuse', () => {
    expect(periodFromParams(new URLSearchParams(''))).toEqual({});
    expect(periodFromParams(new URLSearchParams('period=90d'))).toEqual({});
    expect(periodFromParams(new URLSearchParams('from=01.03.2026&to=2026-03-31'))).toEqual({});
    expect(periodFromParams(new URLSearchParams('from=2026-03-01'))).toEqual({});
    expect(choiceOf({})).toBe('30d');
    expect(choiceOf({ from: '2026-03-01', to: '2026-03-31' })).toBe('custom');
    expect(lastDays(30, new Date(2026, 2, 5, 12))).toEqual({ from: '2026-02-04', to: '2026-03-05' });
  });

  it('writes the period and keeps the rest of the address', () => {
    const current = new URLSearchParams('from=2026-03-01&to=2026-03-31&tab=x');
    expect(paramsWithPeriod(current, { period: 'today' }).toString()).toBe('tab=x&period=today');
    expect(
      paramsWithPeriod(new URLSearchParams('period=7d'), { from: '2026-03-01', to: '2026-03-02' }).toString(),
    ).toBe('from=2026-03-01&to=2026-03-02');
  });
});

describe('the conversion figures in words', () => {
  it('writes per cents in Russian, with a dash for nothing to take them of', () => {
    expect(formatPercent(87.5)).toBe('87,5\u00a0%');
    expect(formatPercent(100)).toBe('100\u00a0%');
    expect(formatPercent(null)).toBe('—');
  });

  it('writes durations in seconds, minutes and hours', () => {
    expect(formatDuration(45)).toBe('45 с');
    expect(formatDuration(90)).toBe('1 мин 30 с');
    expect(formatDuration(120)).toBe('2 мин');
    expect(formatDuration(3900)).toBe('1 ч 5 мин');
  });
});
