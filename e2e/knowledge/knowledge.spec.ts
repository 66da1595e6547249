// The knowledge base's self-learning loop in a real browser, with the widget on a company's own
// site: a visitor asks what the bot cannot answer, a manager takes over and answers, adds the
// answer to the knowledge base from the dialog's page; the next visitor asks it in other words and
// the bot (the offline responder: no gateway here) answers with it, and the pair counts its use.
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertFrontendBuilt, openContext, screenshot, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { openChat, serveLanding, watchConsole } from '../support/landing.ts';
import { type RunningServer, startServer } from '../support/server.ts';

const FRAME = 'iframe[title="Чат: расчёт стоимости ремонта"]';
const ANSWER = 'Да, делаем водяные и электрические тёплые полы — от 2 500 ₽ за м² с материалами.';

interface KnowledgeList {
  entries: { id: string; kind: string; questions: string[]; useCount: number; status: string }[];
}

async function ask(chat: FrameLocator, question: string): Promise<void> {
  const box = chat.getByRole('textbox', { name: 'Ваш вопрос' });
  await box.fill(question);
  await box.press('Enter');
}

describe('the knowledge base', () => {
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

  async function visitorPage(
    landingUrl: string,
    complaints: string[],
  ): Promise<{ context: BrowserContext; page: Page; chat: FrameLocator }> {
    const context = await openContext(browser, landingUrl);
    const page = watchConsole(await context.newPage(), complaints);
    await page.goto(landingUrl);
    await openChat(page);
    return { context, page, chat: page.frameLocator(FRAME) };
  }

  it('learns a manager’s answer from a dialog, and gives it to the next visitor who asks in other words', async () => {
    const complaints: string[] = [];
    const owner = await openContext(browser, server.url);
    await signUpCompany(owner, { companyName: 'Ремонт Знания', name: 'Анна Петрова' });
    const { snippet } = (await (await owner.request.get('/api/widget/settings')).json()) as { snippet: string };
    const landing = await serveLanding(snippet);
    const first = await visitorPage(landing.url, complaints);
    let second: Awaited<ReturnType<typeof visitorPage>> | undefined;
    try {
      // The bot knows nothing of floors yet: it steers back to the estimate.
      await ask(first.chat, 'Вы делаете тёплые полы?');
      await first.chat
        .getByRole('log')
        .getByText(/Давайте продолжим расчёт/)
        .waitFor();

      // A manager takes the dialog over and answers.
      const panel = watchConsole(await owner.newPage(), complaints);
      await panel.goto('/admin/dialogs');
      await panel
        .getByRole('link', { name: /Посетитель/ })
        .first()
        .click();
      await panel.getByRole('button', { name: 'Перехватить диалог' }).click();
      const composer = panel.getByRole('textbox', { name: 'Сообщение посетителю' });
      await composer.fill(ANSWER);
      await composer.press('Enter');
      await first.chat.getByRole('log').getByText(ANSWER).waitFor();

      // «Добавить в базу знаний» beside the manager's message: the visitor's question and the answer, prefilled.
      await panel.getByRole('button', { name: 'Добавить этот ответ менеджера в базу знаний' }).click();
      const editor = panel.getByRole('dialog', { name: 'Вопрос и ответ' });
      await expect
        .poll(() => editor.getByRole('textbox', { name: 'Формулировка 1' }).inputValue())
        .toBe('Вы делаете тёплые полы?');
      expect(await editor.getByRole('textbox', { name: 'Ответ бота' }).inputValue()).toBe(ANSWER);
      await screenshot(panel, 'knowledge-from-dialog');
      await editor.getByRole('button', { name: 'Добавить' }).click();
      await panel.getByText('Добавлено в базу знаний').waitFor();
      await panel.getByRole('button', { name: 'Вернуть боту' }).click();

      // Indexed in the background; the owner's page shows it ready.
      const list = async () => (await (await owner.request.get('/api/knowledge')).json()) as KnowledgeList;
      await expect.poll(async () => (await list()).entries.map((entry) => entry.status)).toEqual(['ready']);
      const [pair] = (await list()).entries;
      expect(pair).toMatchObject({ kind: 'qa', questions: ['Вы делаете тёплые полы?'], useCount: 0 });

      // The next visitor asks it in other words, another word order and case ending: the curated answer.
      second = await visitorPage(landing.url, complaints);
      await ask(second.chat, 'а тёплый пол у вас делают?');
      await second.chat.getByRole('log').getByText(ANSWER, { exact: false }).waitFor();
      await expect.poll(async () => (await list()).entries[0]?.useCount).toBe(1);

      // The owner sees the pair used once, and where it came from.
      await panel.goto('/admin/knowledge');
      await panel.getByRole('heading', { name: 'База знаний', level: 1 }).waitFor();
      const row = panel.getByRole('row').filter({ hasText: 'Вы делаете тёплые полы?' });
      await row.getByText('Готово').waitFor();
      await row.getByText(/1 раз/).waitFor();
      await screenshot(panel, 'knowledge-learned');
      expect(complaints).toEqual([]);
    } finally {
      await Promise.all([first.context.close(), second?.context.close(), owner.close(), landing.close()]);
    }
  });
});
