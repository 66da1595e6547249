// A real S3-protocol server on loopback (@20minutes/s3rver, which checks SigV4 signatures), with
// one bucket, for testing the S3 driver the way it talks to Timeweb Cloud S3.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from '@20minutes/s3rver';
import type { S3Config } from '../../src/config.ts';

export interface TestS3Server {
  s3: S3Config;
  close(): Promise<void>;
}

export async function startS3Server(): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aimax-s3-'));
  const bucket = 'aimax-test';
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = (await server.run()) as { port: number };
  return {
    // s3rver's built-in account; the region is what Timeweb uses.
    s3: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'ru-1',
      bucket,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
