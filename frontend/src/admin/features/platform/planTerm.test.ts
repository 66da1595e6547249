import { describe, expect, it } from 'vitest';
import { dateInputValue, endOfDay } from './planTerm';

// vitest.config.ts pins the time zone to Europe/Moscow (UTC+3).
describe('endOfDay', () => {
  it('is the last moment of the day where the operator is', () => {
    expect(endOfDay('2026-03-31')).toBe('2026-03-31T20:59:59.999Z');
  });

  it('rolls over months and years', () => {
    expect(endOfDay('2026-12-31')).toBe('2026-12-31T20:59:59.999Z');
    expect(endOfDay('2028-02-29')).toBe('2028-02-29T20:59:59.999Z');
  });
});

describe('dateInputValue', () => {
  it('reads a term back as the day it was entered', () => {
    expect(dateInputValue(endOfDay('2026-03-31'))).toBe('2026-03-31');
  });

  it('names the day in the viewer’s time zone', () => {
    expect(dateInputValue('2026-12-31T22:30:00.000Z')).toBe('2027-01-01');
  });

  it('is empty when there is no term', () => {
    expect(dateInputValue(null)).toBe('');
  });
});
