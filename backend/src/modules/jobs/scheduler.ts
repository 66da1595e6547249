// Scheduled jobs, in process (croner). A job runs at its hour on Moscow's clock and once soon
// after start, so a day the process was down is caught up; the jobs themselves are safe to run
// twice and on several instances at once (see invoices/billingDay.ts).
import { Cron } from 'croner';

export interface DailyJob {
  name: string;
  run(): Promise<unknown>;
}

export interface Scheduler {
  /** When each job runs next. */
  nextRuns(): Record<string, Date | null>;
  /** Stops the schedule and waits for runs in flight, so that what they use can be closed after. */
  stop(): Promise<void>;
}

interface Log {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
}

export function scheduleDaily(
  jobs: DailyJob[],
  options: {
    hour: number;
    timezone: string;
    log: Log;
    /** The catch-up run waits this long after start, out of the start's way. */
    catchUpAfterMs?: number;
  },
): Scheduler {
  const running = new Set<Promise<void>>();
  const run = (job: DailyJob) => {
    const done = job
      .run()
      .then(
        (result) => options.log.info({ job: job.name, result }, 'job done'),
        (error: unknown) =>
          options.log.error({ err: error, job: job.name }, 'job failed; it runs again at its next time'),
      )
      .finally(() => running.delete(done));
    running.add(done);
    return done;
  };
  const crons = jobs.map(
    (job) =>
      // `protect` skips a tick while the previous run is still going.
      new Cron(
        `0 ${options.hour} * * *`,
        { timezone: options.timezone, protect: true, unref: true, name: job.name },
        () => run(job),
      ),
  );
  const catchUp = setTimeout(() => {
    for (const job of jobs) void run(job);
  }, options.catchUpAfterMs ?? 10_000);
  catchUp.unref();
  return {
    nextRuns: () => Object.fromEntries(crons.map((cron, i) => [jobs[i]?.name ?? '', cron.nextRun()])),
    async stop() {
      clearTimeout(catchUp);
      for (const cron of crons) cron.stop();
      await Promise.all(running);
    },
  };
}
