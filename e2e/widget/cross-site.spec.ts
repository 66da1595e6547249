// The widget as customers embed it: on their own site, so the chat frame is a third-party iframe
// which Chromium gives no storage. The demo page at `/` is served by the app itself, where the
// frame is same-site and this never shows; here the landing page is on another site.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatSessions } from '../../backend/src/db/schema.ts';
import { FRONTEND_DIST } from '../../backend/src/plugins/frontend.ts';
import { assertFrontendBuilt, openContext, SHOTS_DIR, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { openChat, serveLanding, watchConsole } from '../support/landing.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const FRAME_TITLE = 'Чат: расчёт стоимости ремонта';

/** The chat frame the loader injected, as a locator root and as a frame (for scripts). */
function chatFrame(page: Page): { locator: FrameLocator; frame: () => Frame } {
  return {
    locator: page.frameLocator(`iframe[title="${FRAME_TITLE}"]`),
    frame: () => {
      const frame = page.frames().find((candidate) => candidate.url().includes('/widget/frame?'));
      if (!frame) throw new Error('the chat frame is not on the page');
      return frame;
    },
  };
}

const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const transcriptOf = async (chat: FrameLocator) => plain((await chat.getByRole('log').textContent()) ?? '');
const choose = (chat: FrameLocator, label: string) => chat.getByRole('button', { name: label, exact: true }).click();

/** The viewport as it is now, once entrance animations (which no page event announces) have settled. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), animations: 'disabled' });
}

/** Whether a document may use its localStorage (run in the page or a frame; e2e has no DOM types). */
const STORAGE_ALLOWED = '(() => { try { return window.localStorage !== null; } catch { return false; } })()';

describe('the chat widget on a company’s own site', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    assertFrontendBuilt();
    for (const file of ['widget.js', 'widget/frame.html']) {
      if (!existsSync(path.join(FRONTEND_DIST, file))) {
        throw new Error(`The widget is not built (${file}): run \`npm run build -w frontend\` first`);
      }
    }
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A company signed up in a context of its own: its widget snippet and a count of its dialogs. */
  async function newCompany(owner: BrowserContext) {
    await signUpCompany(owner);
    const { tenant } = (await (await owner.request.get('/api/auth/session')).json()) as { tenant: { id: string } };
    const { widgetKey, snippet } = (await (await owner.request.get('/api/widget/settings')).json()) as {
      widgetKey: string;
      snippet: string;
    };
    const dialogs = async () => {
      const [row] = await server.db.withTenant(tenant.id, (tx) => tx.select({ n: count() }).from(chatSessions));
      return row?.n ?? 0;
    };
    return { widgetKey, snippet, dialogs };
  }

  /** The visitor's page, and every warning or error the browser or our scripts print on it or in the chat. */
  async function visit(context: BrowserContext): Promise<{ page: Page; complaints: string[] }> {
    const complaints: string[] = [];
    return { page: watchConsole(await context.newPage(), complaints), complaints };
  }

  it('resumes the conversation after a reload, from the visit the page keeps, with no new dialog and nothing in the console', async () => {
    const owner = await openContext(browser, server.url);
    const company = await newCompany(owner);
    const landing = await serveLanding(company.snippet);
    const context = await openContext(browser, landing.url);
    const { page, complaints } = await visit(context);

    try {
      await page.goto(landing.url);
      await openChat(page);
      let chat = chatFrame(page).locator;
      await chat.getByText('Шаг 1 из 8').waitFor();
      // Really a third-party frame: the browser gives it no storage, and the page keeps the visit.
      expect(await chatFrame(page).frame().evaluate(STORAGE_ALLOWED)).toBe(false);
      expect(await page.evaluate(STORAGE_ALLOWED)).toBe(true);

      await choose(chat, 'Вторичное жильё');
      await chat.getByText('Шаг 2 из 8').waitFor();
      await choose(chat, 'Капитальный');
      await chat.getByRole('textbox', { name: 'Какая площадь, м²?', exact: true }).waitFor();
      const transcript = await transcriptOf(chat);
      expect(transcript).toContain('Вторичное жильё');
      expect(transcript).toContain('Капитальный');
      expect(await company.dialogs()).toBe(1);

      // What the loader keeps, in the page's own storage under the widget key: the frame's token.
      const kept = () => page.evaluate(`localStorage.getItem(${JSON.stringify(`aimax:visit:${company.widgetKey}`)})`);
      await expect
        .poll(async () => JSON.parse(String(await kept())))
        .toEqual({ visitorId: expect.stringMatching(/^[\w-]{22}$/), token: expect.any(String) });

      // The next page view: the same dialog, at the same step, with what was said.
      await page.reload();
      await openChat(page);
      chat = chatFrame(page).locator;
      await chat.getByText('Шаг 3 из 8').waitFor();
      await chat.getByRole('textbox', { name: 'Какая площадь, м²?', exact: true }).waitFor();
      expect(await transcriptOf(chat)).toBe(transcript);
      expect(await company.dialogs()).toBe(1);
      await shot(page, 'cross-site-resumed');

      // The funnel goes on from there, in that dialog.
      await chat.getByRole('textbox', { name: 'Какая площадь, м²?', exact: true }).fill('54');
      await chat.getByRole('button', { name: 'Далее' }).click();
      await chat.getByText('Шаг 4 из 8').waitFor();
      expect(await company.dialogs()).toBe(1);

      // «Работает на AI Max» leads to AI Max's page for companies, tagged with this company.
      const badge = new URL(String(await chat.getByRole('link', { name: 'Работает на AI Max' }).getAttribute('href')));
      expect(`${badge.origin}${badge.pathname}`).toBe(`${server.url}/admin/signup`);
      expect(badge.searchParams.get('utm_source')).toBe('widget');
      expect(badge.searchParams.get('utm_medium')).toBe('badge');
      expect(badge.searchParams.get('utm_campaign')).toMatch(/^[a-z0-9-]+$/);

      // Folded and opened again: the frame, loaded by now, is told to take the focus, silently.
      await page.keyboard.press('Escape');
      await openChat(page);
      await expect.poll(() => chat.locator(':focus').getAttribute('aria-label')).toBe('Переписка');

      expect(complaints).toEqual([]);

      // The owner's first steps now count the widget installed, and its page names the site.
      const ownerPage = await owner.newPage();
      await ownerPage.goto('/admin/');
      await ownerPage.getByRole('link', { name: /Установите виджет на сайт.*Готово/ }).waitFor();
      expect(await ownerPage.getByRole('link', { name: /Оформите виджет.*Готово/ }).count()).toBe(0);
      await ownerPage.goto('/admin/widget');
      await ownerPage.getByText(`Виджет работает на ${new URL(landing.url).host}, последний раз`).waitFor();
      await shot(ownerPage, 'widget-seen');
    } finally {
      await context.close();
      await owner.close();
      await landing.close();
    }
  });

  it('keeps the conversation for the page view where the page has no storage either', async () => {
    const owner = await openContext(browser, server.url);
    const company = await newCompany(owner);
    const landing = await serveLanding(company.snippet);
    const context = await openContext(browser, landing.url);
    // Storage switched off for the site, as a privacy setting or a sandbox does: every access throws.
    await context.addInitScript(
      "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('Access is denied', 'SecurityError'); } });",
    );
    const { page, complaints } = await visit(context);

    try {
      await page.goto(landing.url);
      expect(await page.evaluate(STORAGE_ALLOWED)).toBe(false);
      await openChat(page);
      const chat = chatFrame(page).locator;
      await choose(chat, 'Новостройка');
      await chat.getByText('Шаг 2 из 8').waitFor();
      const transcript = await transcriptOf(chat);

      // Folded and opened again on the same page: the same conversation, in the same dialog.
      await chat.getByRole('button', { name: 'Свернуть чат' }).click();
      await openChat(page);
      await choose(chat, 'Косметический');
      await chat.getByText('Шаг 3 из 8').waitFor();
      expect(await transcriptOf(chat)).toContain(transcript);
      expect(await company.dialogs()).toBe(1);
      expect(complaints).toEqual([]);
    } finally {
      await context.close();
      await owner.close();
      await landing.close();
    }
  });
});
