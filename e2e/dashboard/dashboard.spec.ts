import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFrontendBuilt, openContext, screenshot, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { leaveLead, visitor } from '../support/widgetApi.ts';

/** Each stage of the funnel on screen with its count: «Открыли виджет» → 4. */
async function funnelCounts(page: Page): Promise<Record<string, number>> {
  const stages = page.getByRole('list', { name: 'Воронка конверсии' }).getByRole('listitem');
  const counts: Record<string, number> = {};
  for (const text of await stages.allInnerTexts()) {
    const [label = '', count = ''] = text.split('\n').map((line) => line.trim());
    counts[label] = Number(count.replace(/\s/g, ''));
  }
  return counts;
}

describe('the dashboard’s conversion funnel', () => {
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

  it('shows what the widget’s visitors did, stage by stage, for the period in the address', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context, { companyName: 'Ремонт Плюс' });
    const page = await context.newPage();

    // Before anyone opened the widget: what to do for the figures to come.
    await page.goto('/admin/');
    await page.getByRole('heading', { name: 'Пока нет данных за этот период' }).waitFor();
    expect(await page.getByRole('link', { name: 'Установить виджет' }).getAttribute('href')).toBe('/admin/widget');

    const { widgetKey } = (await (await context.request.get('/api/widget/settings')).json()) as { widgetKey: string };
    // One visitor leaves a lead and comes back (the widget resumes the session); two answer the
    // first question only; one opens the widget and leaves.
    const returning = visitor(server.url, widgetKey);
    const lead = await leaveLead(returning, { contacts: { name: 'Анна', phone: '+7 916 123-45-67' } });
    await returning.start({ token: lead.token });
    for (let i = 0; i < 2; i++) {
      const client = visitor(server.url, widgetKey);
      await client.answer(await client.start(), 'objectType', 'secondary');
    }
    await visitor(server.url, widgetKey).start();

    await page.reload();
    await page.getByRole('list', { name: 'Воронка конверсии' }).waitFor();
    expect(await funnelCounts(page)).toEqual({
      'Открыли виджет': 4,
      'Начали диалог': 3,
      'Ответили: тип объекта': 3,
      'Ответили: вид ремонта': 1,
      'Ответили: площадь': 1,
      'Ответили: комнаты': 1,
      'Ответили: перепланировка': 1,
      'Ответили: дизайн-проект': 1,
      'Ответили: сроки': 1,
      'Оставили контакты': 1,
      'Скачали смету в PDF': 0,
    });
    const worst = page.getByRole('listitem').filter({ hasText: 'Больше всего уходят здесь' });
    expect(await worst.textContent()).toContain('Ответили: вид ремонта');
    expect(await worst.textContent()).toMatch(/33,3\s% от предыдущего/);
    await page.getByRole('heading', { name: 'Заявки по дням' }).waitFor();
    await page.getByRole('img', { name: 'График заявок по дням' }).waitFor();
    await screenshot(page, 'dashboard-funnel');

    // The period is kept in the address, through a reload.
    await page.getByText('7 дней', { exact: true }).click();
    await page.waitForURL(/\?period=7d$/);
    await page.reload();
    expect(await page.getByRole('radio', { name: '7 дней' }).isChecked()).toBe(true);
    await page.getByRole('list', { name: 'Воронка конверсии' }).waitFor();
    expect((await funnelCounts(page))['Открыли виджет']).toBe(4);

    await page.getByText('Свои даты', { exact: true }).click();
    await page.waitForURL(/\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    await page.getByLabel('С', { exact: true }).waitFor();
    await context.close();
  });
});
