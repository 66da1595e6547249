import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertFrontendBuilt,
  openContext,
  STRONG_PASSWORD,
  screenshot,
  sidebarLinks,
  signUpCompany,
  uniqueEmail,
} from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type RunningServer, startServer } from '../support/server.ts';

describe('the team page', () => {
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

  it('invites a manager by link; the manager joins and sees the manager navigation', async () => {
    const ownerContext = await openContext(browser, server.url);
    await ownerContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const company = await signUpCompany(ownerContext, { companyName: 'Ремонт Плюс' });
    const owner = await ownerContext.newPage();
    await owner.goto('/admin/team');
    await owner.getByRole('heading', { name: 'Команда', level: 1 }).waitFor();
    await owner.getByText('Нет активных приглашений').waitFor();

    await owner.getByRole('button', { name: 'Пригласить по ссылке' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Приглашение по ссылке' });
    expect(await dialog.getByRole('radio', { name: /Менеджер/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Создать ссылку' }).click();
    const link = dialog.getByLabel('Ссылка-приглашение');
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/admin/invite/[\\w-]{16,}$`));
    await dialog.getByText('показывается только один раз').waitFor();

    await dialog.getByRole('button', { name: 'Копировать' }).click();
    await dialog.getByRole('button', { name: 'Скопировано' }).waitFor();
    expect(await owner.evaluate('navigator.clipboard.readText()')).toBe(url);
    await screenshot(owner, 'team-invite-link');
    await dialog.getByRole('button', { name: 'Готово' }).click();

    const invites = owner.getByRole('region', { name: 'Активные приглашения' });
    await invites.getByText('Менеджер').waitFor();
    await invites.getByText('Создал Анна Петрова').waitFor();

    // The manager opens the link in a browser of their own.
    const managerContext = await openContext(browser, server.url);
    const manager = await managerContext.newPage();
    await manager.goto(url);
    await manager.getByRole('heading', { name: 'Приглашение в «Ремонт Плюс»' }).waitFor();
    await manager.getByText('с ролью «Менеджер»').waitFor();
    await screenshot(manager, 'invite-accept');

    const managerEmail = uniqueEmail('manager');
    await manager.getByLabel('Ваше имя').fill('Игорь Смирнов');
    await manager.getByLabel('Email').fill(managerEmail);
    await manager.getByLabel('Пароль', { exact: true }).fill(STRONG_PASSWORD);
    await manager.getByRole('button', { name: 'Принять приглашение' }).click();
    await manager.getByRole('heading', { name: 'Здравствуйте, Игорь Смирнов!' }).waitFor();

    expect(await sidebarLinks(manager)).toEqual(['Дашборд', 'Заявки', 'Диалоги', 'База знаний']);
    await manager.getByRole('banner').getByText('Ремонт Плюс').waitFor();
    await screenshot(manager, 'dashboard-manager');

    // An owner-only address typed by hand: a friendly refusal, not a crash.
    await manager.goto('/admin/team');
    await manager.getByRole('heading', { name: 'Нет доступа' }).waitFor();
    await manager.getByText('только владельцу компании').waitFor();
    await screenshot(manager, 'forbidden-manager');

    // The link worked once; a second visitor is told so.
    const lateContext = await openContext(browser, server.url);
    const late = await lateContext.newPage();
    await late.goto(url);
    await late.getByRole('heading', { name: 'Приглашение уже использовано' }).waitFor();
    await screenshot(late, 'invite-used');

    await owner.reload();
    const members = owner.getByRole('region', { name: 'Сотрудники' });
    const managerRow = members.getByRole('row').filter({ hasText: managerEmail });
    await managerRow.getByText('Менеджер').waitFor();
    await owner.getByText('Нет активных приглашений').waitFor();
    expect(await members.getByRole('row').filter({ hasText: company.email }).textContent()).toContain('вы');
    await screenshot(owner, 'team-members');

    await managerRow.getByRole('button', { name: 'Удалить сотрудника Игорь Смирнов' }).click();
    const confirm = owner.getByRole('dialog', { name: 'Удалить сотрудника?' });
    await confirm.getByText('Игорь Смирнов потеряет доступ').waitFor();
    await screenshot(owner, 'team-remove-confirm');
    await confirm.getByRole('button', { name: 'Удалить' }).click();
    await owner.getByRole('status').filter({ hasText: 'Сотрудник удалён' }).waitFor();
    await managerRow.waitFor({ state: 'detached' });

    // The removed manager's session ended with the account: the next call sends them to login.
    await manager.goto('/admin/');
    await manager.waitForURL('**/admin/login');

    await Promise.all([ownerContext.close(), managerContext.close(), lateContext.close()]);
  });

  it('adds a member with a password, showing the server’s field errors first', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const page = await context.newPage();
    await page.goto('/admin/team');

    await page.getByRole('button', { name: 'Добавить сотрудника' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новый сотрудник' });
    await dialog.getByLabel('Имя сотрудника').fill('Ольга Кузнецова');
    await dialog.getByLabel('Email').fill('не email');
    await dialog.getByLabel('Пароль', { exact: true }).fill(STRONG_PASSWORD);
    // The radio itself is hidden behind its card; a person clicks the card.
    await dialog.locator('label').filter({ hasText: 'Полный доступ' }).click();
    expect(await dialog.getByRole('radio', { name: /Владелец/ }).isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await dialog.getByText('Введите корректный email, например name@company.ru').waitFor();
    await screenshot(page, 'team-add-member-error');

    const email = uniqueEmail('olga');
    await dialog.getByLabel('Email').fill(email);
    await dialog.getByRole('button', { name: 'Добавить' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: email });
    await row.getByText('Владелец').waitFor();
    expect(await row.textContent()).toContain('ещё не входил');
    await context.close();
  });

  it('revokes a pending invite, after which its link is dead', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const page = await context.newPage();
    await page.goto('/admin/team');

    await page.getByRole('button', { name: 'Пригласить по ссылке' }).click();
    const dialog = page.getByRole('dialog', { name: 'Приглашение по ссылке' });
    await dialog.getByRole('button', { name: 'Создать ссылку' }).click();
    const url = await dialog.getByLabel('Ссылка-приглашение').inputValue();
    await dialog.getByRole('button', { name: 'Готово' }).click();

    await page.getByRole('button', { name: 'Отозвать приглашение' }).click();
    await page.getByRole('dialog', { name: 'Отозвать приглашение?' }).getByRole('button', { name: 'Отозвать' }).click();
    await page.getByText('Нет активных приглашений').waitFor();

    await page.goto(url);
    await page.getByRole('heading', { name: 'Приглашение не найдено' }).waitFor();
    await screenshot(page, 'invite-revoked');
    await context.close();
  });
});
