import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapPlatform } from '../../backend/src/modules/platform/bootstrap.ts';
import { pdfText } from '../../backend/test/support/pdf.ts';
import {
  assertFrontendBuilt,
  logIn,
  openContext,
  PHONE,
  screenshot,
  sidebarLinks,
  signUpCompany,
} from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const ADMIN = { email: 'admin@aimax.test', password: 'Платформа-2026-ok' };

/** The platform's requisites: every number passes its check digits, both accounts their БИК key. */
const SELLER = {
  name: 'ООО «ЭйАй Макс»',
  inn: '7702123454',
  kpp: '770201001',
  ogrn: '1027700123450',
  address: '123112, г. Москва, Пресненская наб., д. 12',
  bankName: 'ПАО Сбербанк, г. Москва',
  bik: '044525225',
  correspondentAccount: '30101810400000000225',
  account: '40702810938000012345',
  director: 'Смирнов Алексей Петрович',
  accountant: 'Кузнецова Ольга Ивановна',
};

const BUYER = {
  name: 'ООО «Отделка Про»',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  legalAddress: '117312, г. Москва, ул. Вавилова, д. 19',
  email: 'buh@otdelka-pro.test',
};

/** Amounts are grouped with no-break spaces; the expectations below spell them as plain ones. */
const plain = (text: string | null) => text?.replace(/\s/g, ' ') ?? '';

/** «5 марта 2027 г.», as the panel writes calendar dates: the day in Moscow, wherever the viewer is. */
const russianDate = (date: Date) =>
  new Intl.DateTimeFormat('ru-RU', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Moscow',
  }).format(date);

const noSideScroll = (page: Page) => page.evaluate('document.documentElement.scrollWidth');

/** Picks a radio button the way a person does, by its label: the input itself is visually hidden. */
function choose(scope: Page | Locator, name: string | RegExp): Promise<void> {
  // The inner locator of `has` is matched inside each label, so it starts from the page.
  const page = 'goto' in scope ? scope : scope.page();
  return scope
    .locator('label')
    .filter({ has: page.getByRole('radio', { name }) })
    .click();
}

const DAY_MS = 24 * 60 * 60 * 1000;

describe('paying by invoice', () => {
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

  // First, while the platform has no requisites of its own yet.
  it('tells the owner that paying by invoice waits for the platform’s requisites, and whom to write to', async () => {
    // The superadmin's first page says what the platform still needs; the support contact is set
    // on the requisites page.
    const adminContext = await openContext(browser, server.url, { viewport: { width: 1280, height: 800 } });
    const admin = await adminContext.newPage();
    await logIn(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL('**/admin/platform/tenants');
    const setup = admin.getByRole('region', { name: 'Что ещё нужно платформе' });
    for (const item of [
      'Реквизиты продавца',
      'Контакты поддержки',
      'Отправка писем (SMTP_URL)',
      'ИИ-ответы (LLM_API_KEY)',
    ]) {
      await setup.getByText(item, { exact: true }).waitFor();
    }
    await screenshot(admin, 'platform-setup', { fullPage: false });
    await setup.getByRole('link', { name: 'Указать контакты' }).click();
    const support = admin.getByRole('region', { name: 'Контакты поддержки' });
    await support.getByLabel('Email поддержки').fill('help@aimax.test');
    await support.getByLabel('Telegram').fill('@aimax_help');
    await support.getByRole('button', { name: 'Сохранить' }).click();
    await admin.getByRole('status').filter({ hasText: 'Контакты поддержки сохранены' }).waitFor();
    await support.getByText('Все изменения сохранены').waitFor();
    await screenshot(admin, 'platform-support');
    await admin.goto('/admin/platform/tenants');
    await admin.getByRole('heading', { name: 'Компании', level: 1 }).waitFor();
    await setup.getByText('Реквизиты продавца', { exact: true }).waitFor();
    expect(await setup.getByText('Контакты поддержки', { exact: true }).count()).toBe(0);
    await adminContext.close();

    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const session = (await (await context.request.get('/api/auth/session')).json()) as { csrfToken: string };
    const saved = await context.request.put('/api/billing/profile', {
      data: { ...BUYER, legalForm: 'company' },
      headers: { 'x-csrf-token': session.csrfToken },
    });
    expect(saved.status()).toBe(200);

    const page = await context.newPage();
    await page.goto('/admin/billing');
    const invoiceCard = page.getByRole('region', { name: 'Оплата по счёту' });
    // The tab opened for the PDF closes again when no invoice comes.
    const [popup] = await Promise.all([
      page.waitForEvent('popup'),
      invoiceCard.getByRole('button', { name: 'Сформировать счёт' }).click(),
    ]);
    await invoiceCard
      .getByRole('alert')
      .filter({ hasText: 'Оплата по счёту пока недоступна: реквизиты платформы ещё не заполнены' })
      .waitFor();
    const contact = invoiceCard.getByRole('region', { name: 'Поддержка AI Max' });
    expect(await contact.getByRole('link', { name: 'help@aimax.test' }).getAttribute('href')).toBe(
      'mailto:help@aimax.test',
    );
    expect(await contact.getByRole('link', { name: '@aimax_help' }).getAttribute('href')).toBe(
      'https://t.me/aimax_help',
    );
    await screenshot(page, 'invoices-seller-missing-support');
    await expect.poll(() => popup.isClosed()).toBe(true);
    await context.close();
  });

  it('takes an owner from the requisites to a paid plan, with the PDF and both emails', async () => {
    // The superadmin sets the platform's requisites; a wrong account is caught against the БИК.
    const adminContext = await openContext(browser, server.url, { viewport: { width: 1280, height: 800 } });
    const admin = await adminContext.newPage();
    await logIn(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL('**/admin/platform/tenants');
    expect(await sidebarLinks(admin)).toEqual(['Компании', 'Счета', 'Доставки', 'Реквизиты']);
    await admin
      .getByRole('navigation', { name: 'Основная навигация' })
      .getByRole('link', { name: 'Реквизиты' })
      .click();
    await admin.getByRole('heading', { name: 'Реквизиты', level: 1 }).waitFor();
    await admin.getByText('Реквизиты не заполнены: пока компании не могут сформировать счёт.').waitFor();
    await admin.getByText('печатаются в каждом счёте и в QR-коде').waitFor();
    // Nothing was ever saved, so nothing claims to be; the support contact below is its own form.
    const sellerForm = admin.locator('form').filter({ has: admin.getByLabel('ИНН') });
    await sellerForm.getByText('Ещё не сохранено').waitFor();
    expect(await sellerForm.getByText('Все изменения сохранены').count()).toBe(0);

    await admin.getByLabel('Наименование').fill(SELLER.name);
    await admin.getByLabel('ИНН').fill(SELLER.inn);
    await admin.getByLabel('КПП').fill(SELLER.kpp);
    await admin.getByLabel('ОГРН').fill(SELLER.ogrn);
    await admin.getByLabel('Адрес').fill(SELLER.address);
    await admin.getByLabel('Банк', { exact: true }).fill(SELLER.bankName);
    await admin.getByLabel('БИК').fill(SELLER.bik);
    await admin.getByLabel('Корреспондентский счёт').fill(SELLER.correspondentAccount);
    const account = admin.getByLabel('Расчётный счёт');
    await account.fill('40702810038000012345');
    expect(await admin.getByLabel('НДС').inputValue()).toBe('');
    expect(await admin.getByLabel('НДС').locator('option:checked').textContent()).toBe('Без НДС (УСН)');
    expect(await admin.getByLabel('Срок оплаты, дней').inputValue()).toBe('5');
    await admin.getByLabel('Руководитель').fill(SELLER.director);
    await admin.getByLabel('Главный бухгалтер').fill(SELLER.accountant);
    await sellerForm.getByRole('button', { name: 'Сохранить' }).click();
    await admin.getByText('Неверный расчётный счёт: не сходится контрольный ключ с БИК').waitFor();
    expect(await account.getAttribute('aria-invalid')).toBe('true');
    await screenshot(admin, 'invoices-seller-error');

    await account.fill(SELLER.account);
    await sellerForm.getByRole('button', { name: 'Сохранить' }).click();
    await admin.getByRole('status').filter({ hasText: 'Реквизиты сохранены' }).waitFor();
    await sellerForm.getByText('Все изменения сохранены').waitFor();
    expect(await admin.getByText('Реквизиты не заполнены').count()).toBe(0);
    await screenshot(admin, 'invoices-seller');

    // An owner fills the company's requisites; a wrong ИНН is explained under its field.
    const context = await openContext(browser, server.url, { viewport: { width: 1280, height: 800 } });
    const company = await signUpCompany(context, { companyName: 'Отделка Про' });
    const page = await context.newPage();
    await page.goto('/admin/billing');
    const profile = page.getByRole('region', { name: 'Реквизиты для счёта' });
    const invoiceCard = page.getByRole('region', { name: 'Оплата по счёту' });
    const issue = invoiceCard.getByRole('button', { name: 'Сформировать счёт' });
    await issue.waitFor();
    expect(await issue.isDisabled()).toBe(true);
    await invoiceCard.getByText('Сначала сохраните реквизиты компании').waitFor();
    const history = page.getByRole('region', { name: 'История счетов' });
    await history.getByText('Счетов пока нет').waitFor();
    expect(await profile.getByLabel('Email для счетов').inputValue()).toBe(company.email);

    // An entrepreneur has no КПП, and an ОГРНИП for an ОГРН.
    await choose(profile, 'ИП');
    await profile.getByLabel('ОГРНИП').waitFor();
    expect(await profile.getByLabel('КПП').count()).toBe(0);
    await choose(profile, 'Организация');

    await profile.getByLabel('Наименование').fill(BUYER.name);
    const inn = profile.getByLabel('ИНН');
    await inn.fill('7707083894');
    await profile.getByLabel('КПП').fill(BUYER.kpp);
    await profile.getByLabel('ОГРН', { exact: true }).fill(BUYER.ogrn);
    await profile.getByLabel('Юридический адрес').fill(BUYER.legalAddress);
    await profile.getByLabel('Email для счетов').fill(BUYER.email);
    await profile.getByRole('button', { name: 'Сохранить реквизиты' }).click();
    await profile.getByText('Неверный ИНН: не сходится контрольная цифра').waitFor();
    expect(await inn.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'invoices-profile-error');

    await inn.fill(BUYER.inn);
    await profile.getByRole('button', { name: 'Сохранить реквизиты' }).click();
    await page.getByRole('status').filter({ hasText: 'Реквизиты сохранены' }).waitFor();
    // Saved, the form gives way to a summary.
    await profile.getByRole('button', { name: 'Изменить реквизиты' }).waitFor();
    await profile.getByText(BUYER.inn).waitFor();
    await profile.getByText(BUYER.email).waitFor();
    expect(await profile.getByRole('textbox').count()).toBe(0);

    // Бизнес for three months: 7 990 ₽ × 3 less 5 %.
    await choose(invoiceCard, /^Бизнес/);
    await choose(invoiceCard, /^3 месяца/);
    expect(
      plain(
        await invoiceCard
          .getByRole('radio', { name: /^3 месяца/ })
          .locator('..')
          .textContent(),
      ),
    ).toContain('−5%');
    await invoiceCard.getByText('22 772,00 ₽').waitFor();
    await invoiceCard.getByText('≈ 7 590,67 ₽ в месяц').waitFor();
    await invoiceCard.getByText(`придёт на ${BUYER.email}`).waitFor();
    expect(await issue.isEnabled()).toBe(true);

    // The invoice's PDF opens in a new tab.
    const [popup, answer] = await Promise.all([
      page.waitForEvent('popup'),
      page.waitForResponse(
        (response) => response.url().endsWith('/api/billing/invoices') && response.request().method() === 'POST',
      ),
      issue.click(),
    ]);
    expect(answer.status()).toBe(201);
    const issued = (await answer.json()) as {
      invoice: { id: string; number: string; amountKopecks: number };
      pdf: { url: string } | null;
    };
    expect(issued.invoice.amountKopecks).toBe(2_277_200);
    const { number } = issued.invoice;
    const pdfUrl = issued.pdf?.url as string;
    expect(pdfUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/files\//);
    await popup.waitForURL(pdfUrl, { waitUntil: 'commit' });
    await popup.close();
    // Chromium's PDF viewer may keep the response to itself; the document behind the link is read directly.
    const pdf = await context.request.get(pdfUrl);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const body = await pdf.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(body);
    expect(text).toContain(`Счёт на оплату № ${number}`);
    expect(text).toContain(SELLER.inn);
    expect(text).toContain(BUYER.inn);
    expect(text).toContain('Двадцать две тысячи семьсот семьдесят два рубля 00 копеек');

    await page
      .getByRole('status')
      .filter({ hasText: `Счёт № ${number} сформирован` })
      .waitFor();
    await invoiceCard.getByText(`Счёт № ${number} открыт в новой вкладке.`).waitFor();
    const row = history.getByRole('row').filter({ hasText: number });
    await row.getByText('Ожидает оплаты').waitFor();
    expect(plain(await row.textContent())).toContain('22 772,00 ₽');
    await row.getByText('3 месяца').waitFor();
    await row.getByText(/^до \d{2}\.\d{2}\.\d{4}$/).waitFor();
    // This platform has no YooKassa shop: paying is by transfer only, and nothing offers otherwise.
    expect(await page.getByRole('button', { name: /Оплатить онлайн/ }).count()).toBe(0);
    // Once the toasts are gone, which would cover the form in the picture.
    await page.getByRole('status').filter({ hasText: 'сформирован' }).waitFor({ state: 'detached' });
    await screenshot(page, 'invoices-billing');

    // The history asks for a fresh link on each click.
    const [again, link] = await Promise.all([
      page.waitForEvent('popup'),
      page.waitForResponse((response) => response.url().endsWith(`/api/billing/invoices/${issued.invoice.id}/pdf`)),
      row.getByRole('button', { name: `Счёт № ${number} в PDF` }).click(),
    ]);
    expect(link.status()).toBe(200);
    await again.waitForURL(((await link.json()) as { url: string }).url, { waitUntil: 'commit' });
    await again.close();

    // On a phone the history is a list of cards, and nothing scrolls sideways.
    const phoneContext = await openContext(browser, server.url, { viewport: PHONE });
    const phone = await phoneContext.newPage();
    await logIn(phone, company.email, company.password);
    await phone.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    await phone.goto('/admin/billing');
    const phoneHistory = phone.getByRole('region', { name: 'История счетов' });
    await phoneHistory.getByRole('listitem').filter({ hasText: number }).getByText('Ожидает оплаты').waitFor();
    expect(await phoneHistory.getByRole('table').count()).toBe(0);
    expect(await noSideScroll(phone)).toBe(PHONE.width);
    await screenshot(phone, 'invoices-billing-phone');

    // The superadmin reaches the company's invoices from its row, then finds this one by number.
    await admin.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Компании' }).click();
    await admin
      .getByRole('row')
      .filter({ hasText: 'Отделка Про' })
      .getByRole('link', { name: 'Счета компании Отделка Про' })
      .click();
    await admin.waitForURL((url) => url.pathname === '/admin/platform/invoices' && url.searchParams.has('tenantId'));
    await admin.getByText('Компания: Отделка Про').waitFor();
    await admin.getByRole('button', { name: 'Показать счета всех компаний' }).click();
    await admin.waitForURL((url) => !url.searchParams.has('tenantId'));

    await admin.getByRole('searchbox', { name: 'Номер счёта или ИНН' }).fill(number);
    await admin.waitForURL((url) => url.searchParams.get('q') === number);
    const invoiceRow = admin.getByRole('row').filter({ hasText: number });
    await invoiceRow.getByText('Ожидает оплаты').waitFor();
    expect(plain(await invoiceRow.textContent())).toContain(`ИНН ${BUYER.inn}`);
    await admin.getByText('1 счёт').waitFor();
    await screenshot(admin, 'invoices-platform');
    await invoiceRow.getByRole('button', { name: `Отметить оплаченным: счёт № ${number}` }).click();
    const confirm = admin.getByRole('dialog', { name: `Отметить счёт № ${number} оплаченным?` });
    expect(plain(await confirm.textContent())).toContain(
      'Компания «Отделка Про», тариф «Бизнес» на 3 месяца, 22 772,00 ₽.',
    );
    await screenshot(admin, 'invoices-platform-confirm', { fullPage: false });
    const [paidAnswer] = await Promise.all([
      admin.waitForResponse((response) => response.url().endsWith('/mark-paid')),
      confirm.getByRole('button', { name: 'Отметить оплаченным' }).click(),
    ]);
    const paid = (await paidAnswer.json()) as { periodEnd: string };
    const periodEnd = new Date(paid.periodEnd);
    // Three calendar months ahead.
    expect(periodEnd.getTime() - Date.now()).toBeGreaterThan(88 * DAY_MS);
    expect(periodEnd.getTime() - Date.now()).toBeLessThan(93 * DAY_MS);
    await admin
      .getByRole('status')
      .filter({ hasText: `Счёт № ${number} оплачен: тариф «Бизнес» до ${russianDate(periodEnd)}` })
      .waitFor();
    await invoiceRow.getByText('Оплачен', { exact: true }).waitFor();
    expect(await invoiceRow.getByRole('button', { name: /Отметить оплаченным|Отменить/ }).count()).toBe(0);
    await screenshot(admin, 'invoices-platform-paid');

    // The owner's plan is Бизнес until then, and the invoice is paid.
    await page.reload();
    const currentPlan = page.getByRole('region', { name: 'Текущий тариф' });
    await currentPlan.getByText('Бизнес', { exact: true }).waitFor();
    await currentPlan.getByText(`до ${russianDate(periodEnd)}`).waitFor();
    await row.getByText('Оплачен', { exact: true }).waitFor();
    await row.getByText(/^оплачен \d{2}\.\d{2}\.\d{4}$/).waitFor();
    await screenshot(page, 'invoices-billing-paid');

    // Both emails went out: the invoice with its PDF, and the payment.
    await admin.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Доставки' }).click();
    await admin.getByRole('heading', { name: 'Доставки', level: 1 }).waitFor();
    const invoiceEmail = admin.getByRole('row').filter({ hasText: 'Новый счёт' });
    const paymentEmail = admin.getByRole('row').filter({ hasText: 'Оплата получена' });
    // The worker sends within seconds; the page refreshes itself while an email waits.
    await invoiceEmail.getByText('Отправлено', { exact: true }).waitFor({ timeout: 30_000 });
    await paymentEmail.getByText('Отправлено', { exact: true }).waitFor({ timeout: 30_000 });
    expect(plain(await invoiceEmail.textContent())).toContain(BUYER.email);
    expect(plain(await invoiceEmail.textContent())).toContain('Отделка Про');
    await admin.getByText('2 отправления').waitFor();
    const eml = invoiceEmail.getByRole('link', { name: /\(\.eml\)$/ });
    const message = await adminContext.request.get((await eml.getAttribute('href')) as string);
    expect(message.status()).toBe(200);
    expect(message.headers()['content-type']).toContain('message/rfc822');
    const source = await message.text();
    expect(source).toContain(`To: ${BUYER.email}`);
    expect(source).toContain('Content-Type: application/pdf');
    await screenshot(admin, 'invoices-platform-emails');

    // Filtered to emails that failed, there are none.
    await choose(admin, 'Не отправлены');
    await admin.waitForURL((url) => url.searchParams.get('status') === 'failed');
    await admin.getByText('Отправлений нет').waitFor();

    await Promise.all([context.close(), phoneContext.close(), adminContext.close()]);
  });

  it('keeps owners out of the superadmin’s invoices, emails and requisites', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const page = await context.newPage();
    for (const path of ['/admin/platform/invoices', '/admin/platform/deliveries', '/admin/platform/seller']) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'Нет доступа' }).waitFor();
    }
    await context.close();
  });
});
