import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, signUpOwner } from '../../../test/support/clients.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { FULL_FUNNEL, visitor, type WidgetSession, widgetKeyOf } from '../../../test/support/widget.ts';
import type { FunnelView } from './apiSchemas.ts';
import { DEFAULT_FUNNEL } from './funnel.ts';
import type { FunnelConfig } from './schemas.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

const viewOf = (response: { json(): unknown }) => response.json() as FunnelView;
const save = (owner: ApiClient, config: unknown, baseVersion: number | null) =>
  owner.request('PUT', '/api/funnel', { config, baseVersion });
const withoutReplanning = (): FunnelConfig => {
  const config = structuredClone(DEFAULT_FUNNEL);
  config.steps.replanning.enabled = false;
  config.steps.objectType.title = 'Что будем ремонтировать?';
  return config;
};

describe('«Воронка»', () => {
  it('starts on the default funnel, and saves each change as a new version', async () => {
    const owner = await signUpOwner(ctx.app);
    const first = viewOf(await owner.get('/api/funnel'));
    expect(first).toEqual({ config: DEFAULT_FUNNEL, version: null, defaults: DEFAULT_FUNNEL });

    const saved = viewOf(await save(owner, withoutReplanning(), null));
    expect(saved.config.steps.replanning.enabled).toBe(false);
    expect(saved.version).toMatchObject({ number: 1, createdBy: owner.session.user.name, restoredFrom: null });

    // A save over a version made meanwhile is refused, not lost.
    const stale = await save(owner, DEFAULT_FUNNEL, null);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('FUNNEL_CONFLICT');
    expect(viewOf(await save(owner, DEFAULT_FUNNEL, 1)).version?.number).toBe(2);

    const restored = viewOf(await owner.post('/api/funnel/versions/1/restore'));
    expect(restored.version).toMatchObject({ number: 3, restoredFrom: 1 });
    expect(restored.config).toEqual(withoutReplanning());
    const { versions } = (await owner.get('/api/funnel/versions')).json();
    expect(versions.map((version: { number: number }) => version.number)).toEqual([3, 2, 1]);
    expect((await owner.post('/api/funnel/versions/9/restore')).json().error.code).toBe('FUNNEL_VERSION_NOT_FOUND');
  });

  it('refuses a funnel with problems, each under its field, and keeps the one in force', async () => {
    const owner = await signUpOwner(ctx.app);
    const broken = structuredClone(DEFAULT_FUNNEL) as FunnelConfig & { extra?: unknown };
    broken.steps.objectType.options.push({ id: 'office', label: 'Офис' });
    broken.steps.area.min = 500;
    broken.steps.area.max = 100;
    broken.steps.timing.options[1] = { id: 'asap', label: 'Срочно' };
    const refused = await save(owner, broken, null);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'FUNNEL_INVALID',
      fields: {
        'steps.area.min': 'Минимальная площадь больше максимальной',
        'steps.timing.options.1.id': 'Код «asap» уже есть у другого варианта',
        'pricing.perM2.office.cosmetic': 'Нет цены за м² для «Офис» — «Косметический»',
      },
    });
    const unknown = await save(owner, { ...DEFAULT_FUNNEL, tenantId: 'someone' }, null);
    expect(unknown.json().error.fields).toEqual({ '': 'Поле «tenantId» не поддерживается' });
    const empty = structuredClone(DEFAULT_FUNNEL);
    empty.steps.contacts.consentText = '';
    expect((await save(owner, empty, null)).json().error.fields).toEqual({
      'steps.contacts.consentText': 'Заполните поле',
    });
    expect(viewOf(await owner.get('/api/funnel')).version).toBeNull();
  });

  it('asks new visitors the new funnel at once, while one who started before finishes on theirs', async () => {
    const owner = await signUpOwner(ctx.app);
    const key = await widgetKeyOf(ctx, owner);
    const before = visitor(ctx.app, key);
    const started = (await before.start()).json<WidgetSession>();
    for (const [stepId, value] of FULL_FUNNEL.slice(0, 4)) {
      expect((await before.answer(started, stepId, value)).statusCode).toBe(200);
    }
    expect(viewOf(await save(owner, withoutReplanning(), null)).version?.number).toBe(1);

    // The visitor mid-funnel is still asked about replanning, and the lead says which version priced it.
    const next = await before.answer(started, 'rooms', 2);
    expect(next.json().step.id).toBe('replanning');
    for (const [stepId, value] of FULL_FUNNEL.slice(4)) {
      expect((await before.answer(started, stepId, value)).statusCode).toBe(200);
    }
    // A new visitor is not.
    const after = visitor(ctx.app, key);
    const fresh = (await after.start()).json();
    expect(fresh.step.title).toBe('Что будем ремонтировать?');
    expect(fresh.progress.total).toBe(7);
    const session = fresh as WidgetSession;
    expect((await after.answer(session, 'replanning', 'yes')).json().error.code).toBe('STEP_UNKNOWN');
    for (const [stepId, value] of FULL_FUNNEL.filter(([stepId]) => stepId !== 'replanning')) {
      expect((await after.answer(session, stepId, value)).statusCode).toBe(200);
    }

    const leads = (await owner.get('/api/leads')).json().leads as { id: string; createdAt: string }[];
    expect(leads).toHaveLength(2);
    const details = await Promise.all(leads.map(async (lead) => (await owner.get(`/api/leads/${lead.id}`)).json()));
    const questions = (lead: { answers: { question: string }[] }) => lead.answers.map((answer) => answer.question);
    const byVersion = new Map(details.map((lead) => [lead.funnelVersion, lead]));
    expect(questions(byVersion.get(null))).toContain('Перепланировка');
    expect(questions(byVersion.get(1))).not.toContain('Перепланировка');
  });

  it('asks the steps in the owner’s order with the company’s own questions, which reach the lead and the PDF', async () => {
    const owner = await signUpOwner(ctx.app);
    const config: FunnelConfig = {
      ...structuredClone(DEFAULT_FUNNEL),
      custom: [
        {
          id: 'q_pomeshcheniya',
          kind: 'multiple',
          title: 'Какие помещения ремонтируем?',
          label: 'Помещения',
          hint: 'Можно несколько',
          enabled: true,
          options: [
            { id: 'kitchen', label: 'Кухня' },
            { id: 'bathroom', label: 'Санузел' },
            { id: 'hall', label: 'Прихожая' },
          ],
        },
        {
          id: 'q_floor',
          kind: 'number',
          title: 'На каком этаже?',
          label: 'Этаж',
          enabled: true,
          min: 1,
          max: 99,
          integer: true,
        },
        { id: 'q_wish', kind: 'text', title: 'Что ещё важно?', label: 'Пожелания', enabled: true },
        {
          id: 'q_off',
          kind: 'single',
          title: 'Не спросим',
          label: 'Выключен',
          enabled: false,
          options: [
            { id: 'a', label: 'А' },
            { id: 'b', label: 'Б' },
          ],
        },
      ],
      order: [
        'objectType',
        'q_pomeshcheniya',
        'repairType',
        'timing',
        'area',
        'rooms',
        'q_floor',
        'replanning',
        'designProject',
        'q_off',
        'q_wish',
        'contacts',
      ],
    };
    config.steps.contacts.consentUrl = 'https://remont.example/privacy';
    expect((await save(owner, config, null)).statusCode).toBe(200);

    const client = visitor(ctx.app, await widgetKeyOf(ctx, owner));
    const started = await client.start();
    const session = started.json<WidgetSession>();
    expect(started.json().progress.total).toBe(11);
    const asked: string[] = [];
    const answers: [string, unknown][] = [
      ['objectType', 'secondary'],
      ['q_pomeshcheniya', ['bathroom', 'kitchen']],
      ['repairType', 'capital'],
      ['timing', 'month'],
      ['area', 54],
      ['rooms', 2],
      ['q_floor', 7],
      ['replanning', 'no'],
      ['designProject', 'no'],
      ['q_wish', '  Тихие работы   по выходным '],
    ];
    for (const [stepId, value] of answers) {
      const response = (await client.answer(session, stepId, value)).json();
      asked.push(response.step?.id);
    }
    expect(asked).toEqual([...answers.slice(1).map(([id]) => id), 'contacts']);
    // The wrong shape of answer for a custom question is refused with its reason.
    expect((await client.answer(session, 'q_floor', 7.5)).json().error.fields).toEqual({
      q_floor: 'Укажите целое число от 1 до 99',
    });
    expect((await client.answer(session, 'q_pomeshcheniya', [])).json().error.fields).toEqual({
      q_pomeshcheniya: 'Выберите хотя бы один вариант',
    });
    const contacts = (
      await client.answer(session, 'contacts', { name: 'Ольга', phone: '+7 916 000-11-22', consent: true })
    ).json();
    expect(contacts.status).toBe('completed');

    const [lead] = (await owner.get('/api/leads')).json().leads;
    const { answers: saved } = (await owner.get(`/api/leads/${lead.id}`)).json();
    expect(saved).toEqual([
      { question: 'Тип объекта', answer: 'Вторичное жильё' },
      { question: 'Помещения', answer: 'Кухня, Санузел' },
      { question: 'Вид ремонта', answer: 'Капитальный' },
      { question: 'Сроки', answer: 'В течение месяца' },
      { question: 'Площадь', answer: '54 м²' },
      { question: 'Комнаты', answer: '2' },
      { question: 'Этаж', answer: '7' },
      { question: 'Перепланировка', answer: 'Нет' },
      { question: 'Дизайн-проект', answer: 'Нет, есть свой или не нужен' },
      { question: 'Пожелания', answer: 'Тихие работы по выходным' },
    ]);
    const link = (await client.estimatePdf(session)).json();
    const { pathname, search } = new URL(link.url);
    const text = await pdfText((await ctx.app.inject({ method: 'GET', url: `${pathname}${search}` })).rawPayload);
    expect(text).toContain('Помещения');
    expect(text).toContain('Кухня, Санузел');
    expect(text).toContain('Тихие работы по выходным');
  });

  it('shows the widget a step’s hint and the consent’s link', async () => {
    const owner = await signUpOwner(ctx.app);
    const config = structuredClone(DEFAULT_FUNNEL);
    config.steps.objectType.hint = 'От этого зависит цена за м²';
    config.steps.contacts.consentUrl = 'https://remont.example/privacy';
    config.order = ['contacts', 'objectType', 'repairType', 'area', 'rooms', 'replanning', 'designProject', 'timing'];
    const refused = await save(owner, config, null);
    expect(refused.json().error.fields).toEqual({ order: 'Контакты должны быть последним шагом' });
    delete config.order;
    expect((await save(owner, config, null)).statusCode).toBe(200);
    const client = visitor(ctx.app, await widgetKeyOf(ctx, owner));
    const session = (await client.start()).json();
    expect(session.step).toMatchObject({ id: 'objectType', hint: 'От этого зависит цена за м²' });
    for (const [stepId, value] of FULL_FUNNEL.slice(0, -1)) await client.answer(session, stepId, value);
    const last = (await client.answer(session, 'timing', 'month')).json();
    expect(last.step).toMatchObject({ kind: 'contacts', consentUrl: 'https://remont.example/privacy' });
  });
});
