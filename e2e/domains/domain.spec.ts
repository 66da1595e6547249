import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenants } from '../../backend/src/db/schema.ts';
import { type FakeDnsServer, startFakeDnsServer } from '../../backend/test/fakes/dnsServer.ts';
import { assertFrontendBuilt, openContext, screenshot, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { watchConsole } from '../support/landing.ts';
import { type RunningServer, startServer } from '../support/server.ts';

describe('the company’s own domain', () => {
  let dns: FakeDnsServer;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    assertFrontendBuilt();
    dns = await startFakeDnsServer();
    server = await startServer({ env: { DNS_RESOLVERS: dns.address, PLATFORM_CNAME_TARGET: 'widget.aimax.test' } });
    browser = await launchBrowser({ hosts: ['chat.stroy-dom.ru'] });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await dns?.close();
  });

  it('goes from «Ожидает» to «Подтверждён» once the records are in DNS, on a plan that has it', async () => {
    const complaints: string[] = [];
    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const { tenant } = (await (await context.request.get('/api/auth/session')).json()) as { tenant: { id: string } };
    const page = await context.newPage();
    await page.goto('/admin/widget');
    const card = page.getByRole('region', { name: 'Свой домен' });

    // Free: the card says which plan has it.
    await card.getByText('Свой домен недоступен на вашем тарифе').waitFor();
    await card.getByText('доступен на тарифе «Бизнес» и выше').waitFor();
    await card.getByRole('link', { name: 'Посмотреть тарифы' }).waitFor();

    await server.db.withPlatform({ actorUserId: null, action: 'test.plan' }, (tx) =>
      tx
        .update(tenants)
        .set({ plan: 'business', planExpiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000) })
        .where(eq(tenants.id, tenant.id)),
    );
    await page.reload();
    const field = card.getByLabel('Домен');
    await field.fill('widget.aimax.test');
    await card.getByRole('button', { name: 'Подключить' }).click();
    await card.getByText('принадлежат платформе').waitFor();
    await field.fill('https://Chat.Stroy-Dom.ru/');
    await card.getByRole('button', { name: 'Подключить' }).click();

    await card.getByText('chat.stroy-dom.ru', { exact: true }).first().waitFor();
    await card.getByText('Ожидает').waitFor();
    await card.getByText('Ещё не проверялся').waitFor();
    const records = card.getByRole('table');
    await records.getByText('_aimax-challenge.chat.stroy-dom.ru').waitFor();
    await records.getByText('widget.aimax.test').waitFor();

    await card.getByRole('button', { name: 'Проверить' }).click();
    await card.getByText('Запись TXT _aimax-challenge.chat.stroy-dom.ru не найдена').waitFor();
    await screenshot(page, 'domain-pending');

    const { domain } = (await (await context.request.get('/api/domain')).json()) as {
      domain: { records: { name: string; value: string }[] };
    };
    const [ownership] = domain.records;
    dns.set(ownership?.name as string, [{ type: 'TXT', text: ownership?.value as string }]);
    dns.set('chat.stroy-dom.ru', [{ type: 'CNAME', target: 'elsewhere.example' }]);
    await card.getByRole('button', { name: 'Проверить' }).click();
    await card.getByText('Настроен неверно').waitFor();
    await card.getByText('CNAME указывает на elsewhere.example, а нужно на widget.aimax.test').waitFor();

    dns.set('chat.stroy-dom.ru', [{ type: 'CNAME', target: 'widget.aimax.test' }]);
    await card.getByRole('button', { name: 'Проверить' }).click();
    await card.getByText('Подтверждён', { exact: true }).waitFor();
    await card.getByText('Домен подтверждён: виджет открывается на chat.stroy-dom.ru').waitFor();
    // The snippet to paste loads the widget from the company's domain now.
    await page.getByText('src="https://chat.stroy-dom.ru/widget.js"').waitFor();
    await screenshot(page, 'domain-verified');
    const tls = await context.request.get('/api/domains/tls-check?domain=chat.stroy-dom.ru');
    expect(tls.status()).toBe(200);

    // On the domain: the company's page with its widget, and a funnel that answers.
    const own = `http://chat.stroy-dom.ru:${new URL(server.url).port}`;
    const visitorContext = await browser.newContext();
    const landing = watchConsole(await visitorContext.newPage(), complaints);
    await landing.goto(`${own}/`);
    await landing.getByRole('heading', { name: 'Рассчитайте стоимость ремонта за пару минут' }).waitFor();
    await landing.getByRole('button', { name: 'Открыть чат' }).click();
    const chat = landing.frameLocator('iframe[title="Чат: расчёт стоимости ремонта"]');
    await chat.getByText('Какой объект ремонтируем?').waitFor();
    await screenshot(landing, 'domain-served');
    expect((await (await visitorContext.newPage()).goto(`${own}/admin/`))?.status()).toBe(404);
    await visitorContext.close();
    // Served over HTTPS in production; here the domain is plain HTTP, where Chromium ignores
    // these two headers and says so.
    const overHttp = /Cross-Origin-Opener-Policy header has been ignored|origin-keyed agent cluster/;
    expect(complaints.filter((complaint) => !overHttp.test(complaint))).toEqual([]);

    await card.getByRole('button', { name: 'Отключить домен' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Отключить' }).click();
    await card.getByLabel('Домен').waitFor();
    expect((await context.request.get('/api/domains/tls-check?domain=chat.stroy-dom.ru')).status()).toBe(404);
    await context.close();
  });
});
