import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { type Database, queryRows } from '../../db/database.ts';
import { endOfMoscowDay, moscowDay, termEnd } from './paidTerm.ts';

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

const value = async (expression: SQL) => {
  const [row] = await db.withPlatform({ actorUserId: null, action: 'test.paid_term' }, (tx) =>
    queryRows<{ value: unknown }>(tx, sql`select ${expression} as value`),
  );
  const result = row?.value;
  // Raw queries give timestamps back as Postgres writes them, on either driver.
  return new Date(
    result instanceof Date ? result : String(result).replace(' ', 'T').replace(/\+00$/, 'Z'),
  ).toISOString();
};
const at = (iso: string) => sql`${iso}`;

describe('the end of a paid period', () => {
  it('is the last millisecond of the last paid day in Moscow', async () => {
    expect(await value(endOfMoscowDay(sql`${'2026-12-04'}`))).toBe('2026-12-04T20:59:59.999Z');
    expect(await value(endOfMoscowDay(sql`${'2026-12-31'}`))).toBe('2026-12-31T20:59:59.999Z');
  });

  it('names the Moscow day on both sides of midnight there and in UTC', async () => {
    const day = async (iso: string) => (await value(sql`${moscowDay(at(iso))}::text || 'T00:00:00Z'`)).slice(0, 10);
    expect(await day('2026-12-04T20:59:59.999Z')).toBe('2026-12-04');
    expect(await day('2026-12-04T21:00:00.000Z')).toBe('2026-12-05');
    // Past midnight UTC, still the 5th in Moscow: the day the old 23:59:59 UTC ends fell on.
    expect(await day('2026-12-04T23:59:59.000Z')).toBe('2026-12-05');
  });

  it('runs a term to the same day of the month `months` later, clamped to the month’s end', async () => {
    // Paid at 00:30 and at 23:30 Moscow time on 31 January: through 28 February either way.
    expect(await value(termEnd(at('2026-01-30T21:30:00Z'), 1))).toBe('2026-02-28T20:59:59.999Z');
    expect(await value(termEnd(at('2026-01-31T20:30:00Z'), 1))).toBe('2026-02-28T20:59:59.999Z');
    // Midnight in Moscow is 1 February there: through 1 March.
    expect(await value(termEnd(at('2026-01-31T21:00:00Z'), 1))).toBe('2026-03-01T20:59:59.999Z');
    expect(await value(termEnd(at('2026-12-01T07:00:00Z'), 12))).toBe('2027-12-01T20:59:59.999Z');
  });

  it('makes a renewal follow on without a gap or an overlap', async () => {
    const first = await value(termEnd(at('2026-03-10T09:00:00Z'), 1));
    expect(first).toBe('2026-04-10T20:59:59.999Z');
    expect(await value(termEnd(at(first), 3))).toBe('2026-07-10T20:59:59.999Z');
  });
});
