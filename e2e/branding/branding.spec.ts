import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenants } from '../../backend/src/db/schema.ts';
import {
  assertFrontendBuilt,
  logIn,
  openContext,
  PHONE,
  SHOTS_DIR,
  screenshot,
  signUpCompany,
} from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const solidPng = (width: number, height: number, background: { r: number; g: number; b: number }) =>
  sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();

/** A photo-sized PNG of noise: too big to compress away, so its upload takes long enough to watch. */
const noisyPng = (width: number, height: number) =>
  sharp({
    create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
  })
    .png()
    .toBuffer();

/** The DOM the page functions below touch: e2e compiles without the DOM's types (e2e/tsconfig.json). */
interface PageWindow {
  getComputedStyle(element: unknown): { backgroundColor: string };
}
interface PageImage {
  complete: boolean;
  naturalWidth: number;
}

const backgroundOf = (locator: Locator) =>
  locator.evaluate((element) => (globalThis as unknown as PageWindow).getComputedStyle(element).backgroundColor);

/** The image has arrived and decoded, so the browser was allowed to load it. */
const loaded = (image: Locator) =>
  image.evaluate((element) => {
    const { complete, naturalWidth } = element as unknown as PageImage;
    return complete && naturalWidth > 0;
  });

/** Waits for a confirmation and closes it, so toasts do not pile up over later screenshots. */
async function toast(page: Page, text: string): Promise<void> {
  const shown = page.getByRole('status').filter({ hasText: text }).first();
  await shown.waitFor();
  await shown.getByRole('button', { name: 'Закрыть' }).click();
}

/** A screenshot of the page from its top: a full-page shot taken scrolled down misplaces the sticky parts. */
async function pageShot(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
  await screenshot(page, name);
}

/** A screenshot of the viewport as it is now, without waiting for the network to go quiet. */
const momentShot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), animations: 'disabled' });

describe('the branding page', () => {
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

  const widgetKeyOf = async (context: BrowserContext): Promise<string> => {
    const session = await (await context.request.get('/api/auth/session')).json();
    const tenantId: string = session.tenant.id;
    const [row] = await server.db.withTenant(tenantId, (tx) =>
      tx.select({ key: tenants.widgetKey }).from(tenants).where(eq(tenants.id, tenantId)),
    );
    if (!row) throw new Error('the company has no widget key');
    return row.key;
  };

  it('brands the widget: colours and name previewed before saving, logo and avatar uploaded, sample PDF', async () => {
    const context = await openContext(browser, server.url);
    const company = await signUpCompany(context, { companyName: 'Ремонт Плюс' });
    const page = await context.newPage();
    // A new company's first steps: its widget still wears the defaults.
    await page.goto('/admin/');
    await page.getByRole('link', { name: /Оформите виджет/ }).waitFor();
    expect(await page.getByRole('link', { name: /Оформите виджет.*Готово/ }).count()).toBe(0);
    await page.goto('/admin/branding');
    await page.getByRole('heading', { name: 'Брендинг', level: 1 }).waitFor();

    const companyCard = page.getByRole('region', { name: 'Оформление компании' });
    const botCard = page.getByRole('region', { name: 'Бот' });
    const preview = page.getByRole('region', { name: 'Предпросмотр' });
    const launcher = preview.getByRole('img', { name: 'Кнопка виджета' });
    const saveCompany = companyCard.getByRole('button', { name: 'Сохранить' });

    // The defaults: the registered name, the default indigo, nothing to save yet.
    await preview.getByText('Ремонт Плюс').waitFor();
    expect(await companyCard.getByLabel('Название в виджете').getAttribute('placeholder')).toBe('Ремонт Плюс');
    expect(await backgroundOf(launcher)).toBe('rgb(79, 70, 229)');
    expect(await saveCompany.isDisabled()).toBe(true);
    await preview.getByText('Работает на AI Max', { exact: true }).waitFor();
    // Which plan removes it, and from the estimate too.
    await preview.getByText('«Смета сформирована в AI Max» в смете нет на тарифе Enterprise').waitFor();
    await pageShot(page, 'branding-default');

    // The preview follows the forms before anything is saved.
    await companyCard.getByLabel('Название в виджете').fill('Ремонт Профи');
    await companyCard.getByLabel('Основной цвет', { exact: true }).fill('#0F766E');
    await companyCard.getByLabel('Акцентный цвет: выбрать на палитре').fill('#f97316');
    await companyCard.getByLabel('Заголовок приветствия').fill('Посчитаем ремонт за минуту');
    await preview.getByText('Ремонт Профи').waitFor();
    await preview.getByText('Посчитаем ремонт за минуту').waitFor();
    expect(await backgroundOf(launcher)).toBe('rgb(15, 118, 110)');
    expect(await backgroundOf(preview.getByText('Рассчитать ремонт'))).toBe('rgb(249, 115, 22)');
    expect(await saveCompany.isEnabled()).toBe(true);
    await page.getByText('Несохранённые изменения в смету не попадут').waitFor();

    // A short colour is written out in full; a broken one is flagged when the owner leaves the
    // field, and meanwhile the preview shows the saved colour.
    const accentText = companyCard.getByLabel('Акцентный цвет', { exact: true });
    await accentText.fill('#f97');
    await accentText.press('Tab');
    expect(await accentText.inputValue()).toBe('#ff9977');
    await accentText.fill('#f973');
    await accentText.press('Tab');
    await companyCard.getByText('Цвет в формате #RRGGBB, например #4F46E5').waitFor();
    expect(await backgroundOf(preview.getByText('Рассчитать ремонт'))).toBe('rgb(245, 158, 11)');
    await accentText.fill('#F97316');

    // The server's field errors land under their fields, contacts included.
    await companyCard.getByLabel('Email').fill('не почта');
    await companyCard.getByLabel('Телефон').fill('+7 (495) 123-45-67');
    await companyCard.getByLabel('Сайт').fill('remont-profi.ru');
    await saveCompany.click();
    await companyCard.getByText('Введите корректный email или оставьте поле пустым').waitFor();
    expect(await companyCard.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'branding-field-error', { fullPage: false });

    await companyCard.getByLabel('Email').fill('hello@remont-profi.ru');
    await saveCompany.click();
    await toast(page, 'Оформление сохранено');
    await companyCard.getByText('Все изменения сохранены').waitFor();
    // Made the company's own: the dashboard's step is done.
    await page.goto('/admin/');
    await page.getByRole('link', { name: /Оформите виджет.*Готово/ }).waitFor();
    await page.goto('/admin/branding');
    await companyCard.getByLabel('Email').waitFor();
    expect(await saveCompany.isDisabled()).toBe(true);
    expect(await accentText.inputValue()).toBe('#f97316');

    // The logo: uploaded, shown as the server re-encoded it, in the card and in the preview.
    const logoInput = companyCard.locator('input[type="file"]');
    await logoInput.setInputFiles({
      name: 'logo.png',
      mimeType: 'image/png',
      buffer: await solidPng(600, 200, { r: 10, g: 120, b: 110 }),
    });
    await toast(page, 'Логотип загружен');
    const previewLogo = preview.getByRole('img', { name: 'Ремонт Профи' });
    await previewLogo.waitFor();
    const firstLogo = await previewLogo.getAttribute('src');
    expect(firstLogo).toMatch(new RegExp(`^${server.url}/files/public/.+\\.webp$`));
    expect(await loaded(previewLogo)).toBe(true);
    expect(
      await companyCard.getByRole('img', { name: 'Логотип компании: загруженное изображение' }).getAttribute('src'),
    ).toBe(firstLogo);

    // Replacing it on a slow connection shows the upload's progress; then the new logo, at a new address.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 400 * 1024,
    });
    await companyCard.getByRole('button', { name: 'Заменить' }).waitFor();
    await logoInput.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: await noisyPng(640, 480) });
    const progress = companyCard.getByRole('progressbar');
    await progress.waitFor();
    await companyCard.getByText(/Загружаем… [1-9]\d?%/).waitFor();
    await progress.scrollIntoViewIfNeeded();
    await momentShot(page, 'branding-upload-progress');
    await toast(page, 'Логотип загружен');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await companyCard.getByRole('progressbar').waitFor({ state: 'detached' });
    const secondLogo = await previewLogo.getAttribute('src');
    expect(secondLogo).not.toBe(firstLogo);
    expect(await loaded(previewLogo)).toBe(true);

    // Wrong files: the size is caught before sending, a fake image by the server.
    await logoInput.setInputFiles({
      name: 'huge.png',
      mimeType: 'image/png',
      buffer: Buffer.alloc(2 * 1024 * 1024 + 1),
    });
    await companyCard.getByText('Файл слишком большой: не больше 2 МБ').waitFor();
    await logoInput.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('не картинка') });
    await companyCard
      .getByRole('alert')
      .filter({ hasText: 'Загрузите изображение в формате PNG, JPEG или WebP' })
      .waitFor();
    expect(await previewLogo.getAttribute('src')).toBe(secondLogo);
    await screenshot(page, 'branding-upload-error', { fullPage: false });

    // The bot: a new name previewed and saved, an avatar uploaded and deleted.
    await botCard.getByLabel('Имя бота').fill('Алиса');
    await preview.getByText('Алиса · онлайн').waitFor();
    await botCard.getByRole('button', { name: 'Сохранить' }).click();
    await toast(page, 'Настройки бота сохранены');

    // The avatar arrives by drag and drop, as a file dragged from the desktop would.
    const avatar = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#f97316' } })
      .jpeg()
      .toBuffer();
    const dropped = await page.evaluateHandle(`(() => {
      const bytes = Uint8Array.from(atob('${avatar.toString('base64')}'), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'avatar.jpg', { type: 'image/jpeg' }));
      return transfer;
    })()`);
    const avatarGroup = botCard.getByRole('group', { name: 'Аватар бота' });
    await avatarGroup.dispatchEvent('dragover', { dataTransfer: dropped });
    await avatarGroup.getByText('Отпустите, чтобы загрузить').waitFor();
    await avatarGroup.dispatchEvent('drop', { dataTransfer: dropped });
    await toast(page, 'Аватар загружен');
    const avatarInPreview = preview.locator('img[src*="/files/public/"]').nth(1);
    await avatarInPreview.waitFor();
    expect(await loaded(avatarInPreview)).toBe(true);

    await botCard.getByRole('button', { name: 'Удалить' }).click();
    const confirm = page.getByRole('dialog', { name: 'Удалить аватар бота?' });
    await confirm.getByText('первая буква имени бота').waitFor();
    await screenshot(page, 'branding-delete-avatar', { fullPage: false });
    await confirm.getByRole('button', { name: 'Удалить' }).click();
    await toast(page, 'Аватар удалён');
    await confirm.waitFor({ state: 'detached' });
    await botCard.getByRole('button', { name: 'Выбрать файл' }).waitFor();
    expect(await preview.locator('img[src*="/files/public/"]').count()).toBe(1);

    // The sample estimate opens in a new tab; its link is a real PDF.
    const [popup, answer] = await Promise.all([
      page.waitForEvent('popup'),
      page.waitForResponse((response) => response.url().endsWith('/api/branding/estimate-preview')),
      page.getByRole('button', { name: 'Смета-образец (PDF)' }).click(),
    ]);
    expect(answer.status()).toBe(200);
    const { url } = (await answer.json()) as { url: string };
    await page.getByText('Смета открыта в новой вкладке').waitFor();
    await screenshot(page, 'branding-sample-estimate', { fullPage: false });
    expect(await page.getByRole('link', { name: 'Открыть смету' }).getAttribute('href')).toBe(url);
    const pdf = await context.request.get(url);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await popup.close();

    // What was saved is what visitors' widgets get.
    const config = await (await context.request.get(`/api/widget/config?key=${await widgetKeyOf(context)}`)).json();
    expect(config).toMatchObject({
      companyName: 'Ремонт Профи',
      primaryColor: '#0f766e',
      accentColor: '#f97316',
      welcomeTitle: 'Посчитаем ремонт за минуту',
      logoUrl: secondLogo,
      bot: { name: 'Алиса', avatarUrl: null },
      poweredBy: true,
    });

    // After a reload the page shows the saved state.
    await page.reload();
    await preview.getByText('Ремонт Профи').waitFor();
    expect(await companyCard.getByLabel('Email').inputValue()).toBe('hello@remont-profi.ru');
    expect(await backgroundOf(launcher)).toBe('rgb(15, 118, 110)');
    await pageShot(page, 'branding-desktop');

    // On a phone the preview folds above the forms and opens on demand.
    const phoneContext = await openContext(browser, server.url, { viewport: PHONE });
    const phone = await phoneContext.newPage();
    await logIn(phone, company.email, company.password);
    await phone.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    await phone.goto('/admin/branding');
    const phonePreview = phone.getByRole('region', { name: 'Предпросмотр' });
    await phone.getByRole('region', { name: 'Оформление компании' }).waitFor();
    expect(await phonePreview.getByRole('img', { name: 'Кнопка виджета' }).isVisible()).toBe(false);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await pageShot(phone, 'branding-phone');
    await phonePreview.getByRole('button', { name: 'Показать' }).click();
    await phonePreview.getByRole('img', { name: 'Кнопка виджета' }).waitFor();
    await screenshot(phone, 'branding-phone-preview', { fullPage: false });

    await Promise.all([context.close(), phoneContext.close()]);
  });

  it('offers a retry when the settings fail to load', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const page = await context.newPage();
    // The first load fails as a proxy would; the retry is slow enough to see the placeholder.
    let calls = 0;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/branding', async (route) => {
      calls += 1;
      if (calls === 1) return route.fulfill({ status: 502, body: 'Bad gateway' });
      await released;
      return route.continue();
    });
    await page.goto('/admin/branding');
    const alert = page.getByRole('alert').filter({ hasText: 'Не удалось загрузить данные' });
    await alert.getByText('Сервер ответил неожиданно').waitFor();
    await screenshot(page, 'branding-load-error');
    await alert.getByRole('button', { name: 'Повторить' }).click();
    await page.locator('[aria-busy="true"]').waitFor();
    await momentShot(page, 'branding-loading');
    release();
    await page.getByRole('region', { name: 'Оформление компании' }).waitFor();
    expect(await page.locator('[aria-busy="true"]').count()).toBe(0);
    await context.close();
  });
});
