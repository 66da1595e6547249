import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTelegramBotApi, startFakeTelegramBotApi } from '../../backend/test/fakes/telegramBotApi.ts';
import {
  assertFrontendBuilt,
  logIn,
  openContext,
  STRONG_PASSWORD,
  screenshot,
  sidebarLinks,
  signUpCompany,
  uniqueEmail,
} from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

async function addManager(context: BrowserContext) {
  const session = (await (await context.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const manager = {
    name: 'Ольга Кузнецова',
    email: uniqueEmail('manager'),
    password: STRONG_PASSWORD,
    role: 'manager',
  };
  const response = await context.request.post('/api/team/members', {
    data: manager,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  if (response.status() !== 201) throw new Error(`adding a manager: ${response.status()} ${await response.text()}`);
  return manager;
}

describe('the company’s Telegram bot', () => {
  let telegram: FakeTelegramBotApi;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    assertFrontendBuilt();
    telegram = await startFakeTelegramBotApi();
    server = await startServer({ env: { TELEGRAM_API_URL: telegram.url } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await telegram?.close();
  });

  it('is connected by the owner, linked by each member from «Уведомления», and tested; managers never see it', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context, { companyName: 'Ремонт Телеграм', name: 'Анна Петрова' });
    const manager = await addManager(context);
    const page = await context.newPage();
    await page.goto('/admin/integrations');
    await page.getByRole('heading', { name: 'Интеграции', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Журнал доставок' }).getByText('Пока ничего не отправлялось').waitFor();

    // A token Telegram does not know is refused under the field, in Russian.
    const token = page.getByLabel('Токен бота');
    await token.fill('123456789:AAunknown-token-that-telegram-does-not-know');
    await page.getByRole('button', { name: 'Подключить' }).click();
    await page.getByText('Telegram не принял токен', { exact: false }).waitFor();
    expect(await token.getAttribute('aria-invalid')).toBe('true');

    // A token from @BotFather connects the bot, which then long-polls for updates.
    const bot = telegram.createBot({ username: 'remont_alerts_bot' });
    await token.fill(bot.token);
    await page.getByRole('button', { name: 'Подключить' }).click();
    const botLink = page.getByRole('link', { name: '@remont_alerts_bot' });
    await botLink.waitFor();
    expect(await botLink.getAttribute('href')).toBe('https://t.me/remont_alerts_bot');
    await page.getByText('Long polling', { exact: false }).waitFor();
    await telegram.waitForPoll(bot);

    // The owner links their own Telegram: the deep link opens the bot, and the dialog sees the
    // link made without a reload once the bot gets /start.
    await page.getByRole('button', { name: 'Меню пользователя' }).click();
    await page.getByRole('menuitem', { name: 'Уведомления' }).click();
    const dialog = page.getByRole('dialog', { name: 'Уведомления' });
    await dialog.getByRole('button', { name: 'Привязать Telegram' }).click();
    const deepLink = dialog.getByRole('link', { name: 'Открыть Telegram' });
    const url = new URL((await deepLink.getAttribute('href')) as string);
    expect(url.origin + url.pathname).toBe('https://t.me/remont_alerts_bot');
    expect(await deepLink.getAttribute('target')).toBe('_blank');
    const anna = telegram.createUser({ firstName: 'Анна', lastName: 'Петрова', username: 'anna_remont' });
    telegram.userStarts(bot, anna, url.searchParams.get('start') ?? '');
    await dialog.getByText('Привязан: Анна Петрова @anna_remont').waitFor();
    await dialog.getByRole('button', { name: 'Готово' }).click();

    await page.reload();
    const members = page.getByRole('list', { name: 'Кто получает уведомления' });
    await members.getByRole('listitem').filter({ hasText: 'Анна Петрова' }).getByText('Привязан').waitFor();
    await members.getByRole('listitem').filter({ hasText: 'Ольга Кузнецова' }).getByText('Не привязан').waitFor();

    // «Проверить» sends a test message to every linked chat and says who got it.
    await page
      .getByRole('region', { name: 'Telegram' })
      .getByRole('button', { name: 'Проверить', exact: true })
      .click();
    await page.getByText('Тестовое сообщение получили: Анна Петрова @anna_remont').waitFor();
    expect(telegram.sentTo(bot, anna.id).map((sent) => sent.message.text)).toContainEqual(
      expect.stringContaining('Проверка связи'),
    );
    await screenshot(page, 'integrations-telegram');

    // A manager has no «Интеграции»: not in the sidebar, and closed to them by its address.
    const managerContext = await openContext(browser, server.url);
    const managerPage = await managerContext.newPage();
    await logIn(managerPage, manager.email, manager.password);
    expect(await sidebarLinks(managerPage)).not.toContain('Интеграции');
    await managerPage.goto('/admin/integrations');
    await managerPage.getByRole('heading', { name: 'Нет доступа' }).waitFor();

    await Promise.all([context.close(), managerContext.close()]);
  });
});
