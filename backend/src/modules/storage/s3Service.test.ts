// The store's contract, held by both drivers: the S3 driver against a real S3-protocol server
// that checks signatures, the disk driver through the app route that serves its signed URLs.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';
import { startS3Server, type TestS3Server } from '../../../test/support/s3Server.ts';
import { createDiskStore, createS3Store, isValidKey, newObjectKey, type ObjectStore } from './s3Service.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keyFor = (kind = 'estimate', extension = 'pdf') => newObjectKey({ tenantId: randomUUID(), kind, extension });

function contract(name: string, open: () => Promise<ObjectStore>) {
  describe(`${name}: the store contract`, () => {
    let store: ObjectStore;
    beforeAll(async () => {
      store = await open();
    });

    it('gives back what was put, with its type and size', async () => {
      const key = keyFor();
      await store.put(key, Buffer.from('%PDF-1.7 смета'), 'application/pdf');
      const object = await store.get(key);
      expect(object).toMatchObject({ contentType: 'application/pdf', size: Buffer.byteLength('%PDF-1.7 смета') });
      expect(await text(object?.body as NodeJS.ReadableStream)).toBe('%PDF-1.7 смета');
    });

    it('answers null for a missing object and deletes idempotently', async () => {
      const key = keyFor();
      expect(await store.get(key)).toBeNull();
      await store.put(key, Buffer.from('x'), 'application/pdf');
      await store.delete(key);
      await store.delete(key);
      expect(await store.get(key)).toBeNull();
    });

    it('refuses keys that are not of the tenant-scoped shape', async () => {
      for (const key of [
        '../etc/passwd',
        'tenants/../../x.pdf',
        `tenants/${randomUUID()}/logo/short.png`,
        '/abs/x.pdf',
      ]) {
        expect(isValidKey(key)).toBe(false);
        await expect(store.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(/not a valid object key/);
      }
    });

    it('makes public URLs through the app', () => {
      const key = keyFor('logo', 'webp');
      expect(store.publicUrl(key)).toBe(`http://localhost:3000/files/public/${key}`);
    });
  });
}

describe('S3 driver (SigV4, against a real S3-protocol server)', () => {
  let server: TestS3Server;
  let store: ObjectStore;
  beforeAll(async () => {
    server = await startS3Server();
    store = createS3Store({ s3: server.s3, publicUrl: 'http://localhost:3000' });
  });
  afterAll(() => server.close());

  contract('S3', async () => store);

  it('signs URLs the server accepts until they expire', async () => {
    const key = keyFor();
    await store.put(key, Buffer.from('%PDF private'), 'application/pdf');
    const url = await store.signedUrl(key, { ttlSeconds: 1 });
    expect(url).toContain('X-Amz-Algorithm=AWS4-HMAC-SHA256');
    expect(url).toContain('X-Amz-Expires=1');
    const fresh = await fetch(url);
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toBe('%PDF private');

    await sleep(2100);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });

  it('names the download in the signed URL', async () => {
    // Checked in the URL rather than by fetching it: s3rver canonicalises query values with
    // encodeURIComponent, not RFC 3986 as SigV4 (and S3) do, so it rejects the ' and * that
    // RFC 6266's filename* needs. The SDK's encoding is the correct one.
    const url = new URL(await store.signedUrl(keyFor(), { ttlSeconds: 60, downloadName: 'Смета 1.pdf' }));
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `inline; filename="download.pdf"; filename*=UTF-8''${encodeURIComponent('Смета 1.pdf')}`,
    );
  });

  it('has its tampered signatures refused', async () => {
    const key = keyFor();
    await store.put(key, Buffer.from('%PDF private'), 'application/pdf');
    const url = new URL(await store.signedUrl(key, { ttlSeconds: 300 }));
    const signature = url.searchParams.get('X-Amz-Signature') as string;
    url.searchParams.set('X-Amz-Signature', `${signature[0] === 'a' ? 'b' : 'a'}${signature.slice(1)}`);
    const tampered = await fetch(url);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('SignatureDoesNotMatch');

    const otherKey = new URL(await store.signedUrl(key, { ttlSeconds: 300 }));
    otherKey.pathname = otherKey.pathname.replace(/[^/]+$/, 'AAAAAAAAAAAAAAAAAAAAAA.pdf');
    expect((await fetch(otherKey)).status).toBe(403);
  });

  it('cannot write with the wrong secret', async () => {
    const impostor = createS3Store({
      s3: { ...server.s3, secretAccessKey: 'not-the-secret' },
      publicUrl: 'http://localhost:3000',
    });
    await expect(impostor.put(keyFor(), Buffer.from('x'), 'application/pdf')).rejects.toThrow(/signature/i);
  });
});

describe('disk driver (HMAC-signed URLs served by the app)', () => {
  contract('disk', async () =>
    createDiskStore({
      root: await mkdtemp(path.join(os.tmpdir(), 'aimax-disk-')),
      publicUrl: 'http://localhost:3000',
      signingKey: randomBytes(32),
    }),
  );

  it('serves a signed URL until it expires, and refuses a tampered one', async () => {
    const { app, store } = await createTestApp();
    const key = keyFor();
    await store.put(key, Buffer.from('%PDF disk'), 'application/pdf');
    const url = new URL(await store.signedUrl(key, { ttlSeconds: 2, downloadName: 'Смета 7.pdf' }));
    const path = `${url.pathname}${url.search}`;

    const fresh = await app.inject({ method: 'GET', url: path });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.body).toBe('%PDF disk');
    expect(fresh.headers['content-type']).toBe('application/pdf');
    expect(fresh.headers['cache-control']).toBe('private, no-store');
    expect(fresh.headers['content-disposition']).toBe(
      `inline; filename="download.pdf"; filename*=UTF-8''${encodeURIComponent('Смета 7.pdf')}`,
    );

    const forged = new URL(url);
    forged.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3600));
    const tampered = await app.inject({ method: 'GET', url: `${forged.pathname}${forged.search}` });
    expect(tampered.statusCode).toBe(403);
    expect(tampered.json().error.code).toBe('LINK_INVALID');

    const otherObject = await app.inject({
      method: 'GET',
      url: path.replace(/[^/]+\.pdf/, 'AAAAAAAAAAAAAAAAAAAAAA.pdf'),
    });
    expect(otherObject.statusCode).toBe(403);

    await sleep(3100);
    const expired = await app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } });
    expect(expired.statusCode).toBe(410);
    expect(expired.headers['content-type']).toContain('text/html');
    expect(expired.body).toContain('Срок действия ссылки истёк');
  });

  it('keeps a link to the name it signed, and makes that name safe for a header and a download', async () => {
    const { app, store } = await createTestApp();
    const key = keyFor();
    await store.put(key, Buffer.from('%PDF named'), 'application/pdf');
    const url = new URL(await store.signedUrl(key, { ttlSeconds: 60, downloadName: 'Счёт\r\nSet-Cookie: a=1.html' }));

    const served = await app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['set-cookie']).toBeUndefined();
    const disposition = String(served.headers['content-disposition']);
    expect(disposition).not.toMatch(/[\r\n]/);
    expect(disposition).toMatch(/filename\*=UTF-8''.+\.pdf$/);
    expect(decodeURIComponent(disposition.split("''")[1] as string)).toBe('СчётSet-Cookie: a=1.html.pdf');

    for (const name of ['evil.html', 'a\r\nSet-Cookie: x=1', '']) {
      const renamed = new URL(url);
      renamed.searchParams.set('name', name);
      const refused = await app.inject({ method: 'GET', url: `${renamed.pathname}${renamed.search}` });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('LINK_INVALID');
    }
  });

  it('cannot be walked out of its folder through the route', async () => {
    const { app } = await createTestApp();
    for (const url of [
      '/files/private/../../../etc/passwd',
      '/files/private/%2e%2e%2f%2e%2e%2fetc%2fpasswd?expires=1&signature=x',
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect([403, 404]).toContain(response.statusCode);
      expect(response.body).not.toContain('root:');
    }
  });
});
