// A job that runs every so often on each instance (the outbox, the handoff sweep): the first run
// comes at once, a kick runs it again soon (once more if it was running), stop() waits for the
// run in flight, and the timer alone never keeps the process (or a test run) alive.
export interface Periodic {
  start(): void;
  /** Stops the timer and waits for the run in flight; meanwhile `stopping` is true. */
  stop(): Promise<void>;
  /** Runs soon; a no-op when stopped. */
  kick(): void;
  /** Set while stop() waits: a run in flight should finish its batch and take no more. */
  readonly stopping: boolean;
}

export function createPeriodic(options: {
  run(): Promise<unknown>;
  intervalMs: number;
  onError(error: unknown): void;
}): Periodic {
  let started = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let kickedWhileTicking = false;

  function schedule(delayMs: number) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      ticking = tick();
    }, delayMs);
    timer.unref();
  }

  async function tick(): Promise<void> {
    try {
      do {
        kickedWhileTicking = false;
        await options.run();
      } while (kickedWhileTicking && started);
    } catch (error) {
      options.onError(error);
    } finally {
      ticking = undefined;
      if (started) schedule(options.intervalMs);
    }
  }

  return {
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      stopping = true;
      clearTimeout(timer);
      try {
        await ticking;
      } finally {
        stopping = false;
      }
    },
    kick() {
      if (!started) return;
      if (ticking) kickedWhileTicking = true;
      else schedule(0);
    },
    get stopping() {
      return stopping;
    },
  };
}
