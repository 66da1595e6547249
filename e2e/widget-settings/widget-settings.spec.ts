import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFrontendBuilt, logIn, openContext, PHONE, screenshot, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

interface WidgetSettings {
  widgetKey: string;
  snippet: string;
  allowedOrigins: string[];
  metrika: { counterId: string; goals: Record<string, string> };
}

/** Waits for a confirmation and closes it, so toasts do not pile up over later screenshots. */
async function toast(page: Page, text: string): Promise<void> {
  const shown = page.getByRole('status').filter({ hasText: text }).first();
  await shown.waitFor();
  await shown.getByRole('button', { name: 'Закрыть' }).click();
}

describe('the widget page', () => {
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

  it('gives the snippet to copy, and saves the allowed sites and the Metrika goals', async () => {
    const context = await openContext(browser, server.url);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const company = await signUpCompany(context);
    const page = await context.newPage();

    // The dashboard's last first step leads here.
    await page.goto('/admin/');
    await page.getByRole('link', { name: /Установите виджет на сайт/ }).click();
    await page.waitForURL('**/admin/widget');
    await page.getByRole('heading', { name: 'Виджет на сайте', level: 1 }).waitFor();
    const settings = (await (await context.request.get('/api/widget/settings')).json()) as WidgetSettings;

    // The snippet, as the API gives it, copied with one click.
    const snippet = page.getByRole('figure', { name: 'Код виджета' });
    expect(await snippet.locator('code').textContent()).toBe(settings.snippet);
    expect(settings.snippet).toBe(
      `<script src="${server.url}/widget.js" data-key="${settings.widgetKey}" async></script>`,
    );
    await page.getByText(settings.widgetKey, { exact: true }).waitFor();
    await snippet.getByRole('button', { name: 'Копировать' }).click();
    await snippet.getByRole('button', { name: 'Скопировано' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(settings.snippet);

    // No sites yet: any site may embed the widget, and the page says so. Nothing to save.
    const sites = page.getByRole('region', { name: 'Сайты, где разрешён виджет' });
    const metrika = page.getByRole('region', { name: 'Яндекс Метрика' });
    const save = page.getByRole('button', { name: 'Сохранить' });
    await sites.getByText('Виджет можно встроить на любой сайт').waitFor();
    expect(await save.isDisabled()).toBe(true);
    expect(await metrika.getByLabel('Открытие чата').inputValue()).toBe('aimax_open');
    expect(await metrika.getByLabel('Ответ в расчёте').inputValue()).toBe('aimax_step_{step}');
    await screenshot(page, 'widget-settings-default');

    // An address that is no site is refused under the field; a page of the site is taken as the site.
    const address = sites.getByLabel('Адрес сайта');
    await address.fill('remont plus');
    await sites.getByRole('button', { name: 'Добавить' }).click();
    await sites.getByText('Введите адрес сайта вида https://remont.ru').waitFor();
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'widget-settings-site-error', { fullPage: false });
    await address.fill('Remont-Plus.ru/kontakty');
    await address.press('Enter');
    const listed = sites.getByRole('list', { name: 'Сайты, где разрешён виджет' });
    await listed.getByText('https://remont-plus.ru', { exact: true }).waitFor();
    expect(await address.inputValue()).toBe('');
    expect(await sites.getByText('Виджет можно встроить на любой сайт').count()).toBe(0);
    await address.fill('https://remont-plus.ru/');
    await address.press('Enter');
    await sites.getByText('Этот сайт уже в списке').waitFor();

    // A site typed but not added goes in with the save; the server's word on the counter lands under it.
    await address.fill('www.remont-plus.ru');
    await metrika.getByLabel('Номер счётчика').fill('abc');
    await metrika.getByLabel('Открытие чата').fill('chat_open');
    // Each funnel step's goal is listed with the step's name, and follows the step goal's name.
    const stepGoals = metrika.getByRole('region', { name: 'Цели шагов расчёта' });
    expect(await stepGoals.locator('dt').allInnerTexts()).toEqual([
      'aimax_step_objectType',
      'aimax_step_repairType',
      'aimax_step_area',
      'aimax_step_rooms',
      'aimax_step_replanning',
      'aimax_step_designProject',
      'aimax_step_timing',
      'aimax_step_contacts',
    ]);
    expect(await stepGoals.locator('dd').first().textContent()).toBe('Тип объекта');
    await metrika.getByLabel('Ответ в расчёте').fill('funnel_{step}_done');
    await stepGoals.getByText('funnel_objectType_done').waitFor();
    await stepGoals.scrollIntoViewIfNeeded();
    await screenshot(page, 'widget-settings-step-goals', { fullPage: false });
    await metrika.getByLabel('Ответ в расчёте').fill('');
    await metrika.getByLabel('Заявка').fill('');
    await save.click();
    await metrika.getByText('Номер счётчика Метрики — от 4 до 12 цифр').waitFor();
    const counter = metrika.getByLabel('Номер счётчика');
    expect(await counter.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe('metrika.counterId');
    await screenshot(page, 'widget-settings-field-error', { fullPage: false });

    await counter.fill('98765432');
    await save.click();
    await toast(page, 'Настройки виджета сохранены');
    await page.getByText('Все изменения сохранены').waitFor();
    expect(await save.isDisabled()).toBe(true);
    expect(await listed.getByRole('listitem').allInnerTexts()).toEqual([
      'https://remont-plus.ru',
      'https://www.remont-plus.ru',
    ]);
    expect(await address.inputValue()).toBe('');
    // The emptied goal is back to its default name.
    expect(await metrika.getByLabel('Заявка').inputValue()).toBe('aimax_lead');

    // A change can be taken back before saving.
    await listed.getByRole('button', { name: 'Убрать https://www.remont-plus.ru' }).click();
    await page.getByText('Есть несохранённые изменения').waitFor();
    await page.getByRole('button', { name: 'Отменить изменения' }).click();
    await listed.getByText('https://www.remont-plus.ru').waitFor();

    // What was saved is what the widget gets, and what the page shows after a reload.
    const config = await (await context.request.get(`/api/widget/config?key=${settings.widgetKey}`)).json();
    expect(config.metrika).toEqual({
      counterId: '98765432',
      goals: { opened: 'chat_open', step: 'aimax_step_{step}', contacts: 'aimax_lead', estimate: 'aimax_estimate_pdf' },
    });
    await page.reload();
    await listed.getByText('https://www.remont-plus.ru').waitFor();
    expect(await counter.inputValue()).toBe('98765432');
    expect(await metrika.getByLabel('Открытие чата').inputValue()).toBe('chat_open');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'widget-settings-desktop');

    // On a phone the page fits the screen.
    const phoneContext = await openContext(browser, server.url, { viewport: PHONE });
    const phone = await phoneContext.newPage();
    await logIn(phone, company.email, company.password);
    await phone.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    await phone.goto('/admin/widget');
    await phone
      .getByRole('region', { name: 'Сайты, где разрешён виджет' })
      .getByText('https://remont-plus.ru', { exact: true })
      .waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await screenshot(phone, 'widget-settings-phone');

    await Promise.all([context.close(), phoneContext.close()]);
  });
});
