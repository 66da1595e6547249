import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { bootstrapPlatform } from '../platform/bootstrap.ts';

describe('GET /', () => {
  it('is the demo company’s page with its widget embedded', async () => {
    const { app, db } = await createTestApp();
    await bootstrapPlatform(db, { adminEmail: 'root@aimax.test', adminPassword: undefined });
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ремонт Плюс (демо)');
    expect(page.body).toMatch(/<script src="\/widget.js" data-key="wk_[\w-]{24}" async><\/script>/);
  });
});
