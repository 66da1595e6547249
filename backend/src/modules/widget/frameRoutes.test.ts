import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestServices, type TestApp, testConfig } from '../../../test/support/app.ts';
import { signUpOwner } from '../../../test/support/clients.ts';
import { createTestDatabase } from '../../../test/support/database.ts';
import { buildApp } from '../../app.ts';
import { acceptedEncodings, frameAncestors } from './frameRoutes.ts';

const LOADER = `(()=>{/* loader */${'window.x=1;'.repeat(200)}})();`;
const ASSET = `console.log(${JSON.stringify('чат '.repeat(500))});`;

let app: TestApp;

beforeAll(async () => {
  // A stand-in build of the front end, so the test does not depend on `npm run build`.
  const dist = await mkdtemp(path.join(os.tmpdir(), 'aimax-dist-'));
  await mkdir(path.join(dist, 'widget'), { recursive: true });
  // With the compressed copies the build writes beside each file (frontend/precompress.ts).
  await mkdir(path.join(dist, 'admin'), { recursive: true });
  await mkdir(path.join(dist, 'assets'), { recursive: true });
  await writeFile(path.join(dist, 'admin', 'index.html'), '<!doctype html><title>admin</title>');
  for (const [file, contents] of [
    ['widget.js', LOADER],
    ['assets/frame-abc123.js', ASSET],
  ] as const) {
    await writeFile(path.join(dist, file), contents);
    await writeFile(path.join(dist, `${file}.br`), brotliCompressSync(contents));
    await writeFile(path.join(dist, `${file}.gz`), gzipSync(contents));
  }
  await writeFile(path.join(dist, 'widget', 'frame.html'), '<!doctype html><title>frame</title>');
  const config = testConfig();
  const db = await createTestDatabase();
  app = await buildApp({ config, db, ...(await createTestServices(config)), frontendDist: dist });
  await app.ready();
  return async () => {
    await app.close();
    await db.close();
  };
});

const widgetKeyFor = async () => {
  const owner = await signUpOwner(app);
  const settings = (await owner.get('/api/widget/settings')).json();
  return { owner, key: settings.widgetKey as string, snippet: settings.snippet as string };
};

describe('GET /widget.js', () => {
  it('is served to pages on any origin', async () => {
    const response = await app.inject({ method: 'GET', url: '/widget.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.body).toBe(LOADER);
  });

  it('goes out compressed as the browser accepts, brotli first', async () => {
    const get = (acceptEncoding?: string) =>
      app.inject({
        method: 'GET',
        url: '/widget.js',
        headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
      });
    const br = await get('gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(LOADER);
    expect(br.rawPayload.length).toBeLessThan(LOADER.length / 4);
    const gzip = await get('gzip, br;q=0');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(LOADER);
    const plain = await get('identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(LOADER);
  });

  it('is cached briefly and then revalidated in the background, with a 304 when unchanged', async () => {
    const first = await app.inject({ method: 'GET', url: '/widget.js' });
    expect(first.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=600');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const stale = await app.inject({ method: 'GET', url: '/widget.js', headers: { 'if-none-match': '"old"' } });
    expect(stale.statusCode).toBe(200);
  });
});

describe('acceptedEncodings', () => {
  it('reads weights, wildcards and refusals', () => {
    expect(acceptedEncodings('gzip, deflate, br')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('gzip;q=0.8, br;q=0')).toEqual(['gzip']);
    expect(acceptedEncodings('*')).toEqual(['br', 'gzip']);
    expect(acceptedEncodings('*, gzip;q=0')).toEqual(['br']);
    expect(acceptedEncodings('identity')).toEqual([]);
    expect(acceptedEncodings(undefined)).toEqual([]);
  });
});

describe('hashed assets', () => {
  it('go out pre-compressed and are cached for a year', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/assets/frame-abc123.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers.vary).toMatch(/accept-encoding/i);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(ASSET);
    const plain = await app.inject({ method: 'GET', url: '/assets/frame-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(ASSET);
  });
});

describe('GET /widget/frame', () => {
  it('may be framed by any site until the company lists its sites, then only by those', async () => {
    const { owner, key, snippet } = await widgetKeyFor();
    expect(snippet).toBe(`<script src="http://localhost:3000/widget.js" data-key="${key}" async></script>`);
    const open = await app.inject({ method: 'GET', url: `/widget/frame?key=${key}` });
    expect(open.statusCode).toBe(200);
    expect(open.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(open.headers['x-frame-options']).toBeUndefined();

    await owner.request('PUT', '/api/widget/settings', {
      allowedOrigins: ['https://remont.ru', 'HTTPS://WWW.Remont.ru'],
    });
    const listed = await app.inject({ method: 'GET', url: `/widget/frame?key=${key}` });
    expect(listed.headers['content-security-policy']).toContain(
      "frame-ancestors 'self' http://localhost:3000 https://remont.ru https://www.remont.ru",
    );
  });

  it('answers 404 for an unknown key', async () => {
    expect((await app.inject({ method: 'GET', url: '/widget/frame?key=wk_nope' })).statusCode).toBe(404);
  });

  it('is not served by the static file route, around its CSP', async () => {
    const response = await app.inject({ method: 'GET', url: '/widget/frame.html' });
    expect(response.statusCode).toBe(404);
  });
});

describe('frameAncestors', () => {
  it('names our own origin and the company’s domain beside the listed sites', () => {
    expect(frameAncestors([], 'https://app.aimax.ru', null)).toBe('*');
    expect(frameAncestors(['https://a.ru'], 'https://app.aimax.ru/', null)).toBe(
      "'self' https://app.aimax.ru https://a.ru",
    );
    expect(frameAncestors(['https://a.ru'], 'https://app.aimax.ru/', 'chat.a.ru')).toBe(
      "'self' https://app.aimax.ru https://chat.a.ru https://a.ru",
    );
  });
});

describe('PUT /api/widget/settings', () => {
  it('checks the sites', async () => {
    const { owner } = await widgetKeyFor();
    const bad = await owner.request('PUT', '/api/widget/settings', { allowedOrigins: ['remont.ru/path'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      'allowedOrigins.0': 'Адрес сайта вида https://remont.ru, без пути и слеша в конце',
    });
  });

  it('checks the Metrika counter and goals, now set in «Интеграции»', async () => {
    const { owner } = await widgetKeyFor();
    const bad = await owner.request('PUT', '/api/integrations/metrika', {
      counterId: 'abc',
      goals: { opened: 'a b', step: 'b', contacts: 'c', estimate: 'd' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual({
      counterId: 'Номер счётчика Метрики — от 4 до 12 цифр',
      'goals.opened': 'Имя цели: латиница, цифры, точка, дефис или подчёркивание',
    });
  });
});

describe('GET /api/widget/settings: is the widget installed, and made the company’s own', () => {
  const loadFrom = (key: string, origin?: string) =>
    app.inject({ method: 'GET', url: `/api/widget/config?key=${key}`, headers: origin ? { origin } : {} });

  it('notes the last site other than the platform’s own that loaded the widget', async () => {
    const { owner, key } = await widgetKeyFor();
    expect((await owner.get('/api/widget/settings')).json().seen).toBeNull();

    // The demo page and the admin preview are the platform's own; a same-origin page sends no Origin.
    await loadFrom(key, 'http://localhost:3000');
    await loadFrom(key);
    await loadFrom(key, 'null');
    expect((await owner.get('/api/widget/settings')).json().seen).toBeNull();

    const before = Date.now();
    await loadFrom(key, 'https://Remont-Plus.ru');
    const { seen } = (await owner.get('/api/widget/settings')).json();
    expect(seen).toEqual({ origin: 'https://remont-plus.ru', at: expect.any(String) });
    expect(new Date(seen.at).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('does not count a site the company did not allow', async () => {
    const { owner, key } = await widgetKeyFor();
    await owner.request('PUT', '/api/widget/settings', {
      allowedOrigins: ['https://remont-plus.ru'],
    });
    await loadFrom(key, 'https://copycat.example');
    expect((await owner.get('/api/widget/settings')).json().seen).toBeNull();
    await loadFrom(key, 'https://remont-plus.ru');
    expect((await owner.get('/api/widget/settings')).json().seen.origin).toBe('https://remont-plus.ru');
  });

  it('says the branding is the company’s own once anything in it changed from the defaults', async () => {
    const { owner } = await widgetKeyFor();
    const customized = async () => (await owner.get('/api/widget/settings')).json().brandingCustomized;
    expect(await customized()).toBe(false);
    const bot = (await owner.get('/api/bot-settings')).json();
    // Saving the defaults as they are changes nothing.
    await owner.request('PUT', '/api/bot-settings', { name: bot.name, greeting: bot.greeting });
    expect(await customized()).toBe(false);
    await owner.request('PUT', '/api/bot-settings', { name: 'Алиса', greeting: bot.greeting });
    expect(await customized()).toBe(true);
  });
});
