// Scheduled jobs, in process (croner). A job runs at its hour on Moscow's clock and once at start,
// so a day the process was down is caught up; the jobs themselves are safe to run twice and on
// several instances at once (see invoices/billingDay.ts).
import { Cron } from 'croner';

export interface DailyJob {
  name: string;
  run(): Promise<unknown>;
}

export interface Scheduler {
  /** When each job runs next. */
  nextRuns(): Record<string, Date | null>;
  stop(): void;
}

export function scheduleDaily(
  jobs: DailyJob[],
  options: {
    hour: number;
    timezone: string;
    log: { info(object: object, message: string): void; error(object: object, message: string): void };
  },
): Scheduler {
  const run = async (job: DailyJob) => {
    try {
      options.log.info({ job: job.name, result: await job.run() }, 'job done');
    } catch (error) {
      options.log.error({ err: error, job: job.name }, 'job failed; it runs again at its next time');
    }
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
  for (const job of jobs) void run(job);
  return {
    nextRuns: () => Object.fromEntries(crons.map((cron, i) => [jobs[i]?.name ?? '', cron.nextRun()])),
    stop: () => {
      for (const cron of crons) cron.stop();
    },
  };
}
