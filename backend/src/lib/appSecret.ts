// The application's secret: the root of the keys that sign file URLs (and, later, encrypt what
// tenants entrust to us). APP_SECRET in production; otherwise one is generated on first start and
// kept in the data folder, which is enough for a single instance.
import { hkdfSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function loadAppSecret(options: { appSecret: string | undefined; dataDir: string }): Promise<Buffer> {
  if (options.appSecret) return Buffer.from(options.appSecret, 'utf8');
  const file = path.join(options.dataDir, 'app-secret');
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32);
  await mkdir(options.dataDir, { recursive: true });
  // `wx`: if another process wrote it first, use theirs rather than overwrite it.
  try {
    await writeFile(file, secret.toString('base64url'), { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  }
}

/** A key for one purpose, so no two uses of the secret share a key. */
export function deriveKey(secret: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `aimax:${purpose}`, 32));
}
