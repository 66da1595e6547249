import { describe, expect, it } from 'vitest';
import { dateInputValue } from './planTerm';

describe('dateInputValue', () => {
  it('reads a plan’s end back as its last paid day in Moscow', () => {
    // The end of 31 March in Moscow (UTC+3), as the server stores it.
    expect(dateInputValue('2026-03-31T20:59:59.999Z')).toBe('2026-03-31');
  });

  it('names the Moscow day on both sides of midnight, whatever the viewer’s time zone', () => {
    expect(dateInputValue('2026-12-31T20:59:59.999Z')).toBe('2026-12-31');
    expect(dateInputValue('2026-12-31T21:00:00.000Z')).toBe('2027-01-01');
    expect(dateInputValue('2026-12-31T23:59:59.000Z')).toBe('2027-01-01');
  });

  it('is empty when there is no term', () => {
    expect(dateInputValue(null)).toBe('');
  });
});
