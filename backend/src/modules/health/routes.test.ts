import { describe, expect, it } from 'vitest';
import { createTestApp, createTestServices, testConfig } from '../../../test/support/app.ts';
import { createTestDatabase } from '../../../test/support/database.ts';
import { buildApp } from '../../app.ts';

describe('GET /api/health', () => {
  it('answers 200 when the database answers', async () => {
    const { app } = await createTestApp();
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers 503 with the error shape when the database is down', async () => {
    const db = await createTestDatabase();
    const config = testConfig();
    const app = await buildApp({ config, db, ...(await createTestServices(config)) });
    await db.close();
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    await app.close();
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: 'База данных недоступна' } });
  });
});
