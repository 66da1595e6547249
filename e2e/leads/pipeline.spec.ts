import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { leaveLead, visitor } from '../support/widgetApi.ts';

async function widgetKeyOf(context: BrowserContext): Promise<string> {
  const response = await context.request.get('/api/widget/settings');
  return ((await response.json()) as { widgetKey: string }).widgetKey;
}

async function addManager(context: BrowserContext, name: string) {
  const session = (await (await context.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const manager = { name, email: uniqueEmail('manager'), password: STRONG_PASSWORD, role: 'manager' };
  const response = await context.request.post('/api/team/members', {
    data: manager,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  if (response.status() !== 201) throw new Error(`adding a manager: ${response.status()} ${await response.text()}`);
  return manager;
}

describe('the leads pipeline', () => {
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

  it('moves a lead through the pipeline, assigns it, keeps notes and history, filters and exports', async () => {
    const context = await openContext(browser, server.url);
    const company = await signUpCompany(context, { companyName: 'Ремонт Воронка' });
    const manager = await addManager(context, 'Ольга Кузнецова');
    const key = await widgetKeyOf(context);
    await leaveLead(visitor(server.url, key), { contacts: { name: 'Игорь Смирнов', phone: '8 903 555-12-34' } });
    await leaveLead(visitor(server.url, key), { contacts: { name: 'Анна Соколова', phone: '+7 (916) 123-45-67' } });

    const page = await context.newPage();
    await page.goto('/admin/leads');
    const tabs = page.getByRole('group', { name: 'Этапы' });
    await tabs.getByRole('button', { name: 'Все 2' }).waitFor();
    await tabs.getByRole('button', { name: 'Новая 2' }).waitFor();

    // The stage changes from the list's row, and the counts follow.
    const annaRow = page.getByRole('row').filter({ hasText: 'Анна Соколова' });
    await annaRow.getByRole('combobox', { name: 'Этап заявки «Анна Соколова»' }).selectOption('measurement');
    await tabs.getByRole('button', { name: 'Замер назначен 1' }).waitFor();
    await tabs.getByRole('button', { name: 'Новая 1' }).waitFor();
    expect(page.url()).toBe(`${server.url}/admin/leads`);

    // The filter by stage is in the address and survives a reload.
    await tabs.getByRole('button', { name: 'Замер назначен 1' }).click();
    await page.waitForURL('**/admin/leads?status=measurement');
    await page.reload();
    await page.getByRole('row').filter({ hasText: 'Анна Соколова' }).waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    expect(await tabs.getByRole('button', { name: 'Замер назначен 1' }).getAttribute('aria-pressed')).toBe('true');
    await screenshot(page, 'leads-pipeline-list');

    // The export takes the filter: the CSV has Anna alone, the Excel file downloads.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await page.getByRole('button', { name: 'Выгрузить список' }).click();
        await page.getByRole('menuitem', { name: 'CSV (для Excel)' }).click();
      })(),
    ]);
    expect(csv.suggestedFilename()).toBe('Заявки Замер назначен.csv');
    const csvText = (await readFile((await csv.path()) as string)).toString('utf8');
    expect(csvText.startsWith('\ufeff"Получена";"Клиент";"Телефон";"Статус"')).toBe(true);
    const csvLines = csvText.trim().split('\r\n');
    expect(csvLines).toHaveLength(2);
    expect(csvLines[1]).toContain('"Анна Соколова";"\'+79161234567";"Замер назначен"');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await page.getByRole('button', { name: 'Выгрузить список' }).click();
        await page.getByRole('menuitem', { name: 'Excel (XLSX)' }).click();
      })(),
    ]);
    expect(xlsx.suggestedFilename()).toBe('Заявки Замер назначен.xlsx');
    const workbook = await readFile((await xlsx.path()) as string);
    expect(workbook.subarray(0, 2).toString()).toBe('PK');

    // On the lead's page: the responsible manager, a note, and the history of it all.
    await page.getByRole('link', { name: 'Анна Соколова' }).click();
    await page.getByRole('heading', { name: 'Анна Соколова', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Ответственный' }).getByLabel('Сотрудник').selectOption({
      label: 'Ольга Кузнецова',
    });
    const history = page.getByRole('region', { name: 'История' });
    await history.getByText('Ответственный: Ольга Кузнецова').waitFor();
    await history.getByLabel('Заметка').fill('Замер в субботу в 11:00, ключи у консьержа');
    await history.getByRole('button', { name: 'Добавить заметку' }).click();
    await history.getByText('Замер в субботу в 11:00, ключи у консьержа').waitFor();
    // The history as the server keeps it, after a reload: each change answered with the whole lead,
    // and on a loaded machine the page once showed one entry fewer before settling.
    await page.reload();
    await history.getByText('Замер в субботу в 11:00, ключи у консьержа').waitFor();
    await expect.poll(() => history.getByRole('listitem').count()).toBe(4);
    const entries = await history.getByRole('listitem').allInnerTexts();
    expect(entries).toHaveLength(4);
    expect(entries[0]).toContain('Замер в субботу');
    expect(entries[0]).toContain('Анна Петрова');
    expect(entries[1]).toContain('Ответственный: Ольга Кузнецова');
    expect(entries[2]).toContain('Новая → Замер назначен');
    expect(entries[3]).toContain('Заявка получена из виджета');
    await screenshot(page, 'leads-pipeline-detail');

    // A refusal asks for its reason.
    await page.getByRole('combobox', { name: 'Этап заявки «Анна Соколова»' }).selectOption('rejected');
    const dialog = page.getByRole('dialog', { name: 'Отказ' });
    await dialog.getByRole('button', { name: 'Отметить отказ' }).click();
    await dialog.getByText('Укажите причину отказа').waitFor();
    await screenshot(page, 'leads-pipeline-reject', { fullPage: false });
    await dialog.getByLabel('Причина отказа').fill('Выбрали другую компанию');
    await dialog.getByRole('button', { name: 'Отметить отказ' }).click();
    await history.getByText('Причина: Выбрали другую компанию').waitFor();
    await history.getByText('Замер назначен → Отказ').waitFor();

    // The back link keeps the list's filter.
    await page.getByRole('link', { name: 'Все заявки' }).click();
    await page.waitForURL('**/admin/leads?status=measurement');

    // The manager sees it all on a phone, and the page does not scroll sideways.
    const phone = await openContext(browser, server.url, { viewport: PHONE });
    const onPhone = await phone.newPage();
    await logIn(onPhone, manager.email, manager.password);
    await onPhone.getByRole('heading', { name: /Здравствуйте/ }).waitFor();
    await onPhone.goto(`/admin/leads?assignee=none`);
    await onPhone.getByRole('link', { name: 'Игорь Смирнов' }).waitFor();
    expect(await onPhone.getByRole('link', { name: 'Анна Соколова' }).count()).toBe(0);
    expect(await onPhone.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await screenshot(onPhone, 'leads-pipeline-list-phone');
    await onPhone.goto('/admin/leads');
    await onPhone.getByRole('link', { name: 'Анна Соколова' }).click();
    await onPhone.getByRole('region', { name: 'История' }).getByText('Замер в субботу').waitFor();
    expect(await onPhone.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await screenshot(onPhone, 'leads-pipeline-detail-phone');

    expect(company.name).toBe('Анна Петрова');
    await Promise.all([context.close(), phone.close()]);
  });
});
