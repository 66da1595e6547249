import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEvents } from '../../backend/test/support/widget.ts';
import {
  assertFrontendBuilt,
  logIn,
  openContext,
  PHONE,
  STRONG_PASSWORD,
  screenshot,
  signUpCompany,
  uniqueEmail,
} from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { watchConsole } from '../support/landing.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { leaveLead, visitor } from '../support/widgetApi.ts';

async function widgetKeyOf(context: BrowserContext): Promise<string> {
  const response = await context.request.get('/api/widget/settings');
  return ((await response.json()) as { widgetKey: string }).widgetKey;
}

async function addManager(context: BrowserContext, name: string) {
  const session = (await (await context.request.get('/api/auth/session')).json()) as { csrfToken: string };
  const manager = { name, email: uniqueEmail('manager'), password: STRONG_PASSWORD, role: 'manager' };
  const response = await context.request.post('/api/team/members', {
    data: manager,
    headers: { 'x-csrf-token': session.csrfToken },
  });
  if (response.status() !== 201) throw new Error(`adding a manager: ${response.status()} ${await response.text()}`);
  return manager;
}

// Counts the notes the panel plays, as the browser of a test has no one to hear them.
const COUNT_CHIMES = `(() => {
  window.__chimes = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) {
    window.__chimes += 1;
    return start.apply(this, args);
  };
})()`;

const stateBadge = (page: Page, text: string) => page.getByRole('main').getByTitle(text, { exact: true }).first();

describe('the dialogs inbox', () => {
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

  it('shows dialogs live; a manager takes one over, answers, hands it back and closes it; a colleague takes one', async () => {
    const complaints: string[] = [];
    const context = await openContext(browser, server.url);
    await context.addInitScript(COUNT_CHIMES);
    const company = await signUpCompany(context, { companyName: 'Ремонт Диалоги', name: 'Анна Петрова' });
    const manager = await addManager(context, 'Ольга Кузнецова');
    const key = await widgetKeyOf(context);

    // The inbox is open before anyone writes.
    const page = watchConsole(await context.newPage(), complaints);
    await page.goto('/admin/dialogs');
    await page.getByRole('heading', { name: 'Диалоги', level: 1 }).waitFor();
    await page.getByText('Диалогов пока нет').waitFor();
    await page.getByRole('link', { name: 'Установить виджет на сайт' }).waitFor();

    // The bell remembers being muted across a reload, and is on again for the rest of the test.
    const bell = page.getByRole('button', { name: 'Звуковой сигнал, когда посетитель ждёт менеджера' });
    expect(await bell.getAttribute('aria-pressed')).toBe('true');
    await bell.click();
    await page.getByText('Звуковой сигнал выключен').waitFor();
    await page.reload();
    expect(await bell.getAttribute('aria-pressed')).toBe('false');
    await bell.click();
    expect(await bell.getAttribute('aria-pressed')).toBe('true');

    // A visitor goes through the funnel and asks a question: their dialog appears without a reload.
    const igor = visitor(server.url, key);
    const igorSession = await leaveLead(igor, {
      contacts: { name: 'Игорь Смирнов', phone: '8 903 555-12-34' },
      pageUrl: 'https://remont-dialogi.example/kvartiry?utm_source=yandex&utm_campaign=vannaya',
      utm: { utm_source: 'yandex', utm_campaign: 'vannaya' },
    });
    await igor.message(igorSession, 'Сколько стоит ремонт ванной?');
    const tabs = page.getByRole('group', { name: 'Кто отвечает' });
    const igorRow = page.getByRole('row').filter({ hasText: 'Игорь Смирнов' });
    await igorRow.getByText('+7 903 555-12-34').waitFor();
    await igorRow.getByText('ИИ отвечает').waitFor();
    await tabs.getByRole('button', { name: 'Все 1' }).waitFor();

    // Another asks for a person: the dialog waits for a manager, the tab's title counts it, a chime sounds.
    const guest = visitor(server.url, key);
    const guestSession = await guest.start();
    await guest.message(guestSession, 'Позовите менеджера, пожалуйста');
    const guestRow = page.getByRole('row').filter({ hasText: 'Ждёт менеджера' });
    await guestRow.getByText('Ждёт менеджера').waitFor();
    await tabs.getByRole('button', { name: 'Ждёт менеджера 1' }).waitFor();
    await expect.poll(() => page.title()).toBe('(1) Диалоги · AI Max');
    await expect.poll(() => page.evaluate('window.__chimes')).toBeGreaterThan(0);
    expect(await page.getByRole('row').count()).toBe(3);
    await screenshot(page, 'dialogs-list');

    // The tab is in the address and survives a reload; a search that finds nothing offers a reset.
    await tabs.getByRole('button', { name: 'Ждёт менеджера 1' }).click();
    await page.waitForURL('**/admin/dialogs?state=waiting_operator');
    await page.reload();
    await guestRow.waitFor();
    expect(await page.getByRole('row').count()).toBe(2);
    await page.getByRole('searchbox', { name: 'Поиск' }).fill('ванной');
    await page.waitForURL('**/admin/dialogs?state=waiting_operator&q=*');
    await page.getByText('Под эти фильтры диалогов нет').waitFor();
    await page.getByRole('button', { name: 'Сбросить фильтры' }).first().click();
    await page.waitForURL('**/admin/dialogs');
    await expect.poll(() => page.getByRole('searchbox', { name: 'Поиск' }).inputValue()).toBe('');
    await page.getByRole('searchbox', { name: 'Поиск' }).fill('ванной');
    await page.waitForURL('**/admin/dialogs?q=*');
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    await igorRow.waitFor();

    // The dialog: the conversation, the lead, where the visitor came from.
    await page.getByRole('link', { name: 'Игорь Смирнов' }).click();
    await page.getByRole('heading', { name: 'Игорь Смирнов', level: 1 }).waitFor();
    const log = page.getByRole('log', { name: 'Переписка' });
    await log.getByText('Сколько стоит ремонт ванной?').waitFor();
    const lead = page.getByRole('region', { name: 'Заявка' });
    await lead.getByText('Новая').waitFor();
    expect(await lead.getByRole('link', { name: 'Открыть заявку' }).getAttribute('href')).toMatch(
      /^\/admin\/leads\/[0-9a-f-]{36}$/,
    );
    await page.getByRole('region', { name: 'Источник' }).getByText('yandex', { exact: true }).waitFor();
    await igor.typing(igorSession);
    await page.getByText('Посетитель печатает…').waitFor();

    // The manager takes it over and writes; the visitor's stream carries the message, signed with her name.
    await page.getByRole('button', { name: 'Перехватить диалог' }).click();
    await stateBadge(page, 'У менеджера Анна Петрова').waitFor();
    const composer = page.getByRole('textbox', { name: 'Сообщение посетителю' });
    const reply = 'Здравствуйте, Игорь! Ванная под ключ — от 180 000 ₽, точнее скажем после замера.';
    const streamed = await readEvents(server.url, {
      key,
      session: igorSession,
      until: (events) => events.some((event) => event.event === 'message' && isOperatorMessage(event.data)),
      onOpen: async () => {
        await composer.fill(reply);
        await composer.press('Enter');
      },
    });
    const sent = streamed.find((event) => event.event === 'message' && isOperatorMessage(event.data));
    expect(sent?.data).toMatchObject({ role: 'operator', content: reply, data: { operatorName: 'Анна Петрова' } });
    await log.getByText(reply).waitFor();
    expect(await composer.inputValue()).toBe('');

    // The visitor's answer arrives live; Shift+Enter starts a new line instead of sending.
    await igor.message(igorSession, 'Спасибо! Когда можно приехать на замер?');
    await log.getByText('Когда можно приехать на замер?').waitFor();
    await composer.fill('В субботу');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('в 11:00 удобно?');
    expect(await composer.inputValue()).toBe('В субботу\nв 11:00 удобно?');
    await composer.press('Enter');
    await log.getByText('в 11:00 удобно?').waitFor();
    await screenshot(page, 'dialogs-dialog');

    // Handed back to the bot, then taken again by writing, then closed.
    await page.getByRole('button', { name: 'Вернуть боту' }).click();
    await stateBadge(page, 'ИИ отвечает').waitFor();
    await page.getByText('Как только вы отправите сообщение, бот замолчит и диалог перейдёт к вам.').waitFor();
    await composer.fill('Запишу вас на субботу.');
    await composer.press('Enter');
    await stateBadge(page, 'У менеджера Анна Петрова').waitFor();
    await page.getByRole('button', { name: 'Закрыть диалог' }).click();
    await stateBadge(page, 'Закрыт').waitFor();
    await page.getByText('Диалог закрыт. Он откроется снова, когда посетитель напишет').waitFor();
    expect(await composer.isDisabled()).toBe(true);
    const timeline = page.getByRole('region', { name: 'Кто вёл диалог' });
    await expect
      .poll(() => timeline.getByRole('listitem').allInnerTexts())
      .toEqual([
        expect.stringContaining('Посетитель начал диалог'),
        expect.stringContaining('Менеджер взял диалог'),
        expect.stringContaining('Диалог возвращён боту'),
        expect.stringContaining('Менеджер взял диалог'),
        expect.stringContaining('Диалог закрыт'),
      ]);
    expect((await timeline.getByRole('listitem').allInnerTexts())[4]).toContain('Анна Петрова');

    // The owner takes the waiting dialog; a colleague on a phone sees who has it and takes it from her.
    await page.getByRole('link', { name: 'Все диалоги' }).click();
    await page.waitForURL('**/admin/dialogs?q=*');
    await page.goto(`/admin/dialogs/${guestSession.sessionId}`);
    await page.getByRole('button', { name: 'Перехватить диалог' }).click();
    await stateBadge(page, 'У менеджера Анна Петрова').waitFor();

    const phone = await openContext(browser, server.url, { viewport: PHONE });
    const onPhone = watchConsole(await phone.newPage(), complaints);
    await logIn(onPhone, manager.email, manager.password);
    await onPhone.getByRole('heading', { name: /Здравствуйте/ }).waitFor();
    await onPhone.goto('/admin/dialogs');
    await onPhone.getByRole('link', { name: /Игорь Смирнов/ }).waitFor();
    expect(await onPhone.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await screenshot(onPhone, 'dialogs-list-phone');
    await onPhone.goto(`/admin/dialogs/${guestSession.sessionId}`);
    await onPhone.getByText('Диалог ведёт Анна Петрова', { exact: true }).waitFor();
    expect(await onPhone.getByRole('textbox', { name: 'Сообщение посетителю' }).isDisabled()).toBe(true);
    await onPhone.getByRole('button', { name: 'Забрать себе' }).click();
    const confirm = onPhone.getByRole('dialog', { name: 'Забрать диалог себе?' });
    await confirm.getByRole('button', { name: 'Забрать себе' }).click();
    await stateBadge(onPhone, 'У менеджера Ольга Кузнецова').waitFor();
    await page.getByText('Диалог ведёт Ольга Кузнецова', { exact: true }).waitFor();
    await onPhone
      .getByRole('textbox', { name: 'Сообщение посетителю' })
      .fill('Добрый день! Меня зовут Ольга, чем помочь?');
    await onPhone.getByRole('button', { name: 'Отправить' }).click();
    await onPhone.getByRole('log', { name: 'Переписка' }).getByText('Меня зовут Ольга').waitFor();
    await page.getByRole('log', { name: 'Переписка' }).getByText('Меня зовут Ольга').waitFor();
    await screenshot(page, 'dialogs-dialog-held');
    expect(await onPhone.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await screenshot(onPhone, 'dialogs-dialog-phone');

    expect(company.name).toBe('Анна Петрова');
    expect(complaints).toEqual([]);
    await Promise.all([context.close(), phone.close()]);
  });
});

function isOperatorMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === 'operator';
}
