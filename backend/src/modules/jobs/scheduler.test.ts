import { afterEach, describe, expect, it } from 'vitest';
import { type Scheduler, scheduleDaily } from './scheduler.ts';

const logs: { level: string; message: string; object: object }[] = [];
const log = {
  info: (object: object, message: string) => logs.push({ level: 'info', message, object }),
  error: (object: object, message: string) => logs.push({ level: 'error', message, object }),
};
let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  logs.length = 0;
});

describe('scheduleDaily', () => {
  it('runs each job soon after start, then daily at the hour on Moscow’s clock', async () => {
    let runs = 0;
    scheduler = scheduleDaily([{ name: 'count', run: async () => ++runs }], {
      hour: 9,
      timezone: 'Europe/Moscow',
      log,
      catchUpAfterMs: 10,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(runs).toBe(1);
    expect(logs).toEqual([{ level: 'info', message: 'job done', object: { job: 'count', result: 1 } }]);
    const next = scheduler.nextRuns().count as Date;
    // 09:00 in Moscow (UTC+3 all year) is 06:00 UTC, within the next day.
    expect(next.getUTCHours()).toBe(6);
    expect(next.getUTCMinutes()).toBe(0);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
  });

  it('logs a failed run and keeps the schedule', async () => {
    scheduler = scheduleDaily(
      [
        {
          name: 'broken',
          run: async () => {
            throw new Error('database away');
          },
        },
      ],
      { hour: 3, timezone: 'Europe/Moscow', log, catchUpAfterMs: 10 },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logs[0]).toMatchObject({ level: 'error', object: { job: 'broken' } });
    expect(scheduler.nextRuns().broken).toBeInstanceOf(Date);
  });

  it('waits for a run in flight when stopped, and starts none after', async () => {
    let finished = false;
    let started = 0;
    scheduler = scheduleDaily(
      [
        {
          name: 'slow',
          run: async () => {
            started += 1;
            await new Promise((resolve) => setTimeout(resolve, 200));
            finished = true;
          },
        },
      ],
      { hour: 3, timezone: 'Europe/Moscow', log, catchUpAfterMs: 10 },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await scheduler.stop();
    expect(finished).toBe(true);
    const stopped = scheduleDaily([{ name: 'never', run: async () => ++started }], {
      hour: 3,
      timezone: 'Europe/Moscow',
      log,
      catchUpAfterMs: 10,
    });
    await stopped.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(started).toBe(1);
  });
});
