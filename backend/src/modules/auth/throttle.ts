// Attempt counters kept in the database, so every instance of the app sees the same count.
// An attempt is counted before the password is checked: parallel guesses cannot slip past the
// limit while earlier ones are still being verified.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { authThrottle } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

export interface ThrottleRule {
  /** How many attempts a window allows. */
  limit: number;
  windowMs: number;
}

export const THROTTLE = {
  /** Sign-in attempts for one email: a password guesser gets 10 tries per quarter hour. */
  loginPerAccount: { limit: 10, windowMs: 15 * 60_000 },
  /** Sign-in attempts from one IP address, across all emails. */
  loginPerIp: { limit: 50, windowMs: 15 * 60_000 },
  /** New companies registered from one IP address. */
  signupPerIp: { limit: 10, windowMs: 60 * 60_000 },
  /** Current-password checks when changing it, for one user: the same budget as signing in. */
  passwordPerUser: { limit: 10, windowMs: 15 * 60_000 },
  /** Current-password checks from one IP address, across users. */
  passwordPerIp: { limit: 50, windowMs: 15 * 60_000 },
} satisfies Record<string, ThrottleRule>;

/** Counts one attempt for `key`; throws TOO_MANY_ATTEMPTS once the window's limit is passed. */
export async function countAttempt(tx: Tx, key: string, rule: ThrottleRule): Promise<void> {
  const windowStart = sql`(now() - make_interval(secs => ${rule.windowMs / 1000}))`;
  const expired = sql`${authThrottle.windowStartedAt} < ${windowStart}`;
  const [row] = await tx
    .insert(authThrottle)
    .values({ key, attempts: 1, windowStartedAt: sql`now()` })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        attempts: sql`case when ${expired} then 1 else ${authThrottle.attempts} + 1 end`,
        windowStartedAt: sql`case when ${expired} then now() else ${authThrottle.windowStartedAt} end`,
      },
    })
    .returning({
      attempts: authThrottle.attempts,
      retryAfter: sql<number>`ceil(extract(epoch from ${authThrottle.windowStartedAt} - ${windowStart}))::int`,
    });

  if (row && row.attempts > rule.limit) {
    const seconds = Math.max(1, row.retryAfter);
    const minutes = Math.ceil(seconds / 60);
    throw new AppError('TOO_MANY_ATTEMPTS', {
      message: `Слишком много попыток. Повторите через ${minutes} мин.`,
      headers: { 'retry-after': String(seconds) },
    });
  }
}

export async function clearAttempts(tx: Tx, key: string): Promise<void> {
  await tx.delete(authThrottle).where(eq(authThrottle.key, key));
}
