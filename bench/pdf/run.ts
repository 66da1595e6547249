// bench/pdf: how fast the PDF engine renders the estimate template, beside the limit — a bare
// page.setContent() + page.pdf() of the same HTML on a dedicated page of its own browser — in the
// same run, and how much memory 20 simultaneous renders take (one browser, a bounded page pool).
// Writes its section of docs/PERFORMANCE.md.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import puppeteer, { type Page } from 'puppeteer-core';
import sharp from 'sharp';
import { CHROMIUM_ARGS, findChromium } from '../../backend/src/lib/chromium.ts';
import { sampleEstimate } from '../../backend/src/modules/pdf/estimatePdf.ts';
import { createPdfEngine } from '../../backend/src/modules/pdf/pdfEngine.ts';
import { renderEstimateHtml } from '../../backend/src/modules/pdf/templates/estimate.ts';
import { updatePerformanceSection } from '../report.ts';

const SEQUENTIAL = 60;
const CONCURRENT = 120;
const BURST = 20;
const POOL = 4;

const executablePath = findChromium();
if (!executablePath) throw new Error('bench/pdf needs Chromium (CHROME_PATH or /usr/bin/chromium)');

const logo = await sharp({ create: { width: 600, height: 200, channels: 3, background: { r: 15, g: 118, b: 110 } } })
  .webp()
  .toBuffer();
const html = renderEstimateHtml(
  sampleEstimate({
    name: 'Ремонт Профи',
    logoDataUrl: `data:image/webp;base64,${logo.toString('base64')}`,
    primaryColor: '#0f766e',
    accentColor: '#f97316',
    phone: '+7 (495) 123-45-67',
    email: 'hello@remont.ru',
    address: 'Москва, ул. Строителей, 1',
    website: 'remont.ru',
    poweredBy: true,
  }),
);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

interface Run {
  p50: number;
  p95: number;
  perSecond: number;
}

/** `count` renders with `concurrency` in flight; latency per render, throughput overall. */
async function measure(render: (worker: number) => Promise<unknown>, count: number, concurrency: number): Promise<Run> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (next < count) {
        next++;
        const t = performance.now();
        await render(worker);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), perSecond: (count / elapsed) * 1000 };
}

/**
 * Memory of this process and every Chromium process under it, in MiB: the proportional set size
 * (Pss), which shares each shared page among its users, so the sum is not inflated by Chromium's
 * many processes mapping the same libraries.
 */
function memoryMiB(): number {
  const pids = [process.pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const children = execFileSync('pgrep', ['-P', String(pids[i])], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean);
      pids.push(...children.map(Number));
    } catch {
      // no children
    }
  }
  let kib = 0;
  for (const pid of pids) {
    try {
      kib += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kib / 1024;
}

const browserCount = () => {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), '-f', 'chrom'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length;
  } catch {
    return 0;
  }
};

// The limit: pages of a browser of its own, no pool, no timeouts, no interception.
const bareBrowser = await puppeteer.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const barePages: Page[] = await Promise.all(Array.from({ length: POOL }, () => bareBrowser.newPage()));
// Each concurrent worker keeps to a page of its own, as the engine's pool does.
const bare = async (worker: number) => {
  const page = barePages[worker] as Page;
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
};

const quiet = { warn() {}, error() {} };
const engine = createPdfEngine({ pages: POOL, timeoutMs: 60_000, log: quiet });
const rendered = () => engine.render(html);

// Warm both: browsers started, pages created, fonts loaded.
await Promise.all([...Array.from({ length: POOL }, rendered), ...Array.from({ length: POOL }, (_, i) => bare(i))]);

const results = {
  bare1: await measure(bare, SEQUENTIAL, 1),
  engine1: await measure(rendered, SEQUENTIAL, 1),
  bare4: await measure(bare, CONCURRENT, 4),
  engine4: await measure(rendered, CONCURRENT, 4),
};
await bareBrowser.close();

const idle = memoryMiB();
let peak = idle;
const sampler = setInterval(() => {
  peak = Math.max(peak, memoryMiB());
}, 100);
const browsersBefore = browserCount();
for (let round = 0; round < 3; round++) await Promise.all(Array.from({ length: BURST }, rendered));
clearInterval(sampler);
const browsersAfter = browserCount();
await engine.close();

const ms = (value: number) => `${value.toFixed(0)} ms`;
const ratio = results.engine1.p50 / results.bare1.p50;
const chromiumVersion = execFileSync(executablePath, ['--version'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'ignore'],
}).trim();
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, ${chromiumVersion}`;

const body = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine}.
Template: the estimate PDF (\`renderEstimateHtml\` with the sample estimate and a logo), A4.
"Bare" is the limit: \`page.setContent()\` + \`page.pdf()\` of the same HTML on pages of a browser of its
own, no pool, no request interception, no timeouts. The engine ran with ${POOL} pages.

| run | p50 | p95 | PDFs per second |
| --- | --- | --- | --- |
| bare, 1 at a time (${SEQUENTIAL}) | ${ms(results.bare1.p50)} | ${ms(results.bare1.p95)} | ${results.bare1.perSecond.toFixed(1)} |
| engine, 1 at a time (${SEQUENTIAL}) | ${ms(results.engine1.p50)} | ${ms(results.engine1.p95)} | ${results.engine1.perSecond.toFixed(1)} |
| bare, 4 concurrent (${CONCURRENT}) | ${ms(results.bare4.p50)} | ${ms(results.bare4.p95)} | ${results.bare4.perSecond.toFixed(1)} |
| engine, 4 concurrent (${CONCURRENT}) | ${ms(results.engine4.p50)} | ${ms(results.engine4.p95)} | ${results.engine4.perSecond.toFixed(1)} |

- Warm p50, engine ÷ bare: **${ratio.toFixed(2)}×** (target: within 1.5×) — ${ratio <= 1.5 ? 'met' : 'NOT met'}.
- ${BURST} simultaneous renders, 3 rounds: memory (Pss) of the process and its Chromium went from
  ${idle.toFixed(0)} MiB idle to a peak of ${peak.toFixed(0)} MiB; Chromium processes before/after:
  ${browsersBefore}/${browsersAfter} (one browser: requests queue for the ${POOL} pages, nothing is
  started per request).`;

updatePerformanceSection('pdf', 'PDF engine (`bench/pdf`)', body);
console.log(body);
