// One dialog across two instances of the app on one PostgreSQL, in a real browser: the visitor's
// widget (on the company's landing page, another site) talks to instance B, the manager's panel to
// instance A, and everything between them goes through LISTEN/NOTIFY. Then A restarts: the
// visitor's stream on B goes on, and nothing sent meanwhile is lost. The embedded database serves
// one process, so this runs in the PostgreSQL pass only.
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../backend/src/db/database.ts';
import { createTestDatabase } from '../../backend/test/support/database.ts';
import { assertFrontendBuilt, openContext, screenshot, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { openChat, serveLanding, watchConsole } from '../support/landing.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const onPostgres = process.env.DATABASE_URL !== undefined;
const POSTGRES_ONLY = 'needs PostgreSQL (set DATABASE_URL): instances share chat events through LISTEN/NOTIFY';

/** A manager's message sent through an instance's API, as the panel sends it. */
async function sendAsManager(context: BrowserContext, server: RunningServer, dialogId: string, text: string) {
  const session = await context.request.get(`${server.url}/api/auth/session`);
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await context.request.post(`${server.url}/api/dialogs/${dialogId}/messages`, {
    data: { text },
    headers: { 'x-csrf-token': csrfToken },
  });
  if (response.status() !== 201)
    throw new Error(`sending on ${server.url}: ${response.status()} ${await response.text()}`);
}

const stateBadge = (page: Page, text: string) => page.getByRole('main').getByTitle(text, { exact: true }).first();

describe('a dialog across two instances of the app on one PostgreSQL', () => {
  let db: Database;
  let a: RunningServer;
  let b: RunningServer;
  let browser: Browser;
  const running = new Set<RunningServer>();
  const startInstance = async () => {
    const server = await startServer({ db });
    running.add(server);
    return server;
  };
  const stopInstance = async (server: RunningServer) => {
    running.delete(server);
    await server.close();
  };

  beforeAll(async () => {
    if (!onPostgres) return;
    assertFrontendBuilt();
    db = await createTestDatabase();
    a = await startInstance();
    b = await startInstance();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    for (const server of running) await server.close();
    await db?.close();
  });

  it('carries a takeover and messages both ways between A and B, and loses nothing while A restarts', async (test) => {
    test.skip(!onPostgres, POSTGRES_ONLY);
    const complaints: string[] = [];
    const manager = await openContext(browser, a.url);
    await signUpCompany(manager, { companyName: 'Ремонт Два Сервера', name: 'Анна Петрова' });
    // The snippet B gives names B: the widget on the landing page talks to B only.
    const settings = await manager.request.get(`${b.url}/api/widget/settings`);
    const { snippet } = (await settings.json()) as { snippet: string };
    expect(snippet).toContain(b.url);
    const landing = await serveLanding(snippet);
    const visitorContext = await openContext(browser, landing.url);
    try {
      // The manager's inbox on A is open before the visitor comes.
      const panel = watchConsole(await manager.newPage(), complaints);
      await panel.goto('/admin/dialogs');
      await panel.getByText('Диалогов пока нет').waitFor();

      // The visitor writes on B; the dialog appears in A's inbox without a reload.
      const page = watchConsole(await visitorContext.newPage(), complaints);
      await page.goto(landing.url);
      await openChat(page);
      const chat = page.frameLocator('iframe[title="Чат: расчёт стоимости ремонта"]');
      const chatLog = chat.getByRole('log');
      await say(chat, 'Здравствуйте! Сколько стоит ремонт ванной?');
      await panel.getByRole('link', { name: /Посетитель/ }).click();
      const log = panel.getByRole('log', { name: 'Переписка' });
      await log.getByText('Здравствуйте! Сколько стоит ремонт ванной?').waitFor();
      const dialogId = new URL(panel.url()).pathname.split('/').pop() as string;

      // The takeover on A reaches the visitor on B; so do the manager's words, and the visitor's reach A.
      await panel.getByRole('button', { name: 'Перехватить диалог' }).click();
      await stateBadge(panel, 'У менеджера Анна Петрова').waitFor();
      await chatLog.getByText('Менеджер Анна Петрова подключился к диалогу').waitFor();
      await chat.getByText('Менеджер Анна Петрова в чате').waitFor();
      await answer(panel, 'Добрый день! Ванная под ключ — от 180 000 ₽.');
      await chatLog.getByText('Добрый день! Ванная под ключ — от 180 000 ₽.').waitFor();
      await say(chat, 'А когда можно приехать на замер?');
      await log.getByText('А когда можно приехать на замер?').waitFor();
      await screenshot(page, 'two-instances-visitor-on-b', { fullPage: false });

      // A stops with the manager's tab still open on it (the app ends its event streams rather
      // than wait for them), then the tab goes. While A is down the manager writes through B and
      // the visitor answers; the moment A' is up (a new port, the same database) the manager
      // writes through it before opening any page.
      await stopInstance(a);
      await panel.close();
      await sendAsManager(manager, b, dialogId, 'Пока сервер A перезапускался');
      await chatLog.getByText('Пока сервер A перезапускался').waitFor();
      await say(chat, 'Суббота подойдёт');
      const restartedA = await startInstance();
      await sendAsManager(manager, restartedA, dialogId, 'Сервер A снова в строю');
      await chatLog.getByText('Сервер A снова в строю').waitFor();

      // The manager opens the dialog on A': everything is there, and the talk goes on live both ways.
      const again = watchConsole(await manager.newPage(), complaints);
      await again.goto(`${restartedA.url}/admin/dialogs/${dialogId}`);
      const logAgain = again.getByRole('log', { name: 'Переписка' });
      for (const text of ['Пока сервер A перезапускался', 'Суббота подойдёт', 'Сервер A снова в строю']) {
        await logAgain.getByText(text).waitFor();
      }
      await answer(again, 'Записала вас на субботу, 11:00.');
      await chatLog.getByText('Записала вас на субботу, 11:00.').waitFor();
      await say(chat, 'Спасибо!');
      await logAgain.getByText('Спасибо!').waitFor();

      // Handed back to the bot, then taken again and closed, from A'; the visitor on B is told each time.
      await again.getByRole('button', { name: 'Вернуть боту' }).click();
      await stateBadge(again, 'ИИ отвечает').waitFor();
      await chatLog
        .getByText('Менеджер передал диалог ассистенту — он ответит на вопросы и поможет с расчётом.')
        .waitFor();
      await again.getByRole('button', { name: 'Перехватить диалог' }).click();
      await expect.poll(() => chatLog.getByText('Менеджер Анна Петрова подключился к диалогу').count()).toBe(2);
      await again.getByRole('button', { name: 'Закрыть диалог' }).click();
      await stateBadge(again, 'Закрыт').waitFor();
      await chatLog.getByText('Диалог завершён. Если появятся вопросы — напишите, мы ответим.').waitFor();
      await screenshot(again, 'two-instances-manager-on-a-restarted');
      await screenshot(page, 'two-instances-visitor-told', { fullPage: false });

      // Every line once and in order on the visitor's page, which was never reloaded.
      const said = (await chatLog.textContent()) ?? '';
      const lines = [
        'Здравствуйте! Сколько стоит ремонт ванной?',
        'подключился к диалогу',
        'Ванная под ключ',
        'А когда можно приехать на замер?',
        'Пока сервер A перезапускался',
        'Суббота подойдёт',
        'Сервер A снова в строю',
        'Записала вас на субботу',
        'Спасибо!',
        'передал диалог ассистенту',
        'подключился к диалогу',
        'Диалог завершён',
      ];
      let from = 0;
      for (const line of lines) {
        const at = said.indexOf(line, from);
        expect(at, `«${line}» after position ${from}`).toBeGreaterThanOrEqual(0);
        from = at + line.length;
        if (line !== 'подключился к диалогу') expect(said.split(line)).toHaveLength(2);
      }
      expect(complaints).toEqual([]);
    } finally {
      await Promise.all([visitorContext.close(), manager.close(), landing.close()]);
    }
  });
});

/** The visitor sends a line from the widget's composer, and it is stored (no longer on its way). */
async function say(chat: FrameLocator, text: string): Promise<void> {
  const composer = chat.getByRole('textbox', { name: 'Ваш вопрос' });
  await composer.fill(text);
  await composer.press('Enter');
  // The stream may bring the stored message before the POST answers: for that moment the bubble
  // on its way is drawn beside it.
  await expect.poll(() => chat.getByRole('log').getByText(text).count()).toBe(1);
}

/** The manager sends a line from the dialog page's composer and sees it in the conversation. */
async function answer(panel: Page, text: string): Promise<void> {
  const composer = panel.getByRole('textbox', { name: 'Сообщение посетителю' });
  await composer.fill(text);
  await composer.press('Enter');
  await panel.getByRole('log', { name: 'Переписка' }).getByText(text).waitFor();
}
