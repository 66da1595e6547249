import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertFrontendBuilt,
  logIn,
  logOut,
  openContext,
  PHONE,
  STRONG_PASSWORD,
  screenshot,
  sidebarLinks,
  signUpCompany,
  uniqueEmail,
} from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const OWNER_NAVIGATION = [
  'Дашборд',
  'Заявки',
  'Диалоги',
  'База знаний',
  'Воронка',
  'Брендинг',
  'Виджет на сайте',
  'Интеграции',
  'Тарифы и оплата',
  'Команда',
];

describe('signing up and signing in', () => {
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

  it('signs a company up, shows its dashboard, and signs out and in again', async () => {
    const context = await openContext(browser, server.url);
    const page = await context.newPage();
    const email = uniqueEmail('owner');

    await page.goto('/admin/');
    await page.waitForURL('**/admin/login');
    await page.getByRole('heading', { name: 'Вход в AI Max' }).waitFor();
    await screenshot(page, 'login');

    await page.getByRole('link', { name: 'Зарегистрировать компанию' }).click();
    await page.waitForURL('**/admin/signup');
    await page.getByLabel('Название компании').fill('Ремонт Мастер');
    await page.getByLabel('Ваше имя').fill('Анна Петрова');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Пароль', { exact: true }).fill('qwerty123');
    await page.getByRole('button', { name: 'Создать аккаунт' }).click();

    // The server's reason appears under the password field, which takes the focus.
    const password = page.getByLabel('Пароль', { exact: true });
    await page.getByText('Этот пароль слишком распространён, придумайте другой').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe('password');
    await screenshot(page, 'signup-weak-password');

    await password.fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Создать аккаунт' }).click();
    await page.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/');

    expect(await sidebarLinks(page)).toEqual(OWNER_NAVIGATION);
    await page.getByRole('banner').getByText('Ремонт Мастер').waitFor();
    await page.getByRole('banner').getByText('Тариф Free').waitFor();
    await page.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    await page.getByRole('heading', { name: 'С чего начать' }).waitFor();
    await screenshot(page, 'dashboard-owner');

    await page.getByRole('button', { name: 'Меню пользователя' }).click();
    await page.getByRole('menu').getByText('Владелец').waitFor();
    await screenshot(page, 'user-menu', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Воронка' }).click();
    await page.getByRole('heading', { name: 'Воронка', level: 1 }).waitFor();
    expect(await page.title()).toBe('Воронка · AI Max');

    await page.goto('/admin/no-such-page');
    await page.getByRole('heading', { name: 'Страница не найдена' }).waitFor();
    await screenshot(page, 'not-found');

    await logOut(page);
    // Signed out, the panel's pages lead back to the login page.
    await page.goto('/admin/team');
    await page.waitForURL('**/admin/login');

    await logIn(page, email, STRONG_PASSWORD);
    // Signed out from /admin/team, signed back in: the owner is taken where they were going.
    await page.waitForURL('**/admin/team');
    await page.getByRole('link', { name: 'Дашборд' }).click();
    await page.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    expect(await sidebarLinks(page)).toEqual(OWNER_NAVIGATION);

    await logOut(page);
    await page.getByRole('heading', { name: 'Вход в AI Max' }).waitFor();
    await context.close();
  });

  it('shows the server’s message when the email or password is wrong', async () => {
    const context = await openContext(browser, server.url);
    const page = await context.newPage();
    await logIn(page, uniqueEmail('nobody'), 'не тот пароль');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Неверный email или пароль');
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await screenshot(page, 'login-wrong-password');
    await context.close();
  });

  it('changes the password from the user menu, reporting a wrong current password', async () => {
    const context = await openContext(browser, server.url);
    const company = await signUpCompany(context);
    const page = await context.newPage();
    await page.goto('/admin/');
    await page.getByRole('button', { name: 'Меню пользователя' }).click();
    await page.getByRole('menuitem', { name: 'Сменить пароль' }).click();

    const dialog = page.getByRole('dialog', { name: 'Смена пароля' });
    await dialog.getByLabel('Текущий пароль').fill('не тот пароль');
    await dialog.getByLabel('Новый пароль').fill('Новый-пароль-2026');
    await dialog.getByRole('button', { name: 'Сменить пароль' }).click();
    await dialog.getByText('Текущий пароль указан неверно').waitFor();
    await screenshot(page, 'change-password-error');

    await dialog.getByLabel('Текущий пароль').fill(company.password);
    await dialog.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByRole('status').filter({ hasText: 'Пароль изменён' }).waitFor();
    await dialog.waitFor({ state: 'detached' });

    await logOut(page);
    await logIn(page, company.email, 'Новый-пароль-2026');
    await page.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    await context.close();
  });

  it('turns the sidebar into a drawer on a phone', async () => {
    const context = await openContext(browser, server.url, { viewport: PHONE });
    await signUpCompany(context, { companyName: 'Ремонт на Неве' });
    const page = await context.newPage();
    await page.goto('/admin/');
    await page.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Основная навигация' }).count()).toBe(0);
    await screenshot(page, 'dashboard-phone');

    await page.getByRole('button', { name: 'Открыть меню' }).click();
    const drawer = page.getByRole('dialog', { name: 'Основная навигация' });
    expect(await drawer.getByRole('link').allInnerTexts()).toEqual(OWNER_NAVIGATION);
    await screenshot(page, 'drawer-phone', { fullPage: false });

    await drawer.getByRole('link', { name: 'Интеграции' }).click();
    await page.waitForURL('**/admin/integrations');
    await drawer.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Интеграции', level: 1 }).waitFor();
    await page.getByLabel('Токен бота').waitFor();
    await screenshot(page, 'integrations-phone');

    // A wide table scrolls inside its card; the page itself never scrolls sideways.
    await page.goto('/admin/team');
    await page.getByRole('table').waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await screenshot(page, 'team-phone');
    await context.close();
  });
});
