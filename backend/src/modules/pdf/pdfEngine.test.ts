import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/support/pdf.ts';
import { createPdfEngine, type PdfEngine } from './pdfEngine.ts';

const quiet = { warn() {}, error() {} };

/** Chromium processes this test process started (puppeteer launches them as its children). */
const chromiumChildren = () => {
  try {
    return execFileSync('pgrep', ['-P', String(process.pid), '-f', 'chrom'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};

describe('the PDF engine', () => {
  let engine: PdfEngine;
  let server: Server;
  let hits: string[];
  let origin: string;

  beforeAll(async () => {
    engine = createPdfEngine({ pages: 2, timeoutMs: 20_000, log: quiet });
    hits = [];
    server = createServer((request, response) => {
      hits.push(request.url ?? '');
      response.end('body { color: red }');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await engine.close();
    server.close();
  });

  it('renders Cyrillic HTML to a PDF', async () => {
    const pdf = await engine.render('<h1>Смета на ремонт</h1><p>Итого: 869 400 ₽</p>');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await pdfText(pdf)).toContain('Смета на ремонт Итого: 869 400 ₽');
  });

  it('loads nothing from the network or the disk, and runs no scripts', async () => {
    const pdf = await engine.render(`
      <link rel="stylesheet" href="${origin}/style.css">
      <img src="${origin}/logo.png"><img src="file:///etc/hostname">
      <iframe src="${origin}/frame"></iframe>
      <p>видимый текст</p>
      <script>document.write('SCRIPT RAN')</script>`);
    const text = await pdfText(pdf);
    expect(text).toContain('видимый текст');
    expect(text).not.toContain('SCRIPT RAN');
    expect(hits).toEqual([]);
  });

  it('renders many requests on its bounded pool of pages', async () => {
    const pdfs = await Promise.all(Array.from({ length: 8 }, (_, i) => engine.render(`<p>документ ${i}</p>`)));
    const texts = await Promise.all(pdfs.map(pdfText));
    expect(texts.map((text) => text.trim())).toEqual(Array.from({ length: 8 }, (_, i) => `документ ${i}`));
  });

  it('starts a new browser when Chromium dies', async () => {
    await engine.render('<p>до</p>');
    const before = chromiumChildren();
    expect(before.length).toBeGreaterThan(0);
    for (const pid of before) process.kill(pid, 'SIGKILL');
    expect(await pdfText(await engine.render('<p>после</p>'))).toContain('после');
    expect(chromiumChildren().some((pid) => !before.includes(pid))).toBe(true);
  });

  it('cuts off a render that takes too long, and keeps working', async () => {
    const impatient = createPdfEngine({ pages: 1, timeoutMs: 1000, log: quiet });
    try {
      const huge = `<table>${'<tr><td>строка</td><td>ячейка</td></tr>'.repeat(60_000)}</table>`;
      await expect(impatient.render(huge)).rejects.toMatchObject({ code: 'PDF_UNAVAILABLE' });
      expect(await pdfText(await impatient.render('<p>снова работает</p>'))).toContain('снова работает');
    } finally {
      await impatient.close();
    }
  });

  it('stops without waiting for a Chromium still starting, and leaves none running', async () => {
    const before = chromiumChildren();
    const stopping = createPdfEngine({ pages: 1, timeoutMs: 20_000, log: quiet });
    const warming = stopping.warmUp();
    await stopping.close();
    // Had the stop waited for the start to finish, the warm-up would have succeeded.
    expect(await warming).toBe(false);
    expect(chromiumChildren().filter((pid) => !before.includes(pid))).toEqual([]);
  });

  it('says so, at once, when there is no Chromium', async () => {
    const nowhere = createPdfEngine({ chromePath: '/nonexistent/chromium', pages: 1, timeoutMs: 20_000, log: quiet });
    const started = Date.now();
    await expect(nowhere.render('<p>x</p>')).rejects.toMatchObject({ code: 'PDF_UNAVAILABLE', status: 503 });
    expect(await nowhere.warmUp()).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
    await nowhere.close();
  });
});
