import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads, tenantBotSettings, tenants } from '../../backend/src/db/schema.ts';
import { bootstrapPlatform, DEMO_TENANT_SLUG } from '../../backend/src/modules/platform/bootstrap.ts';
import { FRONTEND_DIST } from '../../backend/src/plugins/frontend.ts';
import { pdfText } from '../../backend/test/support/pdf.ts';
import { assertFrontendBuilt, openContext, PHONE, SHOTS_DIR, STRONG_PASSWORD } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const COUNTER = '98765432';
/** The demo page as an advertising click lands on it. */
const LANDING = '/?utm_source=yandex&utm_campaign=remont_spring';
const GREETING = 'Здравствуйте! Я Алина, посчитаю стоимость ремонта и отвечу на вопросы.';

/** What the page functions below touch: e2e compiles without the DOM's types (e2e/tsconfig.json). */
interface PageWindow {
  getComputedStyle(element: unknown): { backgroundColor: string };
  document: {
    activeElement: { id: string } | null;
    body: unknown;
    querySelector(selector: string): { textContent: string | null } | null;
  };
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  __ymCalls: unknown[][];
  __drafts: string[];
}

/** Yandex Metrika's `ym` on the host page, recording its calls instead of sending them. */
const YM_STUB = 'window.__ymCalls = []; window.ym = function () { window.__ymCalls.push(Array.from(arguments)); };';

/** The viewport as it is now, once entrance animations (which no page event announces) have settled. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(SHOTS_DIR, `widget-${name}.png`), animations: 'disabled' });
}

const backgroundOf = (locator: Locator) =>
  locator.evaluate((element) => (globalThis as unknown as PageWindow).getComputedStyle(element).backgroundColor);

const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** The chat frame the loader injected, as a frame (for scripts) and as a locator root. */
function chatFrame(page: Page): { locator: FrameLocator; frame: () => Frame } {
  return {
    locator: page.frameLocator('iframe[title="Чат: расчёт стоимости ремонта"]'),
    frame: () => {
      const frame = page.frames().find((candidate) => candidate.url().includes('/widget/frame?'));
      if (!frame) throw new Error('the chat frame is not on the page');
      return frame;
    },
  };
}

const choose = (chat: FrameLocator, label: string) => chat.getByRole('button', { name: label, exact: true }).click();

describe('the chat widget on a company’s page', () => {
  let server: RunningServer;
  let browser: Browser;
  let demoId: string;

  beforeAll(async () => {
    assertFrontendBuilt();
    for (const file of ['widget.js', 'widget/frame.html']) {
      if (!existsSync(path.join(FRONTEND_DIST, file))) {
        throw new Error(`The widget is not built (${file}): run \`npm run build -w frontend\` first`);
      }
    }
    server = await startServer();
    await bootstrapPlatform(server.db, { adminEmail: 'admin@aimax.test', adminPassword: STRONG_PASSWORD });
    const [demo] = await server.db.withIdentity((tx) =>
      tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, DEMO_TENANT_SLUG)),
    );
    if (!demo) throw new Error('bootstrap made no demo company');
    demoId = demo.id;
    // The demo company's branding, and a Metrika counter on its page (the goal names stay default).
    const settings = {
      primaryColor: '#0f766e',
      accentColor: '#f97316',
      welcomeTitle: 'Рассчитаем стоимость ремонта за 2 минуты',
      welcomeText: 'Ответьте на несколько вопросов — пришлём подробную смету в PDF.',
      botName: 'Алина',
      botGreeting: GREETING,
      metrikaCounterId: COUNTER,
    };
    await server.db.withTenant(demo.id, (tx) =>
      tx
        .insert(tenantBotSettings)
        .values({ tenantId: demo.id, ...settings })
        .onConflictDoUpdate({ target: tenantBotSettings.tenantId, set: settings }),
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openDemoPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.addInitScript(YM_STUB);
    await page.goto(LANDING);
    return page;
  }

  const ymCalls = (page: Page) => page.evaluate(() => (globalThis as unknown as PageWindow).__ymCalls);

  it('walks a visitor from the page’s button to the estimate PDF, with Metrika goals and a resumed session', async () => {
    const context = await openContext(browser, server.url);
    let page = await openDemoPage(context);

    // The launcher appears in the company's colour.
    const launcher = page.getByRole('button', { name: 'Открыть чат' });
    await launcher.waitFor();
    expect(await backgroundOf(launcher)).toBe('rgb(15, 118, 110)');
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await shot(page, 'launcher');

    // The page's own «Рассчитать стоимость» opens the chat, at the greeting and the first question.
    await page.getByRole('link', { name: 'Рассчитать стоимость' }).click();
    let { locator: chat } = chatFrame(page);
    await chat.getByText(GREETING).waitFor();
    await chat.getByRole('heading', { name: 'Ремонт Плюс (демо)' }).waitFor();
    await chat.getByText('Шаг 1 из 8').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.getByRole('button', { name: 'Закрыть чат' }).getAttribute('aria-expanded')).toBe('true');
    await shot(page, 'greeting');
    // The focus comes into the conversation; Tab reaches the first answer.
    await expect.poll(() => chat.locator(':focus').getAttribute('aria-label')).toBe('Переписка');
    await page.keyboard.press('Tab');
    await expect.poll(() => chat.locator(':focus').textContent()).toBe('Новостройка');

    await choose(chat, 'Вторичное жильё');
    await chat.getByText('Какой ремонт нужен?').waitFor();
    await chat.getByText('Шаг 2 из 8').waitFor();
    await shot(page, 'choices');
    await choose(chat, 'Капитальный');

    // The area: checked here first (the range, in Russian), then accepted by the server.
    const area = chat.getByRole('textbox', { name: 'Какая площадь, м²?', exact: true });
    await area.fill('3');
    await chat.getByRole('button', { name: 'Далее' }).click();
    await chat.getByText('Не меньше 5 м²').waitFor();
    expect(await area.getAttribute('aria-invalid')).toBe('true');
    await area.fill('54');
    await area.press('Enter');
    await chat.getByRole('textbox', { name: 'Сколько комнат?', exact: true }).fill('2');
    await chat.getByRole('button', { name: 'Далее' }).click();
    await chat.getByText('Планируется перепланировка?').waitFor();

    // Escape folds the chat back into the launcher, which takes the focus back.
    await page.keyboard.press('Escape');
    await expect.poll(() => launcher.getAttribute('aria-expanded')).toBe('false');
    const focused = await page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.id);
    expect(focused).toBe('aimax-widget');

    // A reload mid-funnel: the session resumes where it was, with the same messages.
    const transcript = plain((await chat.getByRole('log').textContent()) ?? '');
    expect(transcript).toContain('54 м²');
    page = await openDemoPage(context);
    await page.getByRole('button', { name: 'Открыть чат' }).click();
    chat = chatFrame(page).locator;
    await chat.getByText('Шаг 5 из 8').waitFor();
    expect(plain((await chat.getByRole('log').textContent()) ?? '')).toBe(transcript);

    await choose(chat, 'Нет');
    await choose(chat, 'Нет, есть свой или не нужен');
    await choose(chat, 'В течение месяца');

    // The contacts: what is missing is said field by field; a number that does not exist, by the server.
    await chat.getByRole('button', { name: 'Получить смету' }).click();
    await chat.getByText('Укажите имя').waitFor();
    await chat.getByText('Укажите телефон').waitFor();
    await chat.getByText('Нужно ваше согласие на обработку персональных данных').waitFor();
    await chat.getByLabel('Имя').fill('Анна');
    await chat.getByLabel('Телефон').fill('+7 000 000-00-00');
    await chat.getByLabel('Я согласен на обработку персональных данных в соответствии с 152-ФЗ').check();
    await chat.getByRole('button', { name: 'Получить смету' }).click();
    await chat.getByRole('alert').filter({ hasText: 'Проверьте номер телефона, например +7 900 123-45-67' }).waitFor();
    await shot(page, 'contacts-error');
    await chat.getByLabel('Телефон').fill('89161234567');
    await chat.getByRole('button', { name: 'Получить смету' }).click();

    // The estimate: the range in large type, the lines, the total.
    const estimate = chat.getByRole('article', { name: 'Предварительная смета' });
    await estimate.waitFor();
    const card = plain((await estimate.textContent()) ?? '');
    expect(card).toContain('от 510 000 – до 652 000 ₽');
    expect(card).toMatch(/Итого по расчёту ?567 000 ₽/);
    await chat.getByText('Расчёт готов').waitFor();
    await shot(page, 'estimate');
    // The lead knows where the visitor came from: the loader passed the page and its UTM tags on.
    const [lead] = await server.db.withTenant(demoId, (tx) =>
      tx.select({ name: leads.name, utm: leads.utm, pageUrl: leads.pageUrl }).from(leads),
    );
    expect(lead).toEqual({
      name: 'Анна',
      utm: { utm_source: 'yandex', utm_campaign: 'remont_spring' },
      pageUrl: `${server.url}${LANDING}`,
    });

    // A free question: the answer streams in word by word (the offline responder), then is stored.
    const frame = chatFrame(page).frame();
    // Every text the reply being written shows, as it changes.
    await frame.evaluate(() => {
      const window = globalThis as unknown as PageWindow;
      window.__drafts = [];
      new window.MutationObserver(() => {
        const draft = window.document.querySelector('[role="log"] > [aria-hidden="true"]');
        if (draft?.textContent) window.__drafts.push(draft.textContent);
      }).observe(window.document.body, { subtree: true, childList: true, characterData: true });
    });
    const question = chat.getByLabel('Ваш вопрос');
    await question.fill('Сколько длится ремонт?');
    await question.press('Enter');
    const answer =
      'Сроки зависят от площади и вида ремонта; обычно косметический ремонт занимает 3–6 недель, капитальный — 2–4 месяца. Менеджер свяжется с вами и ответит подробно.';
    await chat.getByRole('log').getByText(answer, { exact: false }).waitFor();
    // Each text follows the avatar's letter (А, for Алина); the reply grew a few words at a time.
    const drafts = (await frame.evaluate(() => (globalThis as unknown as PageWindow).__drafts))
      .map((draft) => draft.replace(/^А/, '').trim())
      .filter((draft) => draft.length > 0 && draft.length < answer.length);
    expect(new Set(drafts).size).toBeGreaterThan(3);
    expect(drafts.every((draft) => answer.startsWith(draft))).toBe(true);
    expect(await question.inputValue()).toBe('');
    await shot(page, 'streamed');

    // «Скачать смету (PDF)» opens a tab with a freshly signed PDF: the area and the total are in it.
    const [, pdfResponse] = await Promise.all([
      page.waitForEvent('popup'),
      // Matched by address: once Chromium's PDF viewer takes the response, its headers may not be reported.
      context.waitForEvent('response', (response) => response.url().includes('/files/private/')),
      chat.getByRole('button', { name: 'Скачать смету (PDF)' }).click(),
    ]);
    expect(pdfResponse.status()).toBe(200);
    const fetched = await fetch(pdfResponse.url());
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    const pdf = await fetched.arrayBuffer();
    const text = await pdfText(new Uint8Array(pdf));
    expect(text).toContain('54 м²');
    expect(text).toContain('567 000 ₽');

    // Metrika goals on the company's page (this page view: after the reload).
    const goals = [
      'aimax_open',
      'aimax_step_replanning',
      'aimax_step_designProject',
      'aimax_step_timing',
      'aimax_step_contacts',
      'aimax_lead',
      'aimax_estimate_pdf',
    ];
    await expect.poll(() => ymCalls(page)).toEqual(goals.map((goal) => [Number(COUNTER), 'reachGoal', goal]));
    await context.close();
  });

  it('fills a phone’s screen', async () => {
    const context = await openContext(browser, server.url, { viewport: PHONE });
    const page = await openDemoPage(context);
    await page.getByRole('button', { name: 'Открыть чат' }).click();
    const chat = chatFrame(page).locator;
    await chat.getByText(GREETING).waitFor();
    await expect
      .poll(() => page.locator('iframe').boundingBox())
      .toEqual({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    // Under the full-screen chat the launcher would only be in the way.
    await expect.poll(() => page.getByRole('button', { name: 'Закрыть чат' }).isVisible()).toBe(false);
    await choose(chat, 'Новостройка');
    await chat.getByText('Какой ремонт нужен?').waitFor();
    await shot(page, 'mobile');
    await chat.getByRole('button', { name: 'Свернуть чат' }).click();
    await page.getByRole('button', { name: 'Открыть чат' }).waitFor();
    await context.close();
  });
});
