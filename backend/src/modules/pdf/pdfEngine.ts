// The PDF engine: HTML in, PDF out, through the system Chromium (puppeteer-core).
// One browser stays warm for the life of the process, with a bounded pool of pages, so a render
// costs a page load and a print, never a browser start. Pages run no JavaScript and may load
// nothing but data: URLs, so a template can neither fetch internal URLs nor read local files.
// A render that hangs is cut off by a timeout; a browser that dies is started again on next use.
import { setTimeout as delay } from 'node:timers/promises';
import { createPool, type Pool } from 'generic-pool';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { AppError } from '../../errors.ts';
import { CHROMIUM_ARGS, findChromium, INSTALL_HINT } from '../../lib/chromium.ts';

export interface PdfEngineOptions {
  chromePath?: string;
  /** Pages rendering at once; more requests wait in line. */
  pages: number;
  /** For one render: waiting for a page, loading the HTML and printing it. */
  timeoutMs: number;
  log: { warn(object: object, message: string): void; error(object: object, message: string): void };
}

export interface PdfEngine {
  render(html: string): Promise<Buffer>;
  /** Starts the browser ahead of the first render; resolves false (and logs) when it cannot. */
  warmUp(): Promise<boolean>;
  close(): Promise<void>;
}

export class ChromiumNotFoundError extends Error {
  constructor() {
    super(`The PDF engine needs Chromium and none was found. ${INSTALL_HINT}`);
    this.name = 'ChromiumNotFoundError';
  }
}

const withTimeout = <T>(work: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

/** How long a stop lets Chromium close by itself before it is killed. */
const CLOSE_GRACE_MS = 5_000;

export function createPdfEngine(options: PdfEngineOptions): PdfEngine {
  let browser: Promise<Browser> | null = null;
  let closed = false;
  // A stop does not wait for a Chromium that is still starting (a loaded machine can take half a
  // minute): the launch is aborted, which kills the process it started. A browser that is up is
  // closed once the renders in flight are done.
  const stopping = new AbortController();
  let starting = false;

  function launch(): Promise<Browser> {
    if (browser) return browser;
    const executablePath = findChromium(options.chromePath);
    if (!executablePath) return Promise.reject(new ChromiumNotFoundError());
    const launching = puppeteer.launch({
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      signal: stopping.signal,
    });
    browser = launching;
    starting = true;
    launching.then(
      (started) => {
        starting = false;
        started.on('disconnected', () => {
          // A crash, or a kill from outside: the next render starts a new browser.
          if (browser === launching) browser = null;
          if (!closed) options.log.warn({}, 'PDF engine: Chromium went away; it will be started again');
        });
      },
      () => {
        starting = false;
        if (browser === launching) browser = null;
      },
    );
    return launching;
  }

  const pool: Pool<Page> = createPool<Page>(
    {
      async create() {
        const page = await (await launch()).newPage();
        await page.setJavaScriptEnabled(false);
        await page.setRequestInterception(true);
        page.on('request', (request) => {
          if (request.url().startsWith('data:')) void request.continue();
          else void request.abort('blockedbyclient');
        });
        return page;
      },
      async destroy(page) {
        await page.close().catch(() => {});
      },
      async validate(page) {
        return !page.isClosed() && page.browser().connected;
      },
    },
    { max: options.pages, min: 0, testOnBorrow: true, acquireTimeoutMillis: options.timeoutMs },
  );

  async function renderOnce(html: string, deadline: number): Promise<Buffer> {
    // Fails at once when there is no Chromium, instead of after the pool's wait.
    const running = await launch();
    if (!running.connected) browser = null;
    const page = await pool.acquire();
    const remaining = () => Math.max(1000, deadline - Date.now());
    try {
      const pdf = await withTimeout(
        (async () => {
          await page.setContent(html, { waitUntil: 'load', timeout: remaining() });
          return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, timeout: remaining() });
        })(),
        remaining(),
        'PDF render',
      );
      await pool.release(page);
      return Buffer.from(pdf);
    } catch (error) {
      // A page that failed mid-render is not trusted again.
      await pool.destroy(page).catch(() => {});
      const gone = page.browser();
      throw Object.assign(error as Error, { goneBrowser: gone.connected ? null : gone });
    }
  }

  async function render(html: string): Promise<Buffer> {
    const deadline = Date.now() + options.timeoutMs;
    try {
      try {
        return await renderOnce(html, deadline);
      } catch (error) {
        // The browser died under this render (a crash, an OOM kill): one more try on a new one.
        const gone = (error as { goneBrowser?: Browser | null }).goneBrowser;
        if (!gone) throw error;
        if (browser && (await browser.catch(() => null)) === gone) browser = null;
        return await renderOnce(html, deadline);
      }
    } catch (error) {
      options.log.error({ err: error }, 'PDF engine: render failed');
      throw new AppError('PDF_UNAVAILABLE');
    }
  }

  return {
    render,

    async warmUp() {
      try {
        await launch();
        return true;
      } catch (error) {
        if (!closed) {
          options.log.warn({ err: error }, 'PDF engine: Chromium could not be started; PDFs will fail until it can');
        }
        return false;
      }
    },

    async close() {
      closed = true;
      if (starting) stopping.abort();
      await pool.drain();
      await pool.clear();
      const running = browser;
      browser = null;
      // An aborted launch settles at once, as a rule; one that does not is left to puppeteer's
      // exit handler, which kills its Chromium when this process ends.
      const waited = new AbortController();
      const started = running
        ? await Promise.race([
            running.catch(() => null),
            delay(CLOSE_GRACE_MS, null, { signal: waited.signal }).catch(() => null),
          ])
        : null;
      waited.abort();
      if (!started) return;
      // A loaded machine can take long to let Chromium go; past a few seconds it is killed.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const overdue = new Promise<'overdue'>((resolve) => {
        timer = setTimeout(() => resolve('overdue'), CLOSE_GRACE_MS);
      });
      const outcome = await Promise.race([started.close().catch(() => 'failed' as const), overdue]);
      clearTimeout(timer);
      if (outcome !== undefined) started.process()?.kill('SIGKILL');
    },
  };
}
