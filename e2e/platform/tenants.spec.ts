import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapPlatform } from '../../backend/src/modules/platform/bootstrap.ts';
import { assertFrontendBuilt, logIn, openContext, screenshot, sidebarLinks, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const ADMIN = { email: 'admin@aimax.test', password: 'Платформа-2026-ok' };

describe('the platform’s companies page', () => {
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

  it('lets the superadmin find a company, suspend it and reactivate it', async () => {
    const ownerContext = await openContext(browser, server.url);
    const company = await signUpCompany(ownerContext, { companyName: 'Стройка Века' });
    await signUpCompany(await openContext(browser, server.url), { companyName: 'Отделка Люкс' });

    const adminContext = await openContext(browser, server.url);
    const admin = await adminContext.newPage();
    await logIn(admin, ADMIN.email, ADMIN.password);
    await admin.waitForURL('**/admin/platform/tenants');
    expect(await sidebarLinks(admin)).toEqual(['Компании', 'Счета', 'Доставки', 'Реквизиты']);
    await admin.getByRole('banner').getByText('Платформа AI Max').waitFor();

    const table = admin.getByRole('table');
    const row = table.getByRole('row').filter({ hasText: 'Стройка Века' });
    await row.getByText(company.email).waitFor();
    expect(await row.textContent()).toContain('Активна');
    // The two companies signed up here and the demo company.
    await admin.getByText('3 компании').waitFor();
    await screenshot(admin, 'platform-tenants');

    await admin.getByRole('searchbox', { name: 'Компания или email владельца' }).fill('стройка');
    await admin.waitForURL((url) => url.searchParams.get('q') === 'стройка');
    await table.getByRole('row').filter({ hasText: 'Отделка Люкс' }).waitFor({ state: 'detached' });
    expect(await table.getByRole('row').count()).toBe(2);

    await row.getByRole('button', { name: 'Приостановить: Стройка Века' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Приостановить «Стройка Века»?' });
    await confirm.getByText('будут разлогинены').waitFor();
    await screenshot(admin, 'platform-suspend-confirm');
    await confirm.getByRole('button', { name: 'Приостановить' }).click();
    await admin.getByRole('status').filter({ hasText: 'Компания «Стройка Века» приостановлена' }).waitFor();
    await row.getByText('Приостановлена').waitFor();
    await screenshot(admin, 'platform-tenant-suspended');

    // The owner was signed out by the suspension and cannot sign back in.
    const owner = await ownerContext.newPage();
    await owner.goto('/admin/');
    await owner.waitForURL('**/admin/login');
    await logIn(owner, company.email, company.password);
    await owner.getByRole('alert').filter({ hasText: 'Доступ компании приостановлен' }).waitFor();
    await screenshot(owner, 'login-suspended');

    await admin.getByRole('button', { name: 'Приостановленные' }).click();
    await admin.waitForURL((url) => url.searchParams.get('status') === 'suspended');
    await row.getByRole('button', { name: 'Возобновить: Стройка Века' }).click();
    await admin
      .getByRole('dialog', { name: 'Возобновить «Стройка Века»?' })
      .getByRole('button', { name: 'Возобновить' })
      .click();
    await admin.getByRole('status').filter({ hasText: 'Компания «Стройка Века» снова активна' }).waitFor();
    // Filtered to suspended companies, the reactivated one leaves the list.
    await admin.getByText('Компаний не найдено').waitFor();

    await owner.getByRole('button', { name: 'Войти' }).click();
    await owner.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    await Promise.all([ownerContext.close(), adminContext.close()]);
  });

  it('keeps company owners out of the platform pages', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const page = await context.newPage();
    await page.goto('/admin/platform/tenants');
    await page.getByRole('heading', { name: 'Нет доступа' }).waitFor();
    await page.getByText('только администратору платформы').waitFor();
    await context.close();
  });
});
