import { describe, expect, it } from 'vitest';
import { formatActivityTime } from './activityTime';

// The tests run in Moscow's time (vitest.config.ts): 2026-11-20 12:30 there.
const now = new Date('2026-11-20T09:30:00.000Z');

describe('when a dialog last moved', () => {
  it('is a time of day today, «вчера» the day before', () => {
    expect(formatActivityTime('2026-11-20T06:05:00.000Z', now)).toBe('09:05');
    // 23:30 on the 19th in Moscow, though still the 19th in UTC as well.
    expect(formatActivityTime('2026-11-19T20:30:00.000Z', now)).toBe('вчера');
    // 00:30 on the 20th in Moscow is today, though it is the 19th in UTC.
    expect(formatActivityTime('2026-11-19T21:30:00.000Z', now)).toBe('00:30');
  });

  it('is a day this year, and a whole date before', () => {
    expect(formatActivityTime('2026-03-05T10:00:00.000Z', now)).toBe('5 мар.');
    expect(formatActivityTime('2025-12-31T10:00:00.000Z', now)).toBe('31.12.2025');
  });
});
