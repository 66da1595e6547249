import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFrontendBuilt, logIn, openContext, PHONE, screenshot, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

interface WidgetSettings {
  widgetKey: string;
  snippet: string;
  allowedOrigins: string[];
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

  it('gives the snippet to copy, saves the allowed sites and leads to the Metrika goals', async () => {
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
    const save = page.getByRole('button', { name: 'Сохранить' });
    await sites.getByText('Виджет можно встроить на любой сайт').waitFor();
    expect(await save.isDisabled()).toBe(true);
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

    // A site typed but not added goes in with the save.
    await address.fill('www.remont-plus.ru');
    await save.click();
    await toast(page, 'Настройки виджета сохранены');
    await page.getByText('Все изменения сохранены').waitFor();
    expect(await save.isDisabled()).toBe(true);
    expect(await listed.getByRole('listitem').allInnerTexts()).toEqual([
      'https://remont-plus.ru',
      'https://www.remont-plus.ru',
    ]);
    expect(await address.inputValue()).toBe('');

    // A change can be taken back before saving.
    await listed.getByRole('button', { name: 'Убрать https://www.remont-plus.ru' }).click();
    await page.getByText('Есть несохранённые изменения').waitFor();
    await page.getByRole('button', { name: 'Отменить изменения' }).click();
    await listed.getByText('https://www.remont-plus.ru').waitFor();

    // What was saved is what the page shows after a reload.
    await page.reload();
    await listed.getByText('https://www.remont-plus.ru').waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'widget-settings-desktop');

    // The Metrika goals, once on this page, are a link away under «Интеграции».
    await page.getByRole('link', { name: 'Цели Яндекс Метрики настраиваются в разделе «Интеграции»' }).click();
    await page.waitForURL('**/admin/integrations#metrika');
    await page.getByRole('region', { name: 'Яндекс Метрика' }).getByLabel('Номер счётчика').waitFor();

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
