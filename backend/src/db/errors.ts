// Recognising Postgres errors by their SQLSTATE, the same on pg and PGlite. Drizzle wraps the
// driver's error, so the original is looked for along the `cause` chain.
interface PostgresError {
  code: string;
  constraint?: string;
}

function findPostgresError(error: unknown): PostgresError | null {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return current as unknown as PostgresError;
  }
  return null;
}

/** Text PostgreSQL cannot store (a NUL, bytes that are not UTF-8): the request's fault, not ours. */
export function isUnstorableText(error: unknown): boolean {
  const code = findPostgresError(error)?.code;
  return code === '22021' || code === '22P05';
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const found = findPostgresError(error);
  return found?.code === '23505' && found.constraint === constraint;
}
