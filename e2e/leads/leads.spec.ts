import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertFrontendBuilt,
  logIn,
  openContext,
  PHONE,
  SHOTS_DIR,
  STRONG_PASSWORD,
  screenshot,
  sidebarLinks,
  signUpCompany,
  uniqueEmail,
} from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { leaveLead, visitor } from '../support/widgetApi.ts';

/** The widget key of the signed-in owner's company, as the Widget page shows it. */
async function widgetKeyOf(context: BrowserContext): Promise<string> {
  const response = await context.request.get('/api/widget/settings');
  if (response.status() !== 200) throw new Error(`widget settings: ${response.status()}`);
  return ((await response.json()) as { widgetKey: string }).widgetKey;
}

/** Adds a manager with a password through the API, as the owner signed in to `context`. */
async function addManager(context: BrowserContext, name: string): Promise<{ email: string; password: string }> {
  const session = (await (await context.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const manager = { name, email: uniqueEmail('manager'), password: STRONG_PASSWORD, role: 'manager' };
  const response = await context.request.post('/api/team/members', {
    data: manager,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  if (response.status() !== 201) throw new Error(`adding a manager: ${response.status()} ${await response.text()}`);
  return manager;
}

/** The lead's conversation once the bot has answered the visitor's free question (replies are written after the request). */
async function waitForBotReply(context: BrowserContext, leadId: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const lead = (await (await context.request.get(`/api/leads/${leadId}`)).json()) as {
      transcript: Array<{ role: string; kind: string }>;
    };
    if (lead.transcript.at(-1)?.role === 'bot' && lead.transcript.at(-1)?.kind === 'text') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the bot did not answer the visitor');
}

const noSideScroll = (page: Page) => page.evaluate('document.documentElement.scrollWidth');

describe('the leads section', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    assertFrontendBuilt();
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows a lead from the widget with its answers, estimate, source and conversation, and its PDF', async () => {
    const context = await openContext(browser, server.url);
    const company = await signUpCompany(context, { companyName: 'Ремонт Плюс' });
    const page = await context.newPage();

    // Before the widget brings anyone: where leads come from, and the way to the widget's code.
    await page.goto('/admin/leads');
    await page.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Заявок пока нет' }).waitFor();
    expect(await page.getByRole('link', { name: 'Установить виджет на сайт' }).getAttribute('href')).toBe(
      '/admin/widget',
    );
    await screenshot(page, 'leads-empty');

    // Two visitors complete the funnel; the second came from an ad and asks a question afterwards.
    const key = await widgetKeyOf(context);
    await leaveLead(visitor(server.url, key), { contacts: { name: 'Игорь Смирнов', phone: '8 903 555-12-34' } });
    const anna = visitor(server.url, key);
    const session = await leaveLead(anna, {
      contacts: { name: 'Анна Соколова', phone: '+7 (916) 123-45-67' },
      pageUrl: 'https://remont-plus.ru/kapitalnyj-remont?utm_source=yandex',
      utm: { utm_source: 'yandex', utm_medium: 'cpc', utm_campaign: 'remont_msk' },
    });
    await anna.message(session, 'Сколько длится капитальный ремонт?');

    await page.reload();
    const rows = page.getByRole('row');
    const annaRow = rows.filter({ hasText: 'Анна Соколова' });
    await annaRow.waitFor();
    // Newest first.
    expect(await rows.nth(1).textContent()).toContain('Анна Соколова');
    expect(await rows.nth(2).textContent()).toContain('Игорь Смирнов');
    await page.getByText('2 заявки').waitFor();
    const phone = annaRow.getByRole('link', { name: '+7 916 123-45-67' });
    expect(await phone.getAttribute('href')).toBe('tel:+79161234567');
    // Narrow screens show these under the name instead; only the visible columns count here.
    await annaRow.getByRole('cell', { name: 'Вторичное жильё · Капитальный · 54 м²' }).waitFor();
    await annaRow.getByRole('cell', { name: '564 000 – 721 000 ₽' }).waitFor();
    await screenshot(page, 'leads-list');

    // The row opens the lead.
    await annaRow.getByRole('cell', { name: 'Вторичное жильё · Капитальный · 54 м²' }).click();
    await page.getByRole('heading', { name: 'Анна Соколова', level: 1 }).waitFor();
    const leadId = new URL(page.url()).pathname.split('/').pop() as string;
    expect(page.url()).toBe(`${server.url}/admin/leads/${leadId}`);

    const contacts = page.getByRole('region', { name: 'Контакты' });
    expect(await contacts.getByRole('link', { name: '+7 916 123-45-67' }).getAttribute('href')).toBe(
      'tel:+79161234567',
    );
    await contacts.getByText('Согласие на обработку данных').waitFor();

    const answers = page.getByRole('region', { name: 'Ответы' });
    expect(await answers.locator('dt').allInnerTexts()).toEqual([
      'Тип объекта',
      'Вид ремонта',
      'Площадь',
      'Комнаты',
      'Перепланировка',
      'Дизайн-проект',
      'Сроки',
    ]);
    expect(await answers.locator('dd').allInnerTexts()).toEqual([
      'Вторичное жильё',
      'Капитальный',
      '54 м²',
      '2',
      'Да',
      'Нет, есть свой или не нужен',
      'В течение месяца',
    ]);

    const estimate = page.getByRole('region', { name: 'Смета' });
    await estimate.getByText('564 000 – 721 000 ₽').waitFor();
    await estimate
      .getByRole('row', { name: /Ремонт: капитальный/ })
      .getByRole('cell', { name: '567 000 ₽' })
      .waitFor();
    await estimate
      .getByRole('row', { name: /Перепланировка/ })
      .getByRole('cell', { name: '60 000 ₽' })
      .waitFor();
    await estimate
      .getByRole('row', { name: /Итого по расчёту/ })
      .getByRole('cell', { name: '627 000 ₽' })
      .waitFor();

    const source = page.getByRole('region', { name: 'Источник' });
    expect(await source.getByRole('link').getAttribute('href')).toBe(
      'https://remont-plus.ru/kapitalnyj-remont?utm_source=yandex',
    );
    const tags = await source.getByRole('listitem').allInnerTexts();
    expect(tags.map((tag) => tag.replace(/\s+/g, ' '))).toEqual([
      'utm_source yandex',
      'utm_medium cpc',
      'utm_campaign remont_msk',
    ]);

    // The conversation: the funnel's questions and picked answers, the estimate, the free question and the reply.
    await waitForBotReply(context, leadId);
    await page.reload();
    const transcript = page.getByRole('region', { name: 'Переписка' });
    await transcript.getByText('Какой объект ремонтируем?').waitFor();
    await transcript.getByText('Вторичное жильё').waitFor();
    await transcript.getByText('Расчёт сметы').waitFor();
    await transcript.getByText('Сколько длится капитальный ремонт?').waitFor();
    await screenshot(page, 'leads-detail');

    // The estimate PDF opens in a new tab.
    const [popup, answer] = await Promise.all([
      page.waitForEvent('popup'),
      page.waitForResponse((response) => response.url().endsWith(`/api/leads/${leadId}/estimate-pdf`)),
      page.getByRole('button', { name: 'Смета (PDF)' }).click(),
    ]);
    expect(answer.status()).toBe(200);
    const { url } = (await answer.json()) as { url: string };
    const pdf = await popup.waitForResponse((response) => response.url() === url);
    expect(pdf.status()).toBe(200);
    await popup.close();
    // The tab shows Chromium's PDF viewer, which may keep the response's headers to itself; the
    // document behind the link is checked directly.
    const direct = await context.request.get(url);
    expect(direct.headers()['content-type']).toBe('application/pdf');
    expect((await direct.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Back to the list; an address of no lead is a friendly dead end.
    await page.getByRole('link', { name: 'Все заявки' }).click();
    await page.waitForURL('**/admin/leads');
    await annaRow.waitFor();
    await page.goto('/admin/leads/0b7c2a43-5a8e-4d7e-9a51-3c1f2f0e8d11');
    await page.getByRole('heading', { name: 'Заявка не найдена' }).waitFor();
    await screenshot(page, 'leads-not-found');
    await page.goto('/admin/leads/not-a-lead');
    await page.getByRole('heading', { name: 'Заявка не найдена' }).waitFor();

    // The dashboard counts the leads. Leads sent to the API are no proof the widget is on a site
    // of the company's: that step waits for the widget to load there (e2e/widget/cross-site).
    await page.goto('/admin/');
    const leadsCard = page.getByRole('region', { name: 'Заявки', exact: true });
    await leadsCard.getByText('2 заявки').waitFor();
    await page.getByRole('link', { name: /Установите виджет на сайт/ }).waitFor();
    expect(await page.getByRole('link', { name: /Установите виджет на сайт.*Готово/ }).count()).toBe(0);

    // On a phone the list keeps the page from scrolling sideways, and so does a lead.
    const phoneContext = await openContext(browser, server.url, { viewport: PHONE });
    const onPhone = await phoneContext.newPage();
    await logIn(onPhone, company.email, company.password);
    await onPhone.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    await onPhone.goto('/admin/leads');
    await onPhone.getByRole('link', { name: 'Анна Соколова' }).waitFor();
    expect(await noSideScroll(onPhone)).toBe(PHONE.width);
    await screenshot(onPhone, 'leads-list-phone');
    await onPhone.getByRole('link', { name: 'Анна Соколова' }).click();
    await onPhone.getByRole('region', { name: 'Переписка' }).getByText('Расчёт сметы').waitFor();
    expect(await noSideScroll(onPhone)).toBe(PHONE.width);
    await screenshot(onPhone, 'leads-detail-phone');

    await Promise.all([context.close(), phoneContext.close()]);
  });

  it('is open to managers, who do not see the widget’s settings', async () => {
    const ownerContext = await openContext(browser, server.url);
    await signUpCompany(ownerContext);
    const manager = await addManager(ownerContext, 'Ольга Кузнецова');
    await leaveLead(visitor(server.url, await widgetKeyOf(ownerContext)), {
      contacts: { name: 'Пётр Иванов', phone: '+7 999 000-11-22' },
    });

    const context = await openContext(browser, server.url);
    const page = await context.newPage();
    await logIn(page, manager.email, manager.password);
    await page.getByRole('heading', { name: 'Здравствуйте, Ольга Кузнецова!' }).waitFor();
    expect(await sidebarLinks(page)).toEqual(['Дашборд', 'Заявки', 'Диалоги', 'База знаний']);
    await page.getByRole('region', { name: 'Заявки', exact: true }).getByText('1 заявка').waitFor();
    await screenshot(page, 'leads-manager-dashboard');

    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Заявки' }).click();
    await page.getByRole('row').filter({ hasText: 'Пётр Иванов' }).getByRole('link', { name: 'Пётр Иванов' }).click();
    await page.getByRole('heading', { name: 'Пётр Иванов', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Смета' }).waitFor();

    await page.goto('/admin/widget');
    await page.getByRole('heading', { name: 'Нет доступа' }).waitFor();
    await page.getByText('только владельцу компании').waitFor();
    await screenshot(page, 'leads-manager-widget-forbidden');

    await Promise.all([ownerContext.close(), context.close()]);
  });

  it('offers a retry when the list fails to load', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const page = await context.newPage();
    // The first load fails as a proxy would; the retry is slow enough to see the placeholder.
    let calls = 0;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/leads?*', async (route) => {
      calls += 1;
      if (calls === 1) return route.fulfill({ status: 502, body: 'Bad gateway' });
      await released;
      return route.continue();
    });
    await page.goto('/admin/leads');
    const alert = page.getByRole('alert').filter({ hasText: 'Не удалось загрузить данные' });
    await alert.getByText('Сервер ответил неожиданно').waitFor();
    await screenshot(page, 'leads-load-error');
    await alert.getByRole('button', { name: 'Повторить' }).click();
    await page.locator('[aria-busy="true"]').waitFor();
    // The held request keeps the network busy, so this one is taken at once.
    await page.screenshot({ path: path.join(SHOTS_DIR, 'leads-loading.png'), animations: 'disabled' });
    release();
    await page.getByRole('heading', { name: 'Заявок пока нет' }).waitFor();
    expect(await page.locator('[aria-busy="true"]').count()).toBe(0);
    await context.close();
  });
});
