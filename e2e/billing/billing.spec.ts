import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenants } from '../../backend/src/db/schema.ts';
import { record } from '../../backend/src/modules/billing/limitsService.ts';
import { bootstrapPlatform } from '../../backend/src/modules/platform/bootstrap.ts';
import {
  assertFrontendBuilt,
  logIn,
  openContext,
  PHONE,
  STRONG_PASSWORD,
  screenshot,
  signUpCompany,
  uniqueEmail,
} from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { visitor } from '../support/widgetApi.ts';

const ADMIN = { email: 'admin@aimax.test', password: 'Платформа-2026-ok' };

async function sessionOf(context: BrowserContext): Promise<{ csrfToken: string; tenant: { id: string } }> {
  return (await (await context.request.get('/api/auth/session')).json()) as {
    csrfToken: string;
    tenant: { id: string };
  };
}

/** The widget key of the signed-in owner's company, as the Widget page shows it. */
async function widgetKeyOf(context: BrowserContext): Promise<string> {
  const response = await context.request.get('/api/widget/settings');
  if (response.status() !== 200) throw new Error(`widget settings: ${response.status()}`);
  return ((await response.json()) as { widgetKey: string }).widgetKey;
}

/** Adds a manager with a password through the API, as the owner signed in to `context`. */
async function addManager(context: BrowserContext): Promise<{ email: string; password: string }> {
  const manager = {
    name: 'Ольга Кузнецова',
    email: uniqueEmail('manager'),
    password: STRONG_PASSWORD,
    role: 'manager',
  };
  const response = await context.request.post('/api/team/members', {
    data: manager,
    headers: { 'x-csrf-token': (await sessionOf(context)).csrfToken },
  });
  if (response.status() !== 201) throw new Error(`adding a manager: ${response.status()} ${await response.text()}`);
  return manager;
}

/** Numbers are grouped with no-break spaces; the expectations below spell them as plain ones. */
const plain = (text: string | null) => text?.replace(/\s/g, ' ') ?? null;

/** A meter on the page: what it reads («3 из 300») and how full it is. */
async function meter(scope: Page | Locator, name: string) {
  const bar = scope.getByRole('progressbar', { name, exact: true });
  return { text: plain(await bar.getAttribute('aria-valuetext')), now: await bar.getAttribute('aria-valuenow') };
}

/** «5 марта 2027 г.», as the panel writes calendar dates: the day in Moscow, wherever the viewer is. */
const russianDate = (date: Date) =>
  new Intl.DateTimeFormat('ru-RU', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Moscow',
  }).format(date);

const noSideScroll = (page: Page) => page.evaluate('document.documentElement.scrollWidth');

describe('plans, limits and usage', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    assertFrontendBuilt();
    server = await startServer();
    await bootstrapPlatform(server.db, { adminEmail: ADMIN.email, adminPassword: ADMIN.password });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('counts the visitors and their messages, and shows the plan the superadmin puts the company on', async () => {
    // A common laptop's width, narrower than the other tests' desktop.
    // The owner is in Vladivostok and the operator in New York: the day the operator enters is
    // the day both of them read, and the emails name.
    const context = await openContext(browser, server.url, {
      viewport: { width: 1280, height: 800 },
      timezoneId: 'Asia/Vladivostok',
    });
    const company = await signUpCompany(context, { companyName: 'Ремонт Плюс' });
    const page = await context.newPage();

    // A new company: Free, nothing used yet.
    await page.goto('/admin/billing');
    await page.getByRole('heading', { name: 'Тарифы и оплата', level: 1 }).waitFor();
    const currentPlan = page.getByRole('region', { name: 'Текущий тариф' });
    await currentPlan.getByText('Free', { exact: true }).waitFor();
    await currentPlan.getByText('Бесплатно').waitFor();
    await currentPlan.getByText('без срока').waitFor();
    expect(await meter(page, 'Диалоги')).toEqual({ text: '0 из 100', now: '0' });
    expect(await meter(page, 'Сообщения ИИ')).toEqual({ text: '0 из 300', now: '0' });
    expect(await meter(page, 'Токены ИИ')).toEqual({ text: '0 из 150 тыс.', now: '0' });
    expect(await meter(page, 'Хранилище')).toEqual({ text: '0 МБ из 50 МБ', now: '0' });
    const plans = page.getByRole('region', { name: 'Сравнение тарифов' });
    await plans.getByRole('columnheader', { name: 'Текущий тариф Free' }).waitFor();
    expect(await plans.getByRole('columnheader').allInnerTexts()).toHaveLength(5);
    expect(await plans.getByText('Текущий тариф').count()).toBe(1);
    const price = plans.getByRole('row', { name: /Стоимость/ });
    expect((await price.getByRole('cell').allInnerTexts()).map((cell) => plain(cell.trim()))).toEqual([
      'Бесплатно',
      '2 990 ₽/мес',
      '7 990 ₽/мес',
      '24 990 ₽/мес',
    ]);
    const models = plans.getByRole('row', { name: /Модели ИИ/ });
    expect(await models.getByRole('cell').first().textContent()).toBe('Модель платформы');
    const whiteLabel = plans.getByRole('row', { name: /Работает на AI Max/ });
    expect(await whiteLabel.getByRole('img', { name: 'Есть' }).count()).toBe(1);
    expect(await whiteLabel.getByRole('img', { name: 'Нет' }).count()).toBe(3);
    // Paying by invoice waits for the company's requisites.
    const invoice = page.getByRole('region', { name: 'Оплата по счёту' });
    expect(await invoice.getByRole('button', { name: 'Сформировать счёт' }).isDisabled()).toBe(true);
    await invoice.getByText('Сначала сохраните реквизиты компании').waitFor();
    // Nothing near a limit: no notice over the page.
    expect(await page.getByText('лимита').count()).toBe(0);

    // A visitor opens the chat on the company's site and asks three questions.
    const client = visitor(server.url, await widgetKeyOf(context));
    const chat = await client.start();
    const questions = ['Сколько стоит ремонт ванной?', 'Работаете по выходным?', 'Даёте гарантию?'];
    for (const question of questions) await client.message(chat, question);

    await page.reload();
    await page.getByRole('progressbar', { name: 'Диалоги', exact: true }).waitFor();
    expect(await meter(page, 'Диалоги')).toEqual({ text: '1 из 100', now: '1' });
    expect(await meter(page, 'Сообщения ИИ')).toEqual({ text: `${questions.length} из 300`, now: '3' });
    await plans.getByRole('columnheader', { name: 'Текущий тариф Free' }).waitFor();
    await screenshot(page, 'billing-free');

    // On a phone the plans scroll inside their card; the page itself does not scroll sideways.
    const phoneContext = await openContext(browser, server.url, { viewport: PHONE });
    const onPhone = await phoneContext.newPage();
    await logIn(onPhone, company.email, company.password);
    await onPhone.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    await onPhone.goto('/admin/billing');
    await onPhone.getByRole('region', { name: 'Сравнение тарифов' }).waitFor();
    expect(await noSideScroll(onPhone)).toBe(PHONE.width);
    await screenshot(onPhone, 'billing-free-phone');

    // The superadmin sees this month's figures in the list, then the meters in the company's dialog.
    const adminContext = await openContext(browser, server.url, { timezoneId: 'America/New_York' });
    const admin = await adminContext.newPage();
    await logIn(admin, ADMIN.email, ADMIN.password);
    const row = admin.getByRole('row').filter({ hasText: 'Ремонт Плюс' }).filter({ hasText: company.email });
    await row.waitFor();
    const headers = await admin.getByRole('columnheader').allInnerTexts();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(plain(cells[headers.indexOf('За месяц')] ?? '')).toBe('1 диалог 3 сообщения');
    await screenshot(admin, 'billing-platform-tenants');

    await row.getByRole('button', { name: 'Тариф и использование: Ремонт Плюс' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Тариф и использование' });
    await dialog.getByText('Компания «Ремонт Плюс»').waitFor();
    await dialog.getByRole('progressbar', { name: 'Сообщения ИИ' }).waitFor();
    expect(await meter(dialog, 'Диалоги')).toEqual({ text: '1 из 100', now: '1' });
    expect(await meter(dialog, 'Сообщения ИИ')).toEqual({ text: '3 из 300', now: '3' });
    expect(await dialog.getByRole('radio', { name: 'Free' }).isChecked()).toBe(true);
    // Free has no term to enter.
    expect(await dialog.getByLabel('Оплачен до').count()).toBe(0);

    // A paid plan needs the day it is paid through, and a day still to come.
    await dialog.locator('label').filter({ hasText: 'Бизнес' }).click();
    const paidUntil = dialog.getByLabel('Оплачен до');
    await dialog.getByRole('button', { name: 'Сохранить тариф' }).click();
    await dialog.getByText('Укажите, до какого дня оплачен тариф').waitFor();
    expect(await paidUntil.getAttribute('aria-invalid')).toBe('true');
    await paidUntil.fill('2020-01-31');
    await dialog.getByRole('button', { name: 'Сохранить тариф' }).click();
    await dialog.getByText('Дата окончания тарифа должна быть сегодня или позже').waitFor();
    expect(await paidUntil.getAttribute('aria-invalid')).toBe('true');
    await screenshot(admin, 'billing-platform-dialog-error', { fullPage: false });

    const nextYear = new Date().getFullYear() + 1;
    await paidUntil.fill(`${nextYear}-03-31`);
    const until = new Date(Date.UTC(nextYear, 2, 31, 12));
    await screenshot(admin, 'billing-platform-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Сохранить тариф' }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: 'Компания «Ремонт Плюс» переведена на тариф «Бизнес»' })
      .waitFor();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Бизнес').waitFor();
    await row.getByText(`до ${russianDate(until)}`).waitFor();
    await screenshot(admin, 'billing-platform-tenants-business');

    // The owner's Billing now shows Бизнес until that day, with its limits.
    await page.reload();
    await currentPlan.getByText('Бизнес', { exact: true }).waitFor();
    await currentPlan.getByText('7 990 ₽ в месяц').waitFor();
    await currentPlan.getByText(`до ${russianDate(until)}`).waitFor();
    await plans.getByRole('columnheader', { name: 'Текущий тариф Бизнес' }).waitFor();
    expect(await meter(page, 'Сообщения ИИ')).toEqual({ text: '3 из 30 000', now: '3' });
    await page.getByRole('banner').getByText('Тариф Бизнес').waitFor();
    await screenshot(page, 'billing-business');

    await Promise.all([context.close(), phoneContext.close(), adminContext.close()]);
  });

  it('warns the owner on every page as limits run out, and says when a paid plan has ended', async () => {
    const context = await openContext(browser, server.url);
    const owner = await signUpCompany(context);
    const { tenant } = await sessionOf(context);
    const manager = await addManager(context);
    // A month's worth of use, counted the way the widget counts it: the rate limits keep a test
    // from sending hundreds of real messages.
    const use = (counter: 'sessions' | 'messages' | 'tokens', amount: number) =>
      server.db.withTenant(tenant.id, (tx) => record(tx, { tenantId: tenant.id, counter, amount }));
    await use('messages', 250);

    const page = await context.newPage();
    await page.goto('/admin/');
    const warning = page.getByRole('status').filter({ hasText: 'Использовано 83% лимита сообщений ИИ в этом месяце' });
    await warning.waitFor();
    await screenshot(page, 'billing-banner-warning', { fullPage: false });
    // A warning may be put away; it stays away from page to page.
    await warning.getByRole('button', { name: 'Скрыть предупреждение' }).click();
    await warning.waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Заявки' }).click();
    await page.getByRole('heading', { name: 'Заявки', level: 1 }).waitFor();
    expect(await page.getByText('лимита сообщений').count()).toBe(0);

    // The tokens run out: the AI stops, which no one may put away; it shows on the next page.
    await use('tokens', 150_000);
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Команда' }).click();
    const spent = page
      .getByRole('alert')
      .filter({ hasText: 'Лимит токенов ИИ исчерпан: ИИ не отвечает посетителям, заявки по-прежнему принимаются' });
    await spent.waitFor();
    await spent.getByText('Использовано 83% лимита сообщений ИИ в этом месяце').waitFor();
    expect(await spent.getByRole('button', { name: 'Скрыть предупреждение' }).count()).toBe(0);
    await screenshot(page, 'billing-banner-reached', { fullPage: false });
    await spent.getByRole('link', { name: 'Тарифы и оплата' }).click();
    await page.waitForURL('**/admin/billing');
    // Billing tells the same beside each meter: the notice gives way there.
    await page.getByRole('region', { name: /Использование за/ }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);

    // Past the session limit, a visitor is still served, without the AI; Billing counts them.
    await use('sessions', 100);
    const client = visitor(server.url, await widgetKeyOf(context));
    const chat = await client.start();
    await client.message(chat, 'Сколько стоит ремонт кухни?');
    await page.reload();
    const usage = page.getByRole('region', { name: /Использование за/ });
    await usage.getByText('1 посетитель обслужен без ИИ').waitFor();
    expect(await meter(page, 'Диалоги')).toEqual({ text: '100 из 100', now: '100' });
    await usage.getByText('Лимит исчерпан — новым посетителям ИИ не отвечает, заявки принимаются').waitFor();
    await usage.getByText('Лимит исчерпан — ИИ не отвечает посетителям, заявки принимаются').waitFor();
    await usage.getByText('Осталось меньше 20%').waitFor();
    await screenshot(page, 'billing-limits');

    const phone = await (await openContext(browser, server.url, { viewport: PHONE })).newPage();
    await logIn(phone, owner.email, owner.password);
    await phone.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    await phone.getByRole('alert').getByText('Лимит диалогов исчерпан').waitFor();
    await screenshot(phone, 'billing-banner-phone', { fullPage: false });
    await phone.goto('/admin/billing');
    await phone.getByRole('region', { name: 'Сравнение тарифов' }).waitFor();
    expect(await noSideScroll(phone)).toBe(PHONE.width);
    await screenshot(phone, 'billing-limits-phone');

    // Managers have no billing: they are not warned, and the panel does not ask for it.
    const managerContext = await openContext(browser, server.url);
    const managerPage = await managerContext.newPage();
    const billingRequests: string[] = [];
    managerPage.on('request', (request) => {
      if (request.url().includes('/api/billing')) billingRequests.push(request.url());
    });
    await logIn(managerPage, manager.email, manager.password);
    await managerPage.getByRole('heading', { name: 'Здравствуйте, Ольга Кузнецова!' }).waitFor();
    await managerPage.waitForLoadState('networkidle');
    expect(billingRequests).toEqual([]);
    expect(await managerPage.getByText('исчерпан').count()).toBe(0);

    // A paid term that has ended: the company is back on Free, and the owner is told so. The term
    // is moved into the past directly, as the API only accepts terms still to come.
    const ended = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    await server.db.withPlatform({ actorUserId: null, action: 'test.plan_expired' }, (tx) =>
      tx.update(tenants).set({ plan: 'start', planExpiresAt: ended }).where(eq(tenants.id, tenant.id)),
    );
    const endedText = `Тариф «Старт» закончился ${russianDate(ended)}`;
    await page.reload();
    await page
      .getByRole('status')
      .filter({ hasText: endedText })
      .getByText('Компания работает на лимитах тарифа Free')
      .waitFor();
    await page.getByRole('region', { name: 'Текущий тариф' }).getByText('Free', { exact: true }).waitFor();
    await page.getByRole('banner').getByText('Тариф Free').waitFor();
    await screenshot(page, 'billing-expired', { fullPage: false });
    await page.goto('/admin/');
    await page.getByRole('region', { name: 'Ваш тариф' }).getByText(endedText).waitFor();
    await screenshot(page, 'billing-dashboard-expired', { fullPage: false });

    await Promise.all([context.close(), phone.context().close(), managerContext.close()]);
  });
});
