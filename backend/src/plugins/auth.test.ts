import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { testConfig } from '../../test/support/app.ts';
import { createTestDatabase } from '../../test/support/database.ts';
import { auth } from './auth.ts';
import { database } from './database.ts';

describe('the auth plugin', () => {
  it('refuses to start with an API route that declares no access', async () => {
    const db = await createTestDatabase();
    const app = Fastify();
    await app.register(database, { db });
    await app.register(auth, { config: testConfig() });
    const registering = app.register(async (scope) => {
      scope.get('/api/forgotten', async () => ({ leaked: true }));
    });
    await expect(registering).rejects.toThrow('Route GET /api/forgotten declares no config.access');
    await db.close();
  });
});
