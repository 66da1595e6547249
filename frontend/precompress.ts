// Each text file a build writes is also written brotli- and gzip-compressed beside it
// (`app.js.br`, `app.js.gz`), at the highest levels, once at build time: the server then sends the
// smallest one the browser accepts (`@fastify/static`'s `preCompressed`, and the loader's route)
// without compressing anything per request.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(js|mjs|css|html|svg|json|txt|map)$/;
/** Below this, a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

export function compressFile(contents: Buffer): Promise<[Buffer, Buffer]> {
  return Promise.all([
    brotli(contents, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: contents.length,
      },
    }),
    gzipped(contents, { level: constants.Z_BEST_COMPRESSION }),
  ]);
}

export const precompress = (): Plugin => ({
  name: 'precompress',
  apply: 'build',
  async writeBundle(options, bundle) {
    const outDir = options.dir ?? 'dist';
    const files = Object.keys(bundle).filter((name) => TEXT.test(name));
    await Promise.all(
      files.map(async (name) => {
        const file = path.join(outDir, name);
        const contents = await readFile(file);
        if (contents.length < MIN_BYTES) return;
        const [br, gz] = await compressFile(contents);
        // A copy no smaller than the original is not worth a Content-Encoding.
        if (br.length < contents.length) await writeFile(`${file}.br`, br);
        if (gz.length < contents.length) await writeFile(`${file}.gz`, gz);
      }),
    );
  },
});
