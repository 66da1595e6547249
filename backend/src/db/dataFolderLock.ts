// PGlite has no cross-process locking: two processes on one data folder silently lose writes.
// The folder is locked for the life of the process; a second process is refused with advice.
import lockfile from 'proper-lockfile';

/** A lock not refreshed for this long was left by a process that died (proper-lockfile's minimum is 5 s). */
const STALE_MS = 10_000;

export class DataFolderLockedError extends Error {
  constructor(folder: string) {
    super(
      `The database folder ${folder} is in use by another AI Max process. ` +
        'The embedded PGlite database can be opened by one process only: stop the other process, ' +
        'or set DATABASE_URL to a PostgreSQL database to run several instances.',
    );
    this.name = 'DataFolderLockedError';
  }
}

export async function lockDataFolder(
  folder: string,
  options: { onWait?: () => void; staleMs?: number } = {},
): Promise<() => Promise<void>> {
  const staleMs = options.staleMs ?? STALE_MS;
  const attempt = (retries: number) =>
    lockfile.lock(folder, {
      stale: staleMs,
      retries: { retries, factor: 1, minTimeout: 1000, maxTimeout: 1000 },
      // Losing the lock means another process may be writing the same files: stop at once
      // rather than corrupt the database.
      onCompromised: (error) => {
        console.error(`Lost the lock on ${folder}: ${error.message}. Stopping to protect the data.`);
        process.exit(1);
      },
    });

  try {
    return await attempt(0);
  } catch (error) {
    if (!isLocked(error)) throw error;
  }
  // A lock left by a process that was killed goes stale within staleMs; wait that long
  // before deciding that another process really holds it.
  options.onWait?.();
  try {
    return await attempt(Math.ceil(staleMs / 1000) + 1);
  } catch (error) {
    if (isLocked(error)) throw new DataFolderLockedError(folder);
    throw error;
  }
}

const isLocked = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ELOCKED';
