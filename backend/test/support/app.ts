// The application as tests use it: buildApp on a database of its own, driven through app.inject.
import { afterAll } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Database, DatabaseRoles } from '../../src/db/database.ts';
import { createTestDatabase } from './database.ts';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export interface TestContext {
  app: TestApp;
  db: Database;
  config: Config;
}

export const testConfig = (env: NodeJS.ProcessEnv = {}): Config =>
  loadConfig({ PUBLIC_URL: 'http://localhost:3000', LOG_LEVEL: 'silent', ...env });

/** A ready app on a fresh database, closed after the file's tests. */
export async function createTestApp(
  options: { env?: NodeJS.ProcessEnv; roles?: DatabaseRoles } = {},
): Promise<TestContext> {
  const config = testConfig(options.env);
  const db = await createTestDatabase({ roles: options.roles });
  const app = await buildApp({ config, db });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  return { app, db, config };
}
