import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('runs with no environment at all, on the embedded defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      publicUrl: 'http://localhost:3000',
      databaseUrl: undefined,
      adminEmail: 'admin@aimax.local',
      adminPassword: undefined,
      sessionTtlMs: 14 * 24 * 3600 * 1000,
      trustProxy: false,
      poweredByUrl: 'http://localhost:3000/admin/signup',
    });
    expect(config.dataDir).toBe(path.resolve(import.meta.dirname, '..', '..', 'data'));
  });

  it('reads and coerces the production settings', () => {
    const config = loadConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://chat.example.ru/',
      DATABASE_URL: 'postgres://app@db:5432/aimax',
      ADMIN_EMAIL: ' Ops@Example.RU ',
      SESSION_TTL_DAYS: '30',
      TRUST_PROXY: 'true',
      DATA_DIR: 'relative/data',
    });
    expect(config.poweredByUrl).toBe('https://chat.example.ru/admin/signup');
    expect(loadConfig({ POWERED_BY_URL: 'https://stroy-chat.ru/for-business' }).poweredByUrl).toBe(
      'https://stroy-chat.ru/for-business',
    );
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://chat.example.ru',
      databaseUrl: 'postgres://app@db:5432/aimax',
      adminEmail: 'ops@example.ru',
      sessionTtlMs: 30 * 24 * 3600 * 1000,
      trustProxy: true,
      dataDir: path.resolve('relative/data'),
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
    expect(() => loadConfig({ POWERED_BY_URL: 'javascript:alert(1)' })).toThrow(/POWERED_BY_URL/);
  });
});
