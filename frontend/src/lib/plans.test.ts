import { describe, expect, it } from 'vitest';
import { planExpired, planInForce } from './plans';

const now = Date.parse('2026-03-05T10:00:00.000Z');

describe('planInForce', () => {
  it('is the plan bought while its term lasts, or when it has none', () => {
    expect(planInForce({ plan: 'business', planExpiresAt: '2026-03-05T10:00:01.000Z' }, now)).toBe('business');
    expect(planInForce({ plan: 'enterprise', planExpiresAt: null }, now)).toBe('enterprise');
  });

  it('is Free once a paid term has ended, to the millisecond', () => {
    expect(planInForce({ plan: 'start', planExpiresAt: '2026-03-05T10:00:00.000Z' }, now)).toBe('free');
    expect(planExpired({ plan: 'start', planExpiresAt: '2026-02-01T00:00:00.000Z' }, now)).toBe(true);
  });

  it('never calls Free expired', () => {
    expect(planExpired({ plan: 'free', planExpiresAt: '2026-02-01T00:00:00.000Z' }, now)).toBe(false);
  });
});
