// What the admin panel's browser tests share: a check that the built SPA is there, a signed-in
// company made through the API, and screenshots into one folder for a person to look at.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FRONTEND_DIST } from '../../backend/src/plugins/frontend.ts';

export const STRONG_PASSWORD = 'Ремонт-2026-ok';
export const SHOTS_DIR = process.env.AIMAX_SHOTS_DIR ?? '/tmp/aimax-shots';

export const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.ru`;

/** The server serves frontend/dist; without a build every page would be the "not built" notice. */
export function assertFrontendBuilt(): void {
  if (!existsSync(path.join(FRONTEND_DIST, 'admin', 'index.html'))) {
    throw new Error('The admin panel is not built: run `npm run build -w frontend` before the browser tests');
  }
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function openContext(
  browser: Browser,
  baseURL: string,
  options: { viewport?: { width: number; height: number }; timezoneId?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    viewport: options.viewport ?? DESKTOP,
    locale: 'ru-RU',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  context.setDefaultTimeout(10_000);
  return context;
}

export interface Company {
  companyName: string;
  name: string;
  email: string;
  password: string;
}

/**
 * Registers a company through the API from this browser context, which the session cookie then
 * signs in: tests that are not about sign-up start from a signed-in owner.
 */
export async function signUpCompany(context: BrowserContext, overrides: Partial<Company> = {}): Promise<Company> {
  const company: Company = {
    companyName: `Ремонт ${randomBytes(2).toString('hex')}`,
    name: 'Анна Петрова',
    email: uniqueEmail('owner'),
    password: STRONG_PASSWORD,
    ...overrides,
  };
  const response = await context.request.post('/api/auth/signup', { data: company });
  if (response.status() !== 201) throw new Error(`sign-up failed: ${response.status()} ${await response.text()}`);
  return company;
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/admin/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Пароль', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Меню пользователя' }).click();
  await page.getByRole('menuitem', { name: 'Выйти' }).click();
  await page.waitForURL('**/admin/login');
}

/** The sidebar's section links, in order. */
export async function sidebarLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Основная навигация' });
  await nav.waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((text) => text.trim());
}

/**
 * A screenshot in SHOTS_DIR, of the whole page unless `fullPage` is false (overlays cover the
 * viewport only). Taken once entrance animations, which no page event announces, have settled.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const fullPage = options.fullPage ?? true;
  // From the top: the fixed sidebar and top bar are drawn where the page is scrolled to.
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), fullPage, animations: 'disabled' });
}
