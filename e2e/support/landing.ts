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
