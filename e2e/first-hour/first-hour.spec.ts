// A new company's first hour, as its owner lives it in a real browser: sign up, brand the widget,
// put the snippet on a landing page of its own (another site than AI Max), get a lead from a
// visitor there, hear of it by email, move it to «Замер назначен» and export the list. Nothing
// on the way may print a warning or an error in the console.
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSmtpServer, startFakeSmtpServer } from '../../backend/test/fakes/smtpServer.ts';
import {
  assertFrontendBuilt,
  logIn,
  openContext,
  SHOTS_DIR,
  STRONG_PASSWORD,
  screenshot,
  signUpCompany,
  uniqueEmail,
} from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { type Landing, openChat, serveLanding, watchConsole } from '../support/landing.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const choose = (chat: FrameLocator, label: string) => chat.getByRole('button', { name: label, exact: true }).click();
const plain = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

async function download(page: Page, format: string): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await page.getByRole('button', { name: 'Выгрузить список' }).click();
      await page.getByRole('menuitem', { name: format }).click();
    })(),
  ]);
  return { name: file.suggestedFilename(), body: await readFile((await file.path()) as string) };
}

describe('a new company’s first hour', () => {
  let smtp: FakeSmtpServer;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    assertFrontendBuilt();
    smtp = await startFakeSmtpServer();
    server = await startServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'AI Max <noreply@aimax.test>' } });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('signs up, brands the widget, installs it on its own site, hears of a lead, works it and exports it', async () => {
    const complaints: string[] = [];
    const owner = await openContext(browser, server.url);
    const visitorContext = await openContext(browser, server.url);
    let landing: Landing | undefined;
    try {
      const page = watchConsole(await owner.newPage(), complaints);
      const email = uniqueEmail('first-hour');

      // Sign-up.
      await page.goto('/admin/signup');
      await page.getByLabel('Название компании').fill('Ремонт Казань');
      await page.getByLabel('Ваше имя').fill('Марат Хасанов');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Пароль', { exact: true }).fill(STRONG_PASSWORD);
      await page.getByRole('button', { name: 'Создать аккаунт' }).click();
      await page.getByRole('heading', { name: 'Здравствуйте, Марат Хасанов!' }).waitFor();

      // Branding: a name and a colour of its own.
      await page.goto('/admin/branding');
      const companyCard = page.getByRole('region', { name: 'Оформление компании' });
      await companyCard.getByLabel('Название в виджете').fill('Ремонт Казань — под ключ');
      await companyCard.getByLabel('Основной цвет', { exact: true }).fill('#0F766E');
      await companyCard.getByRole('button', { name: 'Сохранить' }).click();
      await page.getByRole('status').filter({ hasText: 'Оформление сохранено' }).first().waitFor();

      // The snippet, copied from the widget page onto the company's own landing page.
      await page.goto('/admin/widget');
      const snippet = (await page.getByRole('figure', { name: 'Код виджета' }).locator('code').textContent()) ?? '';
      expect(snippet).toContain(`${server.url}/widget.js`);
      landing = await serveLanding(snippet, {
        title: 'Ремонт квартир в Казани',
        path: '/kvartiry?utm_source=yandex&utm_medium=cpc',
      });

      // A visitor walks the funnel there.
      const visit = watchConsole(await visitorContext.newPage(), complaints);
      await visit.goto(landing.url);
      await openChat(visit);
      const chat = visit.frameLocator('iframe[title="Чат: расчёт стоимости ремонта"]');
      await chat.getByRole('heading', { name: 'Ремонт Казань — под ключ' }).waitFor();
      await choose(chat, 'Новостройка');
      await choose(chat, 'Капитальный');
      await chat.getByRole('textbox', { name: 'Какая площадь, м²?', exact: true }).fill('72');
      await chat.getByRole('button', { name: 'Далее' }).click();
      await chat.getByRole('textbox', { name: 'Сколько комнат?', exact: true }).fill('3');
      await chat.getByRole('button', { name: 'Далее' }).click();
      await choose(chat, 'Нет');
      await choose(chat, 'Нет, есть свой или не нужен');
      await choose(chat, 'В течение месяца');
      await chat.getByLabel('Имя').fill('Игорь Смирнов');
      await chat.getByLabel('Телефон').fill('8 903 555-12-34');
      await chat.getByLabel('Я согласен на обработку персональных данных в соответствии с 152-ФЗ').check();
      await chat.getByRole('button', { name: 'Получить смету' }).click();
      const estimate = chat.getByRole('article', { name: 'Предварительная смета' });
      await estimate.waitFor();
      const range = /от ([\d ]+) – до ([\d ]+) ₽/.exec(plain((await estimate.textContent()) ?? ''));
      expect(range).not.toBeNull();

      // The owner hears of it by email, with what the visitor said and a link to the lead.
      const [letter] = await smtp.waitFor(1, 20_000);
      expect(letter?.to).toMatchObject({ value: [{ address: email }] });
      expect(letter?.subject).toBe('Новая заявка: Игорь Смирнов, +7 903 555-12-34');
      const text = plain(letter?.text ?? '');
      expect(text).toContain(`На сайте ${new URL(landing.url).host} оставили заявку: Игорь Смирнов, +7 903 555-12-34.`);
      expect(text).toContain('Тип объекта: Новостройка');
      expect(text).toContain('Площадь: 72 м²');
      expect(text).toContain(`Стоимость: от ${range?.[1]} до ${range?.[2]} ₽`);
      expect(text).toContain('Источник: yandex / cpc');
      const link = /Открыть заявку: (\S+)/.exec(letter?.text ?? '')?.[1] ?? '';
      expect(link).toMatch(new RegExp(`^${server.url}/admin/leads/[0-9a-f-]{36}$`));
      const mail = await owner.newPage();
      await mail.setContent(letter?.html || '');
      mkdirSync(SHOTS_DIR, { recursive: true });
      await mail.screenshot({ path: path.join(SHOTS_DIR, 'first-hour-lead-email.png'), fullPage: true });
      await mail.close();

      // The link opens the lead; the owner books the measurement.
      await page.goto(link);
      await page.getByRole('heading', { name: 'Игорь Смирнов', level: 1 }).waitFor();
      await page.getByRole('combobox', { name: 'Этап заявки «Игорь Смирнов»' }).selectOption('measurement');
      await page.getByRole('region', { name: 'История' }).getByText('Новая → Замер назначен').waitFor();
      await screenshot(page, 'first-hour-lead');

      // And exports the list, with the lead at its new stage.
      await page.getByRole('link', { name: 'Все заявки' }).click();
      await page.getByRole('group', { name: 'Этапы' }).getByRole('button', { name: 'Замер назначен 1' }).waitFor();
      const csv = await download(page, 'CSV (для Excel)');
      expect(csv.name).toBe('Заявки.csv');
      const lines = csv.body.toString('utf8').trim().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('"Игорь Смирнов";"\'+79035551234";"Замер назначен"');
      const xlsx = await download(page, 'Excel (XLSX)');
      expect(xlsx.name).toBe('Заявки.xlsx');
      expect(xlsx.body.subarray(0, 2).toString()).toBe('PK');

      expect(complaints).toEqual([]);
    } finally {
      await Promise.all([owner.close(), visitorContext.close(), landing?.close()]);
    }
  });

  it('lets each member keep new-lead emails on or off, and the owner see and set them in «Команда»', async () => {
    const complaints: string[] = [];
    const owner = await openContext(browser, server.url);
    const managerContext = await openContext(browser, server.url);
    try {
      await signUpCompany(owner, { companyName: 'Ремонт Уведомления' });
      const ownerPage = watchConsole(await owner.newPage(), complaints);
      const manager = { name: 'Ольга Кузнецова', email: uniqueEmail('manager'), password: STRONG_PASSWORD };
      await ownerPage.goto('/admin/team');
      await ownerPage.getByRole('button', { name: 'Добавить сотрудника' }).click();
      const dialog = ownerPage.getByRole('dialog', { name: 'Новый сотрудник' });
      await dialog.getByLabel('Имя сотрудника').fill(manager.name);
      await dialog.getByLabel('Email').fill(manager.email);
      await dialog.getByLabel('Пароль', { exact: true }).fill(manager.password);
      await dialog.getByRole('button', { name: 'Добавить' }).click();
      const managerSwitch = ownerPage.getByRole('switch', { name: `Письма о новых заявках для ${manager.name}` });
      await managerSwitch.waitFor();
      expect(await managerSwitch.getAttribute('aria-checked')).toBe('true');

      // The manager turns theirs off from the profile menu.
      const managerPage = watchConsole(await managerContext.newPage(), complaints);
      await logIn(managerPage, manager.email, manager.password);
      await managerPage.getByRole('heading', { name: /Здравствуйте/ }).waitFor();
      await managerPage.getByRole('button', { name: 'Меню пользователя' }).click();
      await managerPage.getByRole('menuitem', { name: 'Уведомления' }).click();
      const settings = managerPage.getByRole('dialog', { name: 'Уведомления' });
      const own = settings.getByRole('switch', { name: 'Письма о новых заявках' });
      await expect.poll(() => own.getAttribute('aria-checked')).toBe('true');
      await settings.getByText(`на ${manager.email} придёт письмо`).waitFor();
      await own.click();
      await managerPage.getByRole('status').filter({ hasText: 'Письма о новых заявках выключены' }).first().waitFor();
      expect(await own.getAttribute('aria-checked')).toBe('false');
      await screenshot(managerPage, 'notifications-dialog', { fullPage: false });
      await settings.getByRole('button', { name: 'Готово' }).click();

      // The owner sees it, and turns it back on.
      await ownerPage.reload();
      await expect.poll(() => managerSwitch.getAttribute('aria-checked')).toBe('false');
      await managerSwitch.click();
      await ownerPage
        .getByRole('status')
        .filter({ hasText: `${manager.name} будет получать письма о новых заявках` })
        .first()
        .waitFor();
      expect(await managerSwitch.getAttribute('aria-checked')).toBe('true');
      await screenshot(ownerPage, 'team-lead-emails');
      expect(complaints).toEqual([]);
    } finally {
      await Promise.all([owner.close(), managerContext.close()]);
    }
  });
});
