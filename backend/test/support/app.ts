// The application as tests use it: buildApp on a database of its own, driven through app.inject.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { Database, DatabaseRoles } from '../../src/db/database.ts';
import { createPdfEngine, type PdfEngine } from '../../src/modules/pdf/pdfEngine.ts';
import { createDiskStore, type ObjectStore } from '../../src/modules/storage/s3Service.ts';
import { createTestDatabase } from './database.ts';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;

export interface TestContext {
  app: TestApp;
  db: Database;
  config: Config;
  store: ObjectStore;
  pdf: PdfEngine;
}

export const testConfig = (env: NodeJS.ProcessEnv = {}): Config =>
  loadConfig({ PUBLIC_URL: 'http://localhost:3000', LOG_LEVEL: 'silent', ...env });

const quiet = { warn() {}, error() {} };

/** Files on a disk folder of their own, and a PDF engine that starts Chromium only if used. */
export async function createTestServices(config: Config): Promise<{ store: ObjectStore; pdf: PdfEngine }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'aimax-files-'));
  return {
    store: createDiskStore({ root, publicUrl: config.publicUrl, signingKey: randomBytes(32) }),
    pdf: createPdfEngine({ chromePath: config.chromePath, pages: 2, timeoutMs: 30_000, log: quiet }),
  };
}

/** A ready app on a fresh database, closed after the file's tests. */
export async function createTestApp(
  options: { env?: NodeJS.ProcessEnv; roles?: DatabaseRoles; store?: ObjectStore } = {},
): Promise<TestContext> {
  // Its own data folder, for what the app writes there (the outbox's .eml files).
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aimax-data-'));
  const config = testConfig({ DATA_DIR: dataDir, ...options.env });
  const db = await createTestDatabase({ roles: options.roles });
  const services = await createTestServices(config);
  const store = options.store ?? services.store;
  const app = await buildApp({ config, db, store, pdf: services.pdf });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await services.pdf.close();
    await db.close();
  });
  return { app, db, config, store, pdf: services.pdf };
}
