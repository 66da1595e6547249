// Long polling of the companies' bots, for when Telegram cannot reach us (no https PUBLIC_URL).
// Telegram allows one getUpdates at a time per bot (a second one gets 409), so among the app's
// instances one holds each bot: it takes the bot's lease (`poller_id`, `poller_lease_until`) and
// renews it after each poll; a lease that runs out (its instance died) is taken by another.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { telegramBots } from '../../db/schema.ts';
import { createPeriodic } from '../../lib/periodic.ts';
import { TelegramError } from './botApi.ts';
import { botApiOf, type TelegramDeps } from './service.ts';
import { handleUpdate, type UpdateDeps } from './updates.ts';

export interface TelegramPollerOptions {
  db: Database;
  deps: Pick<TelegramDeps, 'key' | 'apiUrl'>;
  updates: UpdateDeps;
  log: { info(object: object, message: string): void; warn(object: object, message: string): void };
  /** How long one getUpdates waits for news. */
  pollTimeoutSeconds: number;
  /** How often to look for bots nobody polls. Default 15 s. */
  claimIntervalMs?: number;
  /** How long a claim holds a bot without renewal; must outlast a poll. Default 60 s + the poll. */
  leaseMs?: number;
}

export interface TelegramPoller {
  start(): void;
  /** Ends the polls in flight and waits for them. */
  stop(): Promise<void>;
  /** Looks for bots to poll now (a bot was just connected). */
  kick(): void;
}

// Why updates stopped, in the owner's words (shown on the Telegram card).
const PROBLEM = {
  conflict:
    'Обновления бота получает другая программа (или у бота задан webhook). Отключите её или создайте для AI Max отдельного бота',
  unauthorized: 'Telegram отклонил токен бота: его отозвали в @BotFather. Подключите бота заново с новым токеном',
} as const;

export function createTelegramPoller(options: TelegramPollerOptions): TelegramPoller {
  const { db, deps, log, pollTimeoutSeconds } = options;
  const claimIntervalMs = options.claimIntervalMs ?? 15_000;
  const leaseMs = options.leaseMs ?? 60_000 + pollTimeoutSeconds * 1000;
  const pollerId = `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const running = new Map<string, Promise<void>>();
  let controller: AbortController | undefined;

  const leaseUntil = () => sql`now() + ${Math.round(leaseMs)}::bigint * interval '1 millisecond'`;

  /** Takes the bots in polling mode whose lease is free or ran out; an empty look leaves no audit row. */
  async function claim(): Promise<string[]> {
    const none = Symbol('none');
    try {
      return await db.withPlatform(
        { actorUserId: null, action: 'telegram.poll_claimed', details: { pollerId } },
        async (tx) => {
          const claimed = await tx
            .update(telegramBots)
            .set({ pollerId, pollerLeaseUntil: leaseUntil() })
            .where(
              and(
                isNull(telegramBots.webhookSecret),
                or(isNull(telegramBots.pollerId), ne(telegramBots.pollerId, pollerId)),
                or(isNull(telegramBots.pollerLeaseUntil), lt(telegramBots.pollerLeaseUntil, sql`now()`)),
              ),
            )
            .returning({ tenantId: telegramBots.tenantId });
          if (claimed.length === 0) throw none;
          return claimed.map((row) => row.tenantId);
        },
      );
    } catch (error) {
      if (error === none) return [];
      throw error;
    }
  }

  /** Renews this instance's lease of a bot; false when it lost it (the bot was removed, reconnected or taken). */
  async function renew(tenantId: string, lastError: string | null): Promise<boolean> {
    const renewed = await db.withTenant(tenantId, (tx) =>
      tx
        .update(telegramBots)
        .set({ pollerLeaseUntil: leaseUntil(), lastError })
        .where(and(eq(telegramBots.tenantId, tenantId), eq(telegramBots.pollerId, pollerId)))
        .returning({ tenantId: telegramBots.tenantId }),
    );
    return renewed.length > 0;
  }

  async function pollBot(tenantId: string, signal: AbortSignal): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      const [bot] = await db.withTenant(tenantId, (tx) =>
        tx
          .select()
          .from(telegramBots)
          .where(and(eq(telegramBots.tenantId, tenantId), eq(telegramBots.pollerId, pollerId))),
      );
      if (!bot || bot.webhookSecret) return;
      const api = botApiOf(deps, bot.tokenSealed);
      let problem: string | null = null;
      try {
        const updates = await api.getUpdates(
          { offset: bot.updateOffset, timeout: pollTimeoutSeconds, allowed_updates: ['message'] },
          { signal },
        );
        for (const update of updates) await handleUpdate(options.updates, tenantId, api, update);
        failures = 0;
      } catch (error) {
        if (signal.aborted) return;
        failures += 1;
        if (error instanceof TelegramError && error.isConflict) problem = PROBLEM.conflict;
        else if (error instanceof TelegramError && error.isUnauthorized) problem = PROBLEM.unauthorized;
        log.warn({ err: error, tenantId }, 'telegram poll failed');
        const retryAfterMs = error instanceof TelegramError && error.retryAfter ? error.retryAfter * 1000 : 0;
        const backoffMs = Math.max(retryAfterMs, Math.min(30_000, 500 * 2 ** Math.min(failures, 6)));
        await sleep(backoffMs, undefined, { signal }).catch(() => undefined);
      }
      if (signal.aborted || !(await renew(tenantId, problem))) return;
    }
  }

  function follow(tenantId: string) {
    if (running.has(tenantId) || !controller) return;
    const signal = controller.signal;
    const loop = pollBot(tenantId, signal)
      .catch((error: unknown) => log.warn({ err: error, tenantId }, 'telegram polling stopped'))
      .finally(() => running.delete(tenantId));
    running.set(tenantId, loop);
  }

  const periodic = createPeriodic({
    run: async () => {
      for (const tenantId of await claim()) follow(tenantId);
    },
    intervalMs: claimIntervalMs,
    onError: (error) => log.warn({ err: error }, 'could not look for telegram bots to poll'),
  });

  return {
    start() {
      if (controller) return;
      controller = new AbortController();
      // Every bot's poll and back-off listens to this one signal; many bots are not a leak.
      setMaxListeners(0, controller.signal);
      periodic.start();
    },
    async stop() {
      const current = controller;
      controller = undefined;
      current?.abort();
      await periodic.stop();
      await Promise.all(running.values());
      // Hand the bots back at once, so another instance need not wait for the lease to run out.
      await db
        .withPlatform({ actorUserId: null, action: 'telegram.poll_released', details: { pollerId } }, (tx) =>
          tx
            .update(telegramBots)
            .set({ pollerId: null, pollerLeaseUntil: null })
            .where(eq(telegramBots.pollerId, pollerId)),
        )
        .catch((error: unknown) => log.warn({ err: error }, 'could not release telegram bots'));
    },
    kick: periodic.kick,
  };
}
