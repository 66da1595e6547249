import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelView } from '../../backend/src/contracts.ts';
import { assertFrontendBuilt, logIn, openContext, PHONE, screenshot, signUpCompany } from '../support/admin.ts';
import { launchBrowser } from '../support/browser.ts';
import { serveLanding, watchConsole } from '../support/landing.ts';
import { type RunningServer, startServer } from '../support/server.ts';
import { visitor } from '../support/widgetApi.ts';

/** Waits for a confirmation and closes it, so toasts do not pile up over later screenshots. */
async function toast(page: Page, text: string): Promise<void> {
  const shown = page.getByRole('status').filter({ hasText: text }).first();
  await shown.waitFor();
  await shown.getByRole('button', { name: 'Закрыть' }).click();
}

const funnelOf = async (context: BrowserContext): Promise<FunnelView> =>
  (await (await context.request.get('/api/funnel')).json()) as FunnelView;

describe('the funnel editor', () => {
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

  it('edits a question, an option and prices with the estimate following, switches a step off and saves', async () => {
    const complaints: string[] = [];
    const context = await openContext(browser, server.url);
    const company = await signUpCompany(context, { companyName: 'Ремонт Профи' });
    const page = watchConsole(await context.newPage(), complaints);
    // A new company's first steps: its funnel is still the default one.
    await page.goto('/admin/');
    await page.getByRole('link', { name: /Настройте воронку/ }).waitFor();
    expect(await page.getByRole('link', { name: /Настройте воронку.*Готово/ }).count()).toBe(0);
    await page.getByRole('link', { name: 'Воронка' }).click();
    await page.getByRole('heading', { name: 'Воронка', level: 1 }).waitFor();
    expect(await page.title()).toBe('Воронка · AI Max');

    const objectType = page.getByRole('region', { name: 'Тип объекта' });
    const prices = page.getByRole('region', { name: 'Цены за м²' });
    const chat = page.getByRole('region', { name: 'Как видит посетитель' });
    const sample = page.getByRole('region', { name: 'Пример расчёта' });
    const history = page.getByRole('region', { name: 'История версий' });
    const save = page.getByRole('button', { name: 'Сохранить' });
    const discard = page.getByRole('button', { name: 'Отменить изменения' });

    // A new company runs the default funnel; nothing to save or discard yet.
    await page.getByText('Работает стандартная воронка AI Max').waitFor();
    await history.getByText('Версий пока нет').waitFor();
    expect(await save.isDisabled()).toBe(true);
    expect(await discard.isDisabled()).toBe(true);
    await chat.getByText('Какой объект ремонтируем?').waitFor();
    await chat.getByText('Шаг 1 из 8').waitFor();
    // The default answers priced: 60 m² of cosmetic repair in a new build, two rooms, with
    // replanning and a design project, as soon as possible.
    await sample.getByText(/^от 429\s000 до 549\s000\s₽$/).waitFor();

    // The question and a new option, in the chat preview as they are typed.
    await objectType.getByLabel('Вопрос в чате').fill('Что будем ремонтировать?');
    await chat.getByText('Что будем ремонтировать?').waitFor();
    await objectType.getByLabel('Новый вариант').fill('Офис');
    await objectType.getByRole('button', { name: 'Добавить вариант' }).click();
    await chat.getByRole('listitem').filter({ hasText: 'Офис' }).waitFor();
    expect(await discard.isEnabled()).toBe(true);
    // The new object type has no prices yet: the estimate waits, and saving shows what is missing.
    await sample.getByText('Смета появится, когда в воронке не останется ошибок.').waitFor();
    await save.click();
    await page.getByRole('alert').filter({ hasText: 'Исправьте 3 ошибки' }).waitFor();
    await page.getByRole('button', { name: 'Цены за м²: Нет цены за м² для «Офис» — «Косметический»' }).waitFor();
    await prices.getByText('3 ошибки').waitFor();
    const officeCosmetic = prices.getByLabel('Офис — Косметический, ₽ за м²');
    // The prices card opened, and the first price to fill in took the focus.
    expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe('pricing.perM2.ofis.cosmetic');
    expect(await officeCosmetic.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'funnel-problems');

    await officeCosmetic.fill('5 000');
    await prices.getByLabel('Офис — Капитальный, ₽ за м²').fill('9000');
    await prices.getByLabel('Офис — Дизайнерский, ₽ за м²').fill('14000');
    await page.getByRole('alert').filter({ hasText: 'Исправьте' }).waitFor({ state: 'detached' });
    // A price changed: the estimate follows it at once.
    await sample.getByRole('button', { name: /^Ответы посетителя/ }).click();
    await sample.getByLabel('Вид ремонта').selectOption({ label: 'Капитальный' });
    await sample.getByText(/^от 697\s000 до 890\s000\s₽$/).waitFor();
    await prices.getByLabel('Новостройка — Капитальный, ₽ за м²').fill('9500');
    await sample.getByText(/^от 726\s000 до 928\s000\s₽$/).waitFor();

    // Switched off, replanning is not asked and not priced.
    const replanning = page.getByRole('switch', { name: 'Перепланировка' });
    expect(await replanning.getAttribute('aria-checked')).toBe('true');
    await replanning.click();
    expect(await replanning.getAttribute('aria-checked')).toBe('false');
    await page.getByRole('region', { name: 'Перепланировка' }).getByText('Не спрашиваем').waitFor();
    await sample.getByText(/^от 672\s000 до 859\s000\s₽$/).waitFor();
    expect(await sample.getByLabel('Перепланировка').count()).toBe(0);
    // Opened, the step stays editable; the chat preview says it is skipped.
    await page
      .getByRole('region', { name: 'Перепланировка' })
      .getByRole('button', { name: /^Перепланировка/ })
      .click();
    await chat.getByText('Этот вопрос выключен: бот его пропустит').waitFor();
    await chat.getByText('Планируется перепланировка?').waitFor();

    await save.click();
    await toast(page, 'Воронка сохранена');
    await page.getByText(/^Работает версия 1 от /).waitFor();
    await history.getByText('Работает сейчас').waitFor();
    expect(await save.isDisabled()).toBe(true);

    // Saved as typed, and what new sessions start on.
    const saved = await funnelOf(context);
    expect(saved.version).toMatchObject({ number: 1, createdBy: 'Анна Петрова', restoredFrom: null });
    expect(saved.config.steps.objectType.title).toBe('Что будем ремонтировать?');
    expect(saved.config.steps.objectType.options.at(-1)).toEqual({ id: 'ofis', label: 'Офис' });
    expect(saved.config.steps.replanning.enabled).toBe(false);
    expect(saved.config.pricing.perM2).toMatchObject({
      new_build: { capital: 9500 },
      ofis: { cosmetic: 5000, capital: 9000, designer: 14_000 },
    });

    // Made the company's own: the dashboard's step is done.
    await page.getByRole('link', { name: 'Дашборд' }).click();
    await page.getByRole('link', { name: /Настройте воронку.*Готово/ }).waitFor();
    await page.getByRole('link', { name: 'Воронка' }).click();

    // A second version, then the first brought back as a third.
    await chat.getByText('Шаг 1 из 7').waitFor();
    await screenshot(page, 'funnel-editor');
    // Moved from the keyboard, an option keeps the focus on its button.
    await objectType.getByRole('button', { name: 'Поднять «Офис» выше' }).press('Enter');
    expect(await page.evaluate('document.activeElement?.getAttribute("aria-label")')).toBe('Поднять «Офис» выше');
    expect(await chat.getByRole('listitem').allInnerTexts()).toEqual([
      'Новостройка',
      'Вторичное жильё',
      'Офис',
      'Частный дом',
    ]);
    await objectType.getByLabel('Вопрос в чате').fill('Какой у вас объект?');
    await save.click();
    await toast(page, 'Воронка сохранена');
    await history.getByText('Версия 2').waitFor();
    await history
      .getByRole('listitem')
      .filter({ hasText: 'Версия 1' })
      .getByRole('button', { name: 'Вернуть эту версию' })
      .click();
    const confirm = page.getByRole('dialog', { name: 'Вернуть версию 1?' });
    await confirm.getByRole('button', { name: 'Вернуть' }).click();
    await toast(page, 'Версия 1 возвращена');
    await history.getByText('восстановлена из версии 1').waitFor();
    expect(await objectType.getByLabel('Вопрос в чате').inputValue()).toBe('Что будем ремонтировать?');
    expect((await funnelOf(context)).version).toMatchObject({ number: 3, restoredFrom: 1 });

    // Saved meanwhile elsewhere: this save is refused, and the newer version offered.
    const { csrfToken } = (await (await context.request.get('/api/auth/session')).json()) as { csrfToken: string };
    const elsewhere = await context.request.put('/api/funnel', {
      data: {
        config: { ...saved.config, steps: { ...saved.config.steps, rooms: { ...saved.config.steps.rooms, max: 12 } } },
        baseVersion: 3,
      },
      headers: { 'x-csrf-token': csrfToken },
    });
    expect(elsewhere.status()).toBe(200);
    await objectType.getByLabel('Вопрос в чате').fill('Что ремонтируем?');
    await save.click();
    const conflict = page.getByRole('status').filter({ hasText: 'Воронку уже изменили' });
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Загрузить новую версию' }).click();
    await toast(page, 'Загружена последняя версия воронки');
    await page.getByText(/^Работает версия 4 от /).waitFor();
    expect(await objectType.getByLabel('Вопрос в чате').inputValue()).toBe('Что будем ремонтировать?');

    // On a phone the preview comes after the cards, and nothing is wider than the screen.
    const phoneContext = await openContext(browser, server.url, { viewport: PHONE });
    const phone = watchConsole(await phoneContext.newPage(), complaints);
    await logIn(phone, company.email, company.password);
    await phone.getByRole('heading', { name: 'Здравствуйте, Анна Петрова!' }).waitFor();
    await phone.goto('/admin/funnel');
    await phone.getByRole('region', { name: 'Тип объекта' }).getByLabel('Вопрос в чате').waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await screenshot(phone, 'funnel-editor-phone');

    // The refused save is the one request that failed.
    expect(complaints).toEqual([expect.stringContaining('status of 409 (Conflict)')]);
    await Promise.all([context.close(), phoneContext.close()]);
  });

  it('puts «Сроки» before the area from the keyboard and asks a question of the company’s own', async () => {
    const complaints: string[] = [];
    const context = await openContext(browser, server.url);
    const company = await signUpCompany(context);
    const page = watchConsole(await context.newPage(), complaints);
    await page.goto('/admin/funnel');
    const chat = page.getByRole('region', { name: 'Как видит посетитель' });
    const focused = () => page.evaluate('document.activeElement?.getAttribute("aria-label")');
    const cardNames = () =>
      page.getByRole('list', { name: 'Шаги воронки' }).locator('[id^="funnel-card-"][id$="-toggle"]').allInnerTexts();

    // Four steps up, the focus staying on the arrow all the way.
    const up = page.getByRole('button', { name: 'Поднять «Сроки» выше' });
    for (let moves = 0; moves < 4; moves += 1) {
      await up.press('Enter');
      expect(await focused()).toBe('Поднять «Сроки» выше');
    }
    expect((await cardNames()).map((name) => name.split('\n')[1])).toEqual([
      'Тип объекта',
      'Вид ремонта',
      'Сроки',
      'Площадь',
      'Комнаты',
      'Перепланировка',
      'Дизайн-проект',
      'Контакты',
    ]);
    expect(await page.getByRole('button', { name: /^Опустить «Контакты»/ }).count()).toBe(0);
    await page.getByRole('region', { name: 'Сроки' }).getByRole('button', { name: /Сроки/ }).first().click();
    await chat.getByText('Шаг 3 из 8').waitFor();

    // The consent links the company's policy.
    const contacts = page.getByRole('region', { name: 'Контакты' });
    await contacts
      .getByRole('button', { name: /Контакты/ })
      .first()
      .click();
    await contacts
      .getByLabel('Ссылка на политику обработки персональных данных')
      .fill('https://remont.example/privacy');
    const policy = chat.getByRole('link', { name: 'Политика обработки персональных данных' });
    expect(await policy.getAttribute('href')).toBe('https://remont.example/privacy');

    // A question of several options, written after its kind is picked.
    await page.getByRole('button', { name: 'Добавить вопрос' }).click();
    await page.getByRole('button', { name: /^Несколько вариантов/ }).click();
    expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe('custom.0.title');
    const question = page.getByRole('region').filter({ has: page.locator('[name="custom.0.title"]') });
    await question.getByLabel('Вопрос в чате').fill('Какие помещения ремонтируем?');
    expect(await question.getByLabel('Короткое название').inputValue()).toBe('Какие помещения ремонтируем');
    await question.getByLabel('Короткое название').fill('Помещения');
    await question.getByLabel('Подсказка под вопросом').fill('Отметьте всё, что нужно');
    await question.getByLabel('Новый вариант').fill('Кухня');
    await question.getByRole('button', { name: 'Добавить вариант' }).click();
    await question.getByLabel('Новый вариант').fill('Санузел');
    await question.getByLabel('Новый вариант').press('Enter');
    await chat.getByText('Шаг 8 из 9').waitFor();
    await chat.getByText('Отметьте всё, что нужно').waitFor();
    expect(await chat.getByRole('listitem').allInnerTexts()).toEqual(['Кухня', 'Санузел']);
    await chat.getByText('Далее').waitFor();
    await page.getByRole('region', { name: 'Помещения' }).getByText('Несколько вариантов').waitFor();
    await screenshot(page, 'funnel-custom');

    await page.getByRole('button', { name: 'Сохранить' }).click();
    await toast(page, 'Воронка сохранена');
    const { config } = await funnelOf(context);
    expect(config.order).toEqual([
      'objectType',
      'repairType',
      'timing',
      'area',
      'rooms',
      'replanning',
      'designProject',
      'q_pomeshcheniya',
      'contacts',
    ]);
    expect(config.custom).toEqual([
      {
        id: 'q_pomeshcheniya',
        kind: 'multiple',
        title: 'Какие помещения ремонтируем?',
        label: 'Помещения',
        hint: 'Отметьте всё, что нужно',
        enabled: true,
        options: [
          { id: 'kukhnya', label: 'Кухня' },
          { id: 'sanuzel', label: 'Санузел' },
        ],
      },
    ]);
    expect(config.steps.contacts.consentUrl).toBe('https://remont.example/privacy');
    // Saved under its new id, the question's card is still the one open.
    await page.getByRole('region', { name: 'Помещения' }).getByLabel('Вопрос в чате').waitFor();

    // Removed after a confirmation; the focus goes on from «Добавить вопрос».
    await page.getByRole('region', { name: 'Помещения' }).getByRole('button', { name: 'Удалить вопрос' }).click();
    await page
      .getByRole('dialog', { name: 'Удалить вопрос «Помещения»?' })
      .getByRole('button', { name: 'Удалить' })
      .click();
    await page.getByRole('region', { name: 'Помещения' }).waitFor({ state: 'detached' });
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Добавить вопрос');
    await page.getByRole('button', { name: 'Отменить изменения' }).click();

    // Dragged by its handle, a step moves too.
    const handle = await page.locator('[title="Перетащить «Комнаты»"]').boundingBox();
    const area = await page.getByRole('region', { name: 'Площадь' }).boundingBox();
    if (!handle || !area) throw new Error('no handle');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step += 1) {
      await page.mouse.move(
        handle.x + handle.width / 2,
        handle.y + handle.height / 2 - (area.height + 20) * (step / 10),
      );
    }
    await page.mouse.up();
    expect((await cardNames()).map((name) => name.split('\n')[1]).slice(2, 5)).toEqual(['Сроки', 'Комнаты', 'Площадь']);
    await page.getByRole('button', { name: 'Отменить изменения' }).click();

    const phoneContext = await openContext(browser, server.url, { viewport: PHONE });
    const phone = watchConsole(await phoneContext.newPage(), complaints);
    await logIn(phone, company.email, company.password);
    await phone.getByRole('heading', { name: /^Здравствуйте/ }).waitFor();
    await phone.goto('/admin/funnel');
    await phone
      .getByRole('region', { name: 'Помещения' })
      .getByRole('button', { name: /Помещения/ })
      .first()
      .click();
    await phone.getByRole('region', { name: 'Помещения' }).getByLabel('Вопрос в чате').waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBe(PHONE.width);
    await screenshot(phone, 'funnel-custom-phone');
    expect(complaints).toEqual([]);
    await Promise.all([context.close(), phoneContext.close()]);
  });

  it('takes a step out of new visitors’ funnels at once, while one already in it finishes on theirs', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const { widgetKey, snippet } = (await (await context.request.get('/api/widget/settings')).json()) as {
      widgetKey: string;
      snippet: string;
    };
    // A visitor who got as far as the rooms before the owner changed anything.
    const early = visitor(server.url, widgetKey);
    const started = await early.start();
    for (const [stepId, value] of [
      ['objectType', 'secondary'],
      ['repairType', 'capital'],
      ['area', 54],
      ['rooms', 2],
    ] as const) {
      await early.answer(started, stepId, value);
    }

    const page = await context.newPage();
    await page.goto('/admin/funnel');
    await page.getByRole('switch', { name: 'Перепланировка' }).click();
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await toast(page, 'Воронка сохранена');

    // The early visitor is still asked about replanning, and the lead keeps their answer.
    const asked = await early.answer(started, 'replanning', 'yes');
    expect(asked.messages.at(-1)?.content).toBe('Нужен дизайн-проект?');
    await early.answer(started, 'designProject', 'no');
    await early.answer(started, 'timing', 'month');
    await early.answer(started, 'contacts', { name: 'Ранний Посетитель', phone: '+7 916 123-45-67', consent: true });

    // A new visitor, on the company's own site, is not.
    const landing = await serveLanding(snippet);
    const visitorContext = await browser.newContext();
    const complaints: string[] = [];
    const site = watchConsole(await visitorContext.newPage(), complaints);
    await site.goto(landing.url);
    await site.getByRole('button', { name: 'Открыть чат' }).click();
    const chat = site.frameLocator('iframe[title="Чат: расчёт стоимости ремонта"]');
    await chat.getByText('Шаг 1 из 7').waitFor();
    await chat.getByRole('button', { name: 'Вторичное жильё', exact: true }).click();
    await chat.getByRole('button', { name: 'Капитальный', exact: true }).click();
    await chat.getByRole('textbox', { name: 'Какая площадь, м²?', exact: true }).fill('54');
    await chat.getByRole('button', { name: 'Далее' }).click();
    await chat.getByRole('textbox', { name: 'Сколько комнат?', exact: true }).fill('2');
    await chat.getByRole('button', { name: 'Далее' }).click();
    await chat.getByText('Нужен дизайн-проект?').waitFor();
    await chat.getByText('Шаг 5 из 7').waitFor();
    expect(await chat.getByText('Планируется перепланировка?').count()).toBe(0);
    expect(complaints).toEqual([]);
    await Promise.all([visitorContext.close(), landing.close()]);

    // The lead names the version that asked it: the default funnel, before the first save.
    const { leads } = (await (await context.request.get('/api/leads')).json()) as { leads: { id: string }[] };
    const lead = (await (await context.request.get(`/api/leads/${leads[0]?.id}`)).json()) as {
      funnelVersion: number | null;
      answers: { question: string; answer: string }[];
    };
    expect(lead.funnelVersion).toBeNull();
    expect(lead.answers).toContainEqual({ question: 'Перепланировка', answer: 'Да' });
    await context.close();
  });

  it('asks the company’s own questions in the chat: several options, a short text, a hint, in the owner’s order', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const { csrfToken } = (await (await context.request.get('/api/auth/session')).json()) as { csrfToken: string };
    const { config } = (await (await context.request.get('/api/funnel')).json()) as FunnelView;
    const saved = await context.request.put('/api/funnel', {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        baseVersion: null,
        config: {
          ...config,
          custom: [
            {
              id: 'q_rooms',
              kind: 'multiple',
              title: 'Какие помещения ремонтируем?',
              label: 'Помещения',
              hint: 'Отметьте всё, что входит в ремонт',
              enabled: true,
              options: [
                { id: 'kitchen', label: 'Кухня' },
                { id: 'bathroom', label: 'Санузел' },
                { id: 'hall', label: 'Прихожая' },
              ],
            },
            { id: 'q_wish', kind: 'text', title: 'Что для вас важно?', label: 'Пожелания', enabled: true },
          ],
          order: [
            'q_rooms',
            'q_wish',
            'objectType',
            'repairType',
            'area',
            'rooms',
            'replanning',
            'designProject',
            'timing',
            'contacts',
          ],
        },
      },
    });
    expect(saved.status()).toBe(200);
    const { snippet } = (await (await context.request.get('/api/widget/settings')).json()) as { snippet: string };

    const landing = await serveLanding(snippet);
    const visitorContext = await browser.newContext();
    const complaints: string[] = [];
    const page = watchConsole(await visitorContext.newPage(), complaints);
    await page.goto(landing.url);
    await page.getByRole('button', { name: 'Открыть чат' }).click();
    const chat = page.frameLocator('iframe[title="Чат: расчёт стоимости ремонта"]');
    await chat.getByText('Шаг 1 из 10').waitFor();
    await chat.getByText('Отметьте всё, что входит в ремонт').waitFor();
    const group = chat.getByRole('group', { name: 'Какие помещения ремонтируем?' });
    // «Далее» with nothing chosen says so, here.
    await group.getByRole('button', { name: 'Далее' }).click();
    await group.getByText('Выберите хотя бы один вариант').waitFor();
    await group.getByRole('button', { name: 'Санузел' }).click();
    await group.getByRole('button', { name: 'Кухня' }).click();
    expect(await group.getByRole('button', { name: 'Кухня' }).getAttribute('aria-pressed')).toBe('true');
    expect(await group.getByRole('button', { name: 'Прихожая' }).getAttribute('aria-pressed')).toBe('false');
    await screenshot(page, 'widget-multiple-choice');
    await group.getByRole('button', { name: 'Далее' }).click();
    // The visitor's answer in the options' order, whatever order they were clicked in.
    await chat.getByText('Кухня, Санузел').waitFor();

    const wish = chat.getByRole('textbox', { name: 'Что для вас важно?' });
    await wish.fill('Работы только в будни');
    await wish.press('Enter');
    await chat.getByText('Работы только в будни').waitFor();
    await chat.getByText('Какой объект ремонтируем?').waitFor();
    await chat.getByText('Шаг 3 из 10').waitFor();
    await screenshot(page, 'widget-custom-answered');
    expect(complaints).toEqual([]);
    await Promise.all([visitorContext.close(), landing.close(), context.close()]);
  });

  it('offers a retry when the funnel fails to load', async () => {
    const context = await openContext(browser, server.url);
    await signUpCompany(context);
    const page = await context.newPage();
    // The first load fails as a proxy would; the retry is slow enough to see the placeholder.
    let calls = 0;
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/funnel', async (route) => {
      calls += 1;
      if (calls === 1) return route.fulfill({ status: 502, body: 'Bad gateway' });
      await released;
      return route.continue();
    });
    await page.goto('/admin/funnel');
    const alert = page.getByRole('alert').filter({ hasText: 'Не удалось загрузить данные' });
    await alert.getByText('Сервер ответил неожиданно').waitFor();
    await alert.getByRole('button', { name: 'Повторить' }).click();
    await page.locator('[aria-busy="true"]').first().waitFor();
    release();
    await page.getByRole('region', { name: 'Тип объекта' }).waitFor();
    await context.close();
  });
});
