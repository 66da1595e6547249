// A company's landing page on a site of its own, for browser tests of the widget as customers
// embed it: served on `localhost` while the app is on `127.0.0.1`, so the two are different
// sites to the browser and the chat frame is a third-party iframe.
import { createServer, type Server } from 'node:http';
import type { Page } from 'playwright-core';

export interface Landing {
  url: string;
  close(): Promise<void>;
}

/** Serves a page with the snippet the company copies; `path` is where the visitor lands (UTM tags and all). */
export async function serveLanding(snippet: string, options: { title?: string; path?: string } = {}): Promise<Landing> {
  const title = options.title ?? 'Ремонт квартир под ключ';
  const html = `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>${title}</title>
<link rel="icon" href="data:,">
</head>
<body style="font-family: sans-serif; margin: 40px">
<h1>${title}</h1>
<p>Рассчитайте стоимость ремонта в чате — это займёт две минуты.</p>
${snippet}
</body>
</html>`;
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('the landing page has no port');
  return {
    url: `http://localhost:${address.port}${options.path ?? '/'}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Collects every warning and error the browser or our scripts print on a page, its frames included. */
export function watchConsole(page: Page, complaints: string[]): Page {
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') {
      complaints.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => complaints.push(`pageerror: ${error.message}`));
  return page;
}

// The widget's CSS transitions (in the loader's shadow root), while they run. A click in the chat during them can be lost: the
// frame is out of process (another site), and Chromium routes the input by where its compositor
// last saw the frame, which lags a frame being shown and moved at once.
const PANEL_AT_REST =
  "(() => { const root = document.getElementById('aimax-widget')?.shadowRoot; return !!root?.querySelector('iframe') && root.getAnimations().length === 0; })()";

/** Opens the chat from the page's launcher and waits until its panel has come to rest. */
export async function openChat(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Открыть чат' }).click();
  await page.waitForFunction(PANEL_AT_REST);
}
