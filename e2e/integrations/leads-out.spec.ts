// «Интеграции» as an owner uses them: amoCRM connected through its consent page, the deal's
// pipeline, fields and tags chosen, a webhook with its secret, and Yandex Metrika's goals; then a
// visitor on the company's own site (another site than the app) leaves a lead, which lands in
// amoCRM as a deal with its contact, in the owner's Telegram, and on the company's server as a
// signed request. amoCRM revoking our access holds the next lead until the owner reconnects.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAmoCrm, startFakeAmoCrm } from '../../backend/test/fakes/amocrm.ts';
import { type FakeTelegramBotApi, startFakeTelegramBotApi } from '../../backend/test/fakes/telegramBotApi.ts';
import { putOnPlan } from '../../backend/test/support/billing.ts';
import { assertFrontendBuilt, DESKTOP, openContext, PHONE, screenshot, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { openChat, serveLanding } from '../support/landing.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { leaveLead, visitor } from '../support/widgetApi.ts';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The company's own server: answers 200 to every POST and keeps what came. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('the receiver has no port');
  return {
    url: `http://127.0.0.1:${address.port}/hooks/aimax`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** What the receiver's code on the page checks: the HMAC of «t.body» with the secret. */
function signedBy(secret: string, { headers, body }: Received): boolean {
  const parts = Object.fromEntries(
    String(headers['x-aimax-signature'])
      .split(',')
      .map((part) => part.split('=') as [string, string]),
  );
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
  return parts.v1 === expected && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

const chatOf = (page: Page): FrameLocator => page.frameLocator('iframe[title="Чат: расчёт стоимости ремонта"]');
const choose = (chat: FrameLocator, label: string) => chat.getByRole('button', { name: label, exact: true }).click();

async function toast(page: Page, text: string): Promise<void> {
  const shown = page.getByRole('status').filter({ hasText: text }).first();
  await shown.waitFor();
  await shown.getByRole('button', { name: 'Закрыть' }).click();
}

describe('leads out to amoCRM and a webhook, and Metrika goals', () => {
  let amo: FakeAmoCrm;
  let telegram: FakeTelegramBotApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    assertFrontendBuilt();
    amo = await startFakeAmoCrm({ redirectUri: 'set below, once the app has its port' });
    receiver = await startReceiver();
    telegram = await startFakeTelegramBotApi();
    server = await startServer({
      env: {
        TELEGRAM_API_URL: telegram.url,
        AMOCRM_CLIENT_ID: amo.clientId,
        AMOCRM_CLIENT_SECRET: amo.clientSecret,
        AMOCRM_AUTHORIZE_URL: `${amo.url}/oauth`,
        AMOCRM_ACCOUNT_URL: amo.accountUrl,
        // The receiver is on loopback, as everything in tests is.
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
    });
    amo.redirectUri = `${server.url}/api/integrations/amocrm/callback`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await receiver?.close();
    await amo?.close();
    await telegram?.close();
  });

  it('sends each lead to amoCRM as a mapped deal, to Telegram and to the webhook signed, and holds it while amoCRM wants reconnecting', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context, { companyName: 'Ремонт Интеграции', name: 'Анна Петрова' });
    const session = (await (await context.request.get('/api/auth/session')).json()) as {
      tenant: { id: string };
      csrfToken: string;
    };
    const page = await context.newPage();

    // On the free plan amoCRM and the webhook name the plan that has them.
    await page.goto('/admin/integrations');
    const amoCard = page.getByRole('region', { name: 'amoCRM' });
    const hookCard = page.getByRole('region', { name: 'Webhook' });
    await amoCard.getByText('Недоступно на вашем тарифе').waitFor();
    await hookCard.getByText('Недоступно на вашем тарифе').waitFor();
    await amoCard.getByText('Тариф «Старт»').waitFor();
    expect(await amoCard.getByRole('button', { name: 'Подключить amoCRM' }).count()).toBe(0);
    await screenshot(page, 'integrations-locked');

    await putOnPlan(server.db, session.tenant.id, 'start');

    // The owner's Telegram, as the Telegram test connects it, here through the API.
    const bot = telegram.createBot({ username: 'remont_leads_bot' });
    const csrf = { 'x-csrf-token': session.csrfToken };
    expect(
      (await context.request.put('/api/integrations/telegram', { data: { token: bot.token }, headers: csrf })).ok(),
    ).toBe(true);
    const link = (await (await context.request.post('/api/account/telegram/link', { headers: csrf })).json()) as {
      url: string;
    };
    const anna = telegram.createUser({ firstName: 'Анна', lastName: 'Петрова' });
    telegram.userStarts(bot, anna, new URL(link.url).searchParams.get('start') ?? '');
    await expect
      .poll(async () => ((await (await context.request.get('/api/account/telegram')).json()) as { chat: unknown }).chat)
      .not.toBeNull();
    await page.reload();

    // Connecting: amoCRM's consent page, and back here with the account connected.
    await amoCard.getByRole('button', { name: 'Подключить amoCRM' }).click();
    await page.waitForURL(`${amo.url}/oauth**`);
    await page.getByRole('link', { name: 'Разрешить' }).click();
    await page.waitForURL('**/admin/integrations');
    await amoCard.getByText('amoCRM подключена', { exact: true }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    await amoCard.getByRole('link', { name: /acme/ }).waitFor();
    await amoCard.getByText('Подключено', { exact: true }).waitFor();

    // Where the deal goes, who answers for it, its tags and its fields, from the account's own lists.
    await amoCard.getByLabel('Воронка').selectOption({ label: 'Ремонт под ключ' });
    await amoCard.getByLabel('Этап').selectOption({ label: 'Замер' });
    await amoCard.getByLabel('Ответственный').selectOption({ label: 'Олег Продажи' });
    await amoCard.getByLabel('Теги сделки').fill('Сайт');
    await amoCard.getByRole('button', { name: 'Добавить', exact: true }).click();
    await amoCard.getByRole('list', { name: 'Теги сделки' }).getByText('Сайт').waitFor();
    // A repeat visitor's phone joins their contact: on unless the owner turns it off.
    expect(
      await amoCard.getByRole('switch', { name: /Привязывать к существующему контакту/ }).getAttribute('aria-checked'),
    ).toBe('true');

    await amoCard.getByRole('button', { name: 'Добавить поле' }).click();
    const first = amoCard.getByRole('group', { name: 'Поле 1' });
    await first.getByLabel('Что записывать').selectOption({ label: 'Площадь' });
    await first.getByLabel('Поле amoCRM').selectOption({ label: 'Сделка · Площадь, м²' });
    await amoCard.getByRole('button', { name: 'Добавить поле' }).click();
    const second = amoCard.getByRole('group', { name: 'Поле 2' });
    await second.getByLabel('Что записывать').selectOption({ label: 'Вид ремонта' });
    await second.getByLabel('Поле amoCRM').selectOption({ label: 'Сделка · Тип ремонта' });
    // The answer's options find the list's values of the same name.
    const capital = second.getByLabel('Значение в amoCRM для «Капитальный»');
    expect(await capital.locator('option:checked').textContent()).toBe('Капитальный');
    await amoCard.getByRole('heading', { name: 'Поля сделки и контакта' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'integrations-amocrm-mapping', { fullPage: false });
    await amoCard.getByRole('button', { name: 'Сохранить' }).click();
    await toast(page, 'Настройки amoCRM сохранены');

    // «Проверить» makes a test deal, and says so.
    await amoCard.getByRole('button', { name: 'Проверить' }).click();
    await amoCard.getByRole('alert').or(amoCard.getByRole('status')).filter({ hasText: /сделк/i }).first().waitFor();
    expect(amo.account('acme').leads).toHaveLength(1);

    // The webhook: an address, then the secret, shown this once.
    await hookCard.getByLabel('Адрес для заявок').fill(receiver.url);
    await hookCard.getByRole('button', { name: 'Подключить' }).click();
    const secretBox = hookCard.getByRole('region', { name: 'Секрет подписи' });
    const secret = String(await secretBox.locator('code').textContent());
    expect(secret).toMatch(/^whsec_/);
    await secretBox.scrollIntoViewIfNeeded();
    await screenshot(page, 'integrations-webhook-secret', { fullPage: false });
    await secretBox.getByRole('button', { name: 'Я сохранил секрет' }).click();
    expect(await hookCard.getByText(secret).count()).toBe(0);
    await hookCard.getByRole('button', { name: 'Проверить' }).click();
    await expect.poll(() => receiver.received.length).toBe(1);
    expect(receiver.received[0]?.headers['x-aimax-event']).toBe('lead.test');
    expect(signedBy(secret, receiver.received[0] as Received)).toBe(true);

    // A visitor on the company's own site goes through the estimate and leaves their contacts.
    const { snippet } = (await (await context.request.get('/api/widget/settings')).json()) as { snippet: string };
    const landing = await serveLanding(snippet, { path: '/?utm_source=yandex&utm_campaign=remont_winter' });
    const visitorContext = await openContext(browser, landing.url);
    try {
      const site = await visitorContext.newPage();
      await site.goto(landing.url);
      await openChat(site);
      const chat = chatOf(site);
      await choose(chat, 'Вторичное жильё');
      await choose(chat, 'Капитальный');
      await chat.getByRole('textbox', { name: 'Какая площадь, м²?', exact: true }).fill('54');
      await chat.getByRole('button', { name: 'Далее' }).click();
      await chat.getByRole('textbox', { name: 'Сколько комнат?', exact: true }).fill('2');
      await chat.getByRole('button', { name: 'Далее' }).click();
      await choose(chat, 'Нет');
      await choose(chat, 'Нет, есть свой или не нужен');
      await choose(chat, 'В течение месяца');
      await chat.getByLabel('Имя').fill('Мария');
      await chat.getByLabel('Телефон').fill('+7 916 555-44-33');
      await chat.getByLabel('Я согласен на обработку персональных данных в соответствии с 152-ФЗ').check();
      await chat.getByRole('button', { name: 'Получить смету' }).click();
      await chat.getByRole('article', { name: 'Предварительная смета' }).waitFor();
    } finally {
      await visitorContext.close();
      await landing.close();
    }

    // In amoCRM: one deal in the chosen pipeline and stage, with the mapped fields, the budget, tags, contact and note.
    await expect.poll(() => amo.account('acme').leads.length, { timeout: 15_000 }).toBe(2);
    const deal = amo.account('acme').leads[1];
    expect(deal).toMatchObject({ pipeline_id: 7002, status_id: 8102, responsible_user_id: 9002, price: 567_000 });
    expect(deal?.custom_fields_values).toEqual(
      expect.arrayContaining([
        { field_id: 501, values: [{ value: 54 }] },
        { field_id: 502, values: [{ enum_id: 5022 }] },
      ]),
    );
    expect(deal?.tags).toEqual(expect.arrayContaining(['AI Max', 'Сайт', 'yandex', 'remont_winter']));
    const contact = amo.account('acme').contacts.find((each) => each.id === deal?.contactId);
    expect(contact?.name).toBe('Мария');
    expect(JSON.stringify(contact?.custom_fields_values)).toContain('+79165554433');
    expect(deal?.notes.join('\n')).toContain('Капитальный');

    // In the owner's Telegram: the lead, with the visitor's name.
    await expect
      .poll(() => telegram.sentTo(bot, anna.id).some((sent) => String(sent.message.text).includes('Мария')), {
        timeout: 15_000,
      })
      .toBe(true);

    // On the company's server: the lead, signed, with a delivery id to drop repeats by.
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(2);
    const hook = receiver.received[1] as Received;
    expect(hook.headers['x-aimax-event']).toBe('lead.created');
    expect(hook.headers['x-aimax-delivery']).toEqual(expect.any(String));
    expect(signedBy(secret, hook)).toBe(true);
    const payload = JSON.parse(hook.body);
    expect(payload).toMatchObject({ version: 1, event: 'lead.created' });
    expect(JSON.stringify(payload)).toContain('Мария');

    // The cards show the last delivery, and «Журнал» the channel's own.
    await page.reload();
    const amoFooter = amoCard.locator('footer');
    await amoFooter.getByText('Отправлено').waitFor();
    await amoCard.getByRole('button', { name: 'Журнал доставок: amoCRM' }).click();
    const journal = page.getByRole('region', { name: 'Журнал доставок' });
    await expect.poll(() => journal.getByRole('row').count()).toBe(2);
    await screenshot(page, 'integrations-connected');

    // amoCRM revokes our access: the next lead, the same visitor again, waits, and the card asks to reconnect.
    amo.revoke();
    const { widgetKey } = (await (await context.request.get('/api/widget/settings')).json()) as { widgetKey: string };
    await leaveLead(visitor(server.url, widgetKey), { contacts: { name: 'Мария', phone: '+79165554433' } });
    await expect
      .poll(
        async () => {
          await page.reload();
          await amoCard.getByText('Подключено').or(amoCard.getByText('Нужно переподключить amoCRM')).first().waitFor();
          return amoCard.getByText('Нужно переподключить amoCRM').count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(amo.account('acme').leads).toHaveLength(2);
    await screenshot(page, 'integrations-amocrm-reauth');
    await amoCard.getByRole('button', { name: 'Переподключить' }).click();
    await page.waitForURL(`${amo.url}/oauth**`);
    await page.getByRole('link', { name: 'Разрешить' }).click();
    await page.waitForURL('**/admin/integrations');
    await amoCard.getByText('amoCRM подключена', { exact: true }).waitFor();
    await expect.poll(() => amo.account('acme').leads.length, { timeout: 15_000 }).toBe(3);
    expect(amo.account('acme').leads[2]).toMatchObject({ status_id: 8102, contactId: deal?.contactId });
    expect(amo.account('acme').contacts.filter((each) => each.name === 'Мария')).toHaveLength(1);

    // On a phone the page fits the screen.
    await page.setViewportSize(PHONE);
    await amoCard.getByText('Подключено', { exact: true }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await amoCard.scrollIntoViewIfNeeded();
    await screenshot(page, 'integrations-amocrm-phone', { fullPage: false });
    await page.setViewportSize(DESKTOP);

    // «Отключить» forgets the account: the card offers to connect it again.
    await amoCard.getByRole('button', { name: 'Отключить' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Отключить' }).click();
    await amoCard.getByRole('button', { name: 'Подключить amoCRM' }).waitFor();
    await context.close();
  });

  it('keeps the Metrika counter and goals, lists the goals to create, and opens the check page', async () => {
    const context = await openContext(browser, server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await signUpCompany(context, { companyName: 'Ремонт Метрика' });
    const page = await context.newPage();
    await page.goto('/admin/integrations#metrika');
    const metrika = page.getByRole('region', { name: 'Яндекс Метрика' });
    const counter = metrika.getByLabel('Номер счётчика');
    await counter.waitFor();
    expect(await metrika.getByLabel('Открытие чата').inputValue()).toBe('aimax_open');
    expect(await metrika.getByRole('link', { name: 'Проверить' }).count()).toBe(0);
    await metrika.getByText('Укажите и сохраните номер счётчика, чтобы проверить.').waitFor();

    // The server's word on the counter lands under the field.
    await counter.fill('abc');
    await metrika.getByRole('button', { name: 'Сохранить' }).click();
    await metrika.getByText('Номер счётчика Метрики — от 4 до 12 цифр').waitFor();
    expect(await counter.getAttribute('aria-invalid')).toBe('true');

    await counter.fill('98765432');
    await metrika.getByLabel('Ответ в расчёте').fill('funnel_{step}');
    await metrika.getByText('Список обновится после сохранения.').waitFor();
    await metrika.getByRole('button', { name: 'Сохранить' }).click();
    await toast(page, 'Настройки Яндекс Метрики сохранены');

    // Every goal to create, the step goal once per step, each copied with a click.
    const goals = metrika.getByRole('region', { name: 'Цели, которые нужно создать в Метрике' });
    await goals.getByText('funnel_objectType', { exact: true }).waitFor();
    await goals.getByText('aimax_lead', { exact: true }).waitFor();
    await goals.getByRole('button', { name: 'Копировать: funnel_area' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe('funnel_area');

    // What was saved is what the widget gets.
    const { widgetKey } = (await (await context.request.get('/api/widget/settings')).json()) as { widgetKey: string };
    const config = await (await context.request.get(`/api/widget/config?key=${widgetKey}`)).json();
    expect(config.metrika).toEqual({
      counterId: '98765432',
      goals: { opened: 'aimax_open', step: 'funnel_{step}', contacts: 'aimax_lead', estimate: 'aimax_estimate_pdf' },
    });

    // «Проверить» opens the demo page with the company's widget and counter.
    const check = metrika.getByRole('link', { name: 'Проверить' });
    const href = String(await check.getAttribute('href'));
    expect(href).toContain('/metrika-check');
    const checkPage = (await context.request.get(href)).status();
    expect(checkPage).toBe(200);
    await metrika.scrollIntoViewIfNeeded();
    await screenshot(page, 'integrations-metrika', { fullPage: false });
    await context.close();
  });
});
