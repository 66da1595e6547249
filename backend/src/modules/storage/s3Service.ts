// s3Service: where files live. One interface, two drivers:
//   - S3-compatible storage (Timeweb Cloud S3 in production) through AWS SDK v3, when S3_* is set;
//   - local disk under DATA_DIR/files otherwise.
// Nothing in the bucket is public. Public assets (logos, avatars) are streamed by the app from
// /files/public/<key>; private documents are handed out as short-lived signed URLs: SigV4
// presigned URLs to S3, or HMAC-signed URLs to the app for the disk driver.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Config, S3Config } from '../../config.ts';
import { deriveKey } from '../../lib/appSecret.ts';
import { contentDisposition, safeFileName } from '../../lib/contentDisposition.ts';
import { randomToken } from '../auth/sessions.ts';

export interface StoredObject {
  body: Readable;
  contentType: string;
  size: number;
}

export interface SignedUrlOptions {
  ttlSeconds: number;
  /** The file name the browser saves it under. */
  downloadName?: string;
}

export interface ObjectStore {
  readonly driver: 's3' | 'disk';
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** Deleting what is not there is not an error. */
  delete(key: string): Promise<void>;
  /** The object as a stream, or null when there is none. */
  get(key: string): Promise<StoredObject | null>;
  /** A URL that works for `ttlSeconds`, then is refused. */
  signedUrl(key: string, options: SignedUrlOptions): Promise<string>;
  /** The app's URL for a public asset; the route behind it serves only files recorded as public. */
  publicUrl(key: string): string;
}

// `tenants/<tenant id>/<kind>/<random>.<ext>`: scoped to its tenant, unguessable, and of a shape
// that cannot climb out of a folder.
const KEY_PATTERN = /^tenants\/[0-9a-f-]{36}\/[a-z][a-z-]*\/[A-Za-z0-9_-]{16,}\.[a-z0-9]{2,5}$/;

export const isValidKey = (key: string) => KEY_PATTERN.test(key);

export function newObjectKey(options: { tenantId: string; kind: string; extension: string }): string {
  const key = `tenants/${options.tenantId}/${options.kind}/${randomToken(16)}.${options.extension}`;
  if (!isValidKey(key)) throw new Error(`not a valid object key: ${key}`);
  return key;
}

function assertKey(key: string): void {
  if (!isValidKey(key)) throw new Error(`not a valid object key: ${key}`);
}

export function createS3Store(options: { s3: S3Config; publicUrl: string }): ObjectStore {
  const { s3 } = options;
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    // Timeweb, like most S3-compatible stores, does not speak the newer checksum headers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

  return {
    driver: 's3',

    async put(key, body, contentType) {
      assertKey(key);
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body, ContentType: contentType }));
    },

    async delete(key) {
      assertKey(key);
      await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key }));
    },

    async get(key) {
      assertKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
        return {
          body: object.Body as Readable,
          contentType: object.ContentType ?? 'application/octet-stream',
          size: object.ContentLength ?? 0,
        };
      } catch (error) {
        if (
          error instanceof NoSuchKey ||
          (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404)
        ) {
          return null;
        }
        throw error;
      }
    },

    signedUrl(key, { ttlSeconds, downloadName }) {
      assertKey(key);
      const command = new GetObjectCommand({
        Bucket: s3.bucket,
        Key: key,
        ...(downloadName ? { ResponseContentDisposition: contentDisposition(downloadName, 'inline') } : {}),
      });
      return getSignedUrl(client, command, { expiresIn: ttlSeconds });
    },

    publicUrl: (key) => `${options.publicUrl}/files/public/${key}`,
  };
}

const CONTENT_TYPES: Record<string, string> = {
  webp: 'image/webp',
  png: 'image/png',
  jpg: 'image/jpeg',
  pdf: 'application/pdf',
};

export type SignedUrlCheck = 'valid' | 'expired' | 'invalid';

export interface DiskStore extends ObjectStore {
  /** Checks a URL made by `signedUrl`. `expired` is said only of a genuine signature. */
  verifySignedUrl(
    query: { key: string; expires: string; signature: string; name: string },
    now?: number,
  ): SignedUrlCheck;
}

export function createDiskStore(options: { root: string; publicUrl: string; signingKey: Buffer }): DiskStore {
  const root = path.resolve(options.root);
  const fileOf = (key: string) => {
    assertKey(key);
    const file = path.resolve(root, key);
    if (!file.startsWith(`${root}${path.sep}`)) throw new Error(`key escapes the storage folder: ${key}`);
    return file;
  };
  // The download name is signed with the key and the expiry: a link's name is ours, not the clicker's.
  const sign = (key: string, expires: number, name: string) =>
    createHmac('sha256', options.signingKey).update(`${key}\n${expires}\n${name}`).digest('base64url');

  return {
    driver: 'disk',

    async put(key, body) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside, then renamed: a reader never sees half a file.
      const partial = `${file}.${randomToken(6)}.partial`;
      await writeFile(partial, body);
      await rename(partial, file);
    },

    async delete(key) {
      await rm(fileOf(key), { force: true });
    },

    async get(key) {
      const file = fileOf(key);
      try {
        const { size } = await stat(file);
        const extension = path.extname(file).slice(1);
        return {
          body: createReadStream(file),
          contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
          size,
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async signedUrl(key, { ttlSeconds, downloadName }) {
      assertKey(key);
      // Rounded up to the second: a link works for at least its whole TTL.
      const expires = Math.ceil(Date.now() / 1000 + ttlSeconds);
      const name = downloadName ? safeFileName(downloadName) : '';
      const query = new URLSearchParams({ expires: String(expires), signature: sign(key, expires, name) });
      if (name) query.set('name', name);
      return `${options.publicUrl}/files/private/${key}?${query}`;
    },

    publicUrl: (key) => `${options.publicUrl}/files/public/${key}`,

    verifySignedUrl({ key, expires, signature, name }, now = Date.now()) {
      if (!isValidKey(key) || !/^\d{1,12}$/.test(expires)) return 'invalid';
      const expected = Buffer.from(sign(key, Number(expires), name));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
      return Number(expires) * 1000 < now ? 'expired' : 'valid';
    },
  };
}

/** The store the configuration asks for: S3 when S3_* is set, else the disk under DATA_DIR/files. */
export function createObjectStore(config: Config, appSecret: Buffer): ObjectStore {
  if (config.s3) return createS3Store({ s3: config.s3, publicUrl: config.publicUrl });
  return createDiskStore({
    root: path.join(config.dataDir, 'files'),
    publicUrl: config.publicUrl,
    signingKey: deriveKey(appSecret, 'file-urls'),
  });
}
