// bench/widget: what a landing page's visitors download, as the server sends it to a browser
// (`Accept-Encoding: gzip, deflate, br`): the loader on every page view, the frame app only when
// the chat opens. Bodies as transferred, headers aside; the uncompressed sizes beside them.
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../backend/src/app.ts';
import { loadConfig } from '../../backend/src/config.ts';
import { openPglite } from '../../backend/src/db/pglite.ts';
import { bootstrapPlatform } from '../../backend/src/modules/platform/bootstrap.ts';
import { createTestServices } from '../../backend/test/support/app.ts';
import { updatePerformanceSection } from '../report.ts';

const config = loadConfig({
  PUBLIC_URL: 'http://127.0.0.1:3000',
  LOG_LEVEL: 'silent',
  DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'aimax-bench-')),
});
const db = await openPglite();
await db.migrate();
// The platform's first run, which makes the demo company whose landing page is at `/`.
await bootstrapPlatform(db, { adminEmail: 'bench@aimax.local', adminPassword: 'bench-password-1' });
const services = await createTestServices(config);
const app = await buildApp({ config, db, ...services });
await app.ready();

const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function fetched(url: string): Promise<{ sent: number; raw: number; encoding: string; body: string }> {
  const compressed = await app.inject({ method: 'GET', url, headers: BROWSER });
  const plain = await app.inject({ method: 'GET', url });
  if (compressed.statusCode !== 200 || plain.statusCode !== 200) {
    throw new Error(`${url}: ${compressed.statusCode}; run \`npm run build -w frontend\` first`);
  }
  return {
    sent: compressed.rawPayload.length,
    raw: plain.rawPayload.length,
    encoding: String(compressed.headers['content-encoding'] ?? 'none'),
    body: plain.body,
  };
}

const loader = await fetched('/widget.js');
// The frame's page is served per company (its CSP); the demo company's key opens it.
const landing = await app.inject({ method: 'GET', url: '/' });
const key = /data-key="([^"]+)"/.exec(landing.body)?.[1];
const page = await fetched(`/widget/frame?key=${key}`);
// Everything the frame's HTML pulls in: its scripts, module preloads and stylesheets.
const assets = [...page.body.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map(
  (match) => match[1] as string,
);
const parts = [page, ...(await Promise.all(assets.map(fetched)))];
const frameSent = parts.reduce((sum, part) => sum + part.sent, 0);
const frameRaw = parts.reduce((sum, part) => sum + part.raw, 0);
await app.close();
await services.pdf.close();
await db.close();

const LOADER_TARGET = 2.6 * 1024;
const body = `Measured ${new Date().toISOString().slice(0, 10)} on the production build (\`npm run build\`), as the
app sends it to a browser that accepts brotli (pre-compressed at build, \`frontend/precompress.ts\`).

| what | when it loads | as transferred | uncompressed |
| --- | --- | --- | --- |
| loader \`/widget.js\` | every page view of the customer's site (then fresh for 5 min, revalidated in the background for 10 more) | ${kb(loader.sent)} (${loader.encoding}) | ${kb(loader.raw)} |
| frame app (\`/widget/frame\`: HTML, ${assets.length} JS/CSS files) | when the visitor opens the chat (hashed files cached for a year) | ${kb(frameSent)} | ${kb(frameRaw)} |

- Loader target (issue 17): a compressed body of at most 2.6 KB — ${loader.sent <= LOADER_TARGET ? 'met' : 'NOT met'}.
- The frame's page itself is served uncompressed (its CSP is per company); it is ${kb(page.raw)}.`;

updatePerformanceSection('widget-size', 'Widget download size (`bench/widget`)', body);
console.log(body);
