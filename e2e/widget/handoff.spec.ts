// The visitor's side of a handoff, on a landing page of the company's own (another site than the
// app): «Позвать менеджера» in the chat's header, the manager joining by name, their messages, and
// the visitor typing seen in the panel; and outside the working hours the owner set, the answer at
// once of when a manager will write — with nothing printed in either console.
import type { Browser, FrameLocator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFrontendBuilt, openContext, screenshot, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { openChat, serveLanding, watchConsole } from '../support/landing.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const choose = (chat: FrameLocator, label: string) => chat.getByRole('button', { name: label, exact: true }).click();

describe('a visitor calling a manager', () => {
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

  it('asks from the chat’s header, and talks with the manager who joins', async () => {
    const complaints: string[] = [];
    const owner = await openContext(browser, server.url);
    await signUpCompany(owner, { companyName: 'Ремонт Связь', name: 'Анна Петрова' });
    const { snippet } = (await (await owner.request.get('/api/widget/settings')).json()) as { snippet: string };
    const landing = await serveLanding(snippet);
    const visitorContext = await openContext(browser, landing.url);
    try {
      const page = watchConsole(await visitorContext.newPage(), complaints);
      await page.goto(landing.url);
      await openChat(page);
      const chat = page.frameLocator('iframe[title="Чат: расчёт стоимости ремонта"]');
      await choose(chat, 'Новостройка');
      await chat.getByRole('button', { name: 'Позвать менеджера' }).click();
      await chat.getByText('Ждём менеджера…').waitFor();
      await chat.getByText('Позвали менеджера — он подключится к диалогу. А пока можно продолжить расчёт.').waitFor();
      expect(await chat.getByRole('button', { name: 'Позвать менеджера' }).count()).toBe(0);

      // The manager sees the visitor waiting, and typing.
      const panel = watchConsole(await owner.newPage(), complaints);
      await panel.goto('/admin/dialogs?state=waiting_operator');
      await panel
        .getByRole('link', { name: /Посетитель/ })
        .first()
        .click();
      await panel.getByRole('button', { name: 'Перехватить диалог' }).waitFor();
      await chat.getByRole('textbox', { name: 'Ваш вопрос' }).fill('Здравствуйте, есть вопрос по срокам');
      await panel.getByText('Посетитель печатает…').waitFor();

      await panel.getByRole('button', { name: 'Перехватить диалог' }).click();
      await chat.getByText('Менеджер Анна Петрова в чате').waitFor();
      await chat.getByText('Менеджер Анна Петрова подключился к диалогу').waitFor();
      await panel
        .getByRole('textbox', { name: 'Сообщение посетителю' })
        .fill('Добрый день! Ремонт новостройки — от двух месяцев.');
      await panel.keyboard.press('Enter');
      const reply = chat.getByRole('log').getByText('Добрый день! Ремонт новостройки — от двух месяцев.');
      await reply.waitFor();
      await chat.getByText(/Анна Петрова · \d{2}:\d{2}/).waitFor();

      // The visitor's question reaches the manager.
      await chat.getByRole('textbox', { name: 'Ваш вопрос' }).press('Enter');
      await panel.getByRole('log').getByText('Здравствуйте, есть вопрос по срокам').waitFor();
      await screenshot(page, 'widget-handoff', { fullPage: false });
      expect(complaints).toEqual([]);
    } finally {
      await Promise.all([visitorContext.close(), owner.close(), landing.close()]);
    }
  });

  it('outside the working hours the owner set, tells the visitor at once when a manager will answer', async () => {
    const complaints: string[] = [];
    const owner = await openContext(browser, server.url);
    await signUpCompany(owner, { companyName: 'Ремонт Ночь' });
    const panel = watchConsole(await owner.newPage(), complaints);
    await panel.goto('/admin/dialogs');
    await panel.getByRole('button', { name: 'Передача менеджеру' }).click();
    const settings = panel.getByRole('dialog', { name: 'Передача менеджеру' });
    await settings.getByRole('switch', { name: 'Круглосуточно' }).click();
    // Managers work tomorrow only (on Moscow's calendar); the form starts from Monday to Friday.
    const today = new Date(`${new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Moscow' })}T12:00:00Z`);
    const tomorrow = (((today.getUTCDay() + 6) % 7) + 1) % 7; // Monday first
    const weekdays = ['Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота', 'Воскресенье'];
    for (const [index, day] of weekdays.entries()) {
      const openAtFirst = index < 5;
      if (openAtFirst !== (index === tomorrow)) {
        await settings.getByRole('switch', { name: `${day} — рабочий день` }).click();
      }
    }
    await settings.getByRole('button', { name: 'Сохранить' }).click();
    await panel.getByText('Настройки передачи менеджеру сохранены').waitFor();

    const { snippet } = (await (await owner.request.get('/api/widget/settings')).json()) as { snippet: string };
    const landing = await serveLanding(snippet);
    const visitorContext = await openContext(browser, landing.url);
    try {
      const page = watchConsole(await visitorContext.newPage(), complaints);
      await page.goto(landing.url);
      await openChat(page);
      const chat = page.frameLocator('iframe[title="Чат: расчёт стоимости ремонта"]');
      await chat.getByRole('button', { name: 'Позвать менеджера' }).click();
      // Just after midnight «tomorrow» may already be today.
      await chat
        .getByText(/^Сейчас нерабочее время\. Менеджер ответит (завтра|сегодня) с 09:00 \(по московскому времени\)/)
        .waitFor();
      // The bot answers again, and the visitor may call once more.
      await chat.getByRole('button', { name: 'Позвать менеджера' }).waitFor();
      expect(await chat.getByText('Ждём менеджера…').count()).toBe(0);
      await screenshot(page, 'widget-handoff-after-hours', { fullPage: false });
      expect(complaints).toEqual([]);
    } finally {
      await Promise.all([visitorContext.close(), owner.close(), landing.close()]);
    }
  });
});
