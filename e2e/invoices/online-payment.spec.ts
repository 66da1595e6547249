// Paying an invoice online, as an owner does it: «Оплатить онлайн» on the Billing page, YooKassa's
// checkout in the dialog (the fake's stand-in, drawn in a frame of another site: it is loaded
// from localhost while the app is on 127.0.0.1), and the invoice and the plan updated on the page
// without a reload. Then a payment that fails and is tried again, and the superadmin's view of
// how it was paid, with a refund.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapPlatform } from '../../backend/src/modules/platform/bootstrap.ts';
import { type FakeYooKassa, startFakeYooKassa } from '../../backend/test/fakes/yookassa.ts';
import { COMPANY_BUYER, configureSeller } from '../../backend/test/support/billing.ts';
import { assertFrontendBuilt, logIn, openContext, PHONE, screenshot, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const ADMIN = { email: 'admin@aimax.test', password: 'Платформа-2026-ok' };

describe('paying an invoice online', () => {
  let yookassa: FakeYooKassa;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    assertFrontendBuilt();
    yookassa = await startFakeYooKassa();
    server = await startServer({
      env: {
        ...yookassa.env,
        YOOKASSA_WIDGET_URL: yookassa.widgetUrl.replace('127.0.0.1', 'localhost'),
        YOOKASSA_NOTIFICATION_IPS: '127.0.0.1',
      },
    });
    yookassa.notificationUrl = `${server.url}/api/payments/yookassa/notifications`;
    await bootstrapPlatform(server.db, { adminEmail: ADMIN.email, adminPassword: ADMIN.password });
    await configureSeller(server.db);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await yookassa?.close();
  });

  /** A signed-in owner with their requisites filled and an invoice for «Бизнес», 3 months. */
  async function ownerWithInvoice(viewport?: { width: number; height: number }) {
    const context = await openContext(browser, server.url, viewport ? { viewport } : {});
    const company = await signUpCompany(context);
    const { csrfToken } = (await (await context.request.get('/api/auth/session')).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    await context.request.put('/api/billing/profile', { data: COMPANY_BUYER, headers });
    const issued = await context.request.post('/api/billing/invoices', {
      data: { plan: 'business', termMonths: 3 },
      headers,
    });
    expect(issued.status()).toBe(201);
    const { invoice } = (await issued.json()) as { invoice: { id: string; number: string } };
    return { context, company, invoice };
  }

  const checkout = (page: Page) => page.frameLocator('#yookassa-checkout iframe');
  const planCard = (page: Page) => page.getByRole('region', { name: 'Текущий тариф' });

  it('pays in the checkout, and the invoice and the plan change on the page at once', async () => {
    const { context, invoice } = await ownerWithInvoice();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto('/admin/billing');
    await planCard(page).getByText('Free').first().waitFor();
    // YooKassa's script is not on the page until a payment is started.
    expect(await page.locator('script[src*="checkout-widget"]').count()).toBe(0);

    await page.getByRole('button', { name: `Оплатить онлайн счёт № ${invoice.number}` }).click();
    const dialog = page.getByRole('dialog', { name: `Оплата счёта № ${invoice.number}` });
    await dialog.waitFor();
    await checkout(page).getByRole('button', { name: 'Оплатить' }).waitFor();
    await dialog.getByText('Платёж принимает ЮKassa').waitFor();
    await screenshot(page, 'online-payment-checkout', { fullPage: false });

    await checkout(page).getByRole('button', { name: 'Оплатить' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Счёт № ${invoice.number} оплачен` })
      .waitFor();
    await dialog.waitFor({ state: 'detached' });
    await planCard(page).getByText('Бизнес').first().waitFor();
    const row = page.getByRole('row').filter({ hasText: invoice.number });
    await row.getByText('Оплачен', { exact: true }).waitFor();
    await row.getByText(/онлайн/).waitFor();
    expect(await page.getByRole('button', { name: `Оплатить онлайн счёт № ${invoice.number}` }).count()).toBe(0);
    await screenshot(page, 'online-payment-paid');
    expect(problems.filter((problem) => /Content Security Policy/i.test(problem))).toEqual([]);
    await context.close();
  });

  it('says why a payment failed, and a new try pays it (on a phone)', async () => {
    const { context, invoice } = await ownerWithInvoice(PHONE);
    const page = await context.newPage();
    await page.goto('/admin/billing');
    await page.getByRole('button', { name: `Оплатить онлайн счёт № ${invoice.number}` }).click();
    const dialog = page.getByRole('dialog', { name: `Оплата счёта № ${invoice.number}` });
    await checkout(page).getByRole('button', { name: 'Отказаться' }).click();
    await dialog.getByText('Оплата не прошла').waitFor();
    await dialog.getByText(/платёж отменён/i).waitFor();
    await screenshot(page, 'online-payment-failed-phone', { fullPage: false });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

    await dialog.getByRole('button', { name: 'Попробовать снова' }).click();
    await checkout(page).getByRole('button', { name: 'Оплатить' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Счёт № ${invoice.number} оплачен` })
      .waitFor();
    await page.getByText('Оплачен', { exact: true }).first().waitFor();
    await context.close();
  });

  it('shows the superadmin how it was paid, and refunds it', async () => {
    const { context, invoice } = await ownerWithInvoice();
    const page = await context.newPage();
    await page.goto('/admin/billing');
    await page.getByRole('button', { name: `Оплатить онлайн счёт № ${invoice.number}` }).click();
    await checkout(page).getByRole('button', { name: 'Оплатить' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Счёт № ${invoice.number} оплачен` })
      .waitFor();
    await context.close();
    const paid = [...yookassa.payments.values()].find((payment) => payment.metadata.invoiceId === invoice.id);
    expect(paid?.status).toBe('succeeded');

    const adminContext = await openContext(browser, server.url);
    const admin = await adminContext.newPage();
    await logIn(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL('**/admin/platform/tenants');
    await admin.goto(`/admin/platform/invoices?q=${invoice.number}`);
    await admin.getByRole('button', { name: `Подробнее: счёт № ${invoice.number}` }).click();
    const details = admin.getByRole('dialog', { name: `Счёт № ${invoice.number}` });
    await details.getByText('Онлайн, ЮKassa').waitFor();
    await details.getByText(paid?.id as string).waitFor();
    await details.getByText('Банковская карта', { exact: false }).first().waitFor();
    await screenshot(admin, 'online-payment-superadmin', { fullPage: false });

    await details.getByRole('button', { name: `Вернуть платёж по счёту № ${invoice.number}` }).click();
    const confirm = admin.getByRole('alertdialog').or(admin.getByRole('dialog', { name: /Вернуть платёж/ }));
    await confirm.getByText(/Тариф компании при этом не изменится/).waitFor();
    await confirm.getByRole('button', { name: 'Вернуть платёж', exact: true }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `Платёж по счёту № ${invoice.number} возвращён` })
      .waitFor();
    await details.getByText('Возвращено').waitFor();
    expect([...yookassa.refunds.values()].filter((refund) => refund.payment_id === paid?.id)).toHaveLength(1);
    await screenshot(admin, 'online-payment-refunded', { fullPage: false });
    await adminContext.close();
  });
});
