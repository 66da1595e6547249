// The whole product on a loopback port, as a user's browser meets it: the API and the built
// front end (npm test builds it first), on a database of its own, or on another's database as one
// more instance of the app (the instances then share their chat events on PostgreSQL).
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../backend/src/app.ts';
import type { Database } from '../../backend/src/db/database.ts';
import { createTestServices, testConfig } from '../../backend/test/support/app.ts';
import { createTestDatabase } from '../../backend/test/support/database.ts';

export interface RunningServer {
  url: string;
  db: Database;
  close(): Promise<void>;
}

/**
 * `env` adds to the test configuration, e.g. `SMTP_URL` to send mail to a test's SMTP server.
 * `db` starts one more instance of the app on a database already made (createTestDatabase), which
 * its maker closes: closing the server leaves it open for the other instances. Nothing migrates
 * here: the database is a copy of the migrated template, and buildApp never migrates (main.ts
 * does, under an advisory lock).
 */
export async function startServer(options: { env?: NodeJS.ProcessEnv; db?: Database } = {}): Promise<RunningServer> {
  const ownDatabase = options.db === undefined;
  const db = options.db ?? (await createTestDatabase());
  // PUBLIC_URL must name the real port (invite links carry it), so the port is chosen first.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // A data folder of its own: the outbox writes each email there as an .eml file.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'aimax-e2e-data-'));
  const config = testConfig({ PUBLIC_URL: url, DATA_DIR: dataDir, ...options.env });
  const services = await createTestServices(config);
  const app = await buildApp({ config, db, ...services });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    db,
    async close() {
      await app.close();
      await services.pdf.close();
      if (ownDatabase) await db.close();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
