// bench/widget: what a landing page's visitors download. The loader on every page view (target
// under 3 KB gzipped); the frame app only when the chat opens.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { updatePerformanceSection } from '../report.ts';

const dist = fileURLToPath(new URL('../../frontend/dist/', import.meta.url));
const gzipped = (file: string) => gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const loader = gzipped('widget.js');
const frameHtml = readFileSync(`${dist}widget/frame.html`, 'utf8');
// Everything the frame's HTML pulls in: its scripts, module preloads and stylesheets.
const assets = [...frameHtml.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
  (match) => match[1] as string,
);
const frame = assets.reduce((sum, asset) => sum + gzipped(asset), gzipped('widget/frame.html'));

const body = `Measured ${new Date().toISOString().slice(0, 10)} on the production build (\`npm run build\`), gzip level 9.

| what | when it loads | gzipped |
| --- | --- | --- |
| loader \`/widget.js\` | every page view of the customer's site | ${kb(loader)} |
| frame app (\`/widget/frame\`: HTML, ${assets.length} JS/CSS files) | when the visitor opens the chat | ${kb(frame)} |

- Loader target: under 3 KB gzipped — ${loader < 3 * 1024 ? 'met' : 'NOT met'}.`;

updatePerformanceSection('widget-size', 'Widget download size (`bench/widget`)', body);
console.log(body);
