// The conversion dashboard against a seeded dataset, figure by figure: visitors who reload, a step
// the company turned off, sessions that span midnight in the company's time zone, takeovers and
// the managers' first replies.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, addManager, signUpOwner } from '../../../test/support/clients.ts';
import { FULL_FUNNEL, type Visitor, visitor, type WidgetSession, widgetKeyOf } from '../../../test/support/widget.ts';
import { dialogEvents, messages, tenantBotSettings, tenants } from '../../db/schema.ts';
import { createSession } from '../chat/service.ts';
import { DEFAULT_FUNNEL } from '../funnel/funnel.ts';
import type { FunnelConfig } from '../funnel/schemas.ts';
import { recordFunnelStages } from './funnelEvents.ts';
import type { DashboardView } from './schemas.ts';

const BRANDING = {
  companyName: 'Ремонт Плюс',
  primaryColor: '#123456',
  accentColor: '#654321',
  welcomeTitle: 'Рассчитаем ремонт',
  welcomeText: '',
  contacts: { phone: '', email: '', address: '', website: '' },
};

const withReplanning = (enabled: boolean): FunnelConfig => ({
  ...DEFAULT_FUNNEL,
  steps: { ...DEFAULT_FUNNEL.steps, replanning: { ...DEFAULT_FUNNEL.steps.replanning, enabled } },
});

/** A day in `timeZone` as YYYY-MM-DD, `offsetDays` from today. */
const dayIn = (timeZone: string, offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + offsetDays * 86_400_000));

async function useFunnel(ctx: TestContext, owner: ApiClient, config: FunnelConfig) {
  const tenantId = owner.session.tenant?.id as string;
  expect((await owner.request('PUT', '/api/branding', BRANDING)).statusCode).toBe(200);
  await ctx.db.withTenant(tenantId, (tx) =>
    tx.update(tenantBotSettings).set({ funnel: config }).where(eq(tenantBotSettings.tenantId, tenantId)),
  );
}

/** Answers the default funnel's steps in order, skipping the ones the company turned off. */
async function answer(client: Visitor, session: WidgetSession, steps: string[]) {
  for (const stepId of steps) {
    const value = FULL_FUNNEL.find(([id]) => id === stepId)?.[1];
    const response = await client.answer(session, stepId, value);
    expect(response.statusCode, `${stepId}: ${response.body}`).toBe(200);
  }
}

const counts = (view: DashboardView) => Object.fromEntries(view.funnel.map((stage) => [stage.stage, stage.count]));

describe('GET /api/dashboard', () => {
  let ctx: TestContext;
  let owner: ApiClient;
  const today = () => dayIn('Europe/Moscow');

  beforeAll(async () => {
    ctx = await createTestApp();
    owner = await signUpOwner(ctx.app);
  });

  describe('a day of visitors through the widget', () => {
    let manager: ApiClient;

    beforeAll(async () => {
      manager = await addManager(ctx.app, owner);
      await useFunnel(ctx, owner, withReplanning(false));
      const key = await widgetKeyOf(ctx, owner);
      const steps = FULL_FUNNEL.map(([id]) => id).filter((id) => id !== 'replanning');
      const start = async (client: Visitor) => {
        const started = await client.start();
        expect(started.statusCode).toBe(201);
        return started.json<WidgetSession>();
      };

      // 1: the whole funnel, with a reload in the middle and the PDF downloaded twice.
      const complete = visitor(ctx.app, key);
      const first = await start(complete);
      await answer(complete, first, steps.slice(0, 3));
      const reloaded = await complete.start({ token: first.token });
      expect(reloaded.statusCode).toBe(200);
      expect(reloaded.json().sessionId).toBe(first.sessionId);
      await answer(complete, first, steps.slice(3));
      expect((await complete.estimatePdf(first)).statusCode).toBe(200);
      expect((await complete.estimatePdf(first)).statusCode).toBe(200);

      // 2: three steps, reloads twice, asks for a manager, and nobody answers.
      const patient = visitor(ctx.app, key);
      const second = await start(patient);
      await answer(patient, second, steps.slice(0, 3));
      for (let i = 0; i < 2; i++) expect((await patient.start({ token: second.token })).statusCode).toBe(200);
      expect((await patient.requestOperator(second)).statusCode).toBe(200);

      // 3: a free question, then «Позвать менеджера»; a manager takes the dialog and answers.
      const asking = visitor(ctx.app, key);
      const third = await start(asking);
      expect((await asking.message(third, 'Сколько стоит ванная под ключ?')).statusCode).toBe(202);
      expect((await asking.requestOperator(third)).statusCode).toBe(200);
      expect((await manager.post(`/api/dialogs/${third.sessionId}/take`, {})).statusCode).toBe(200);
      expect(
        (await manager.post(`/api/dialogs/${third.sessionId}/messages`, { text: 'Здравствуйте!' })).statusCode,
      ).toBe(201);

      // 4 and 5: the first question only; 5 is taken over by a manager who writes first.
      const fourth = visitor(ctx.app, key);
      await answer(fourth, await start(fourth), steps.slice(0, 1));
      const fifthVisitor = visitor(ctx.app, key);
      const fifth = await start(fifthVisitor);
      await answer(fifthVisitor, fifth, steps.slice(0, 1));
      expect((await manager.post(`/api/dialogs/${fifth.sessionId}/take`, {})).statusCode).toBe(200);
      expect((await manager.post(`/api/dialogs/${fifth.sessionId}/messages`, { text: 'Подскажу!' })).statusCode).toBe(
        201,
      );

      // 6 and 7: the first question only; 8: opened the widget and left.
      for (let i = 0; i < 2; i++) {
        const client = visitor(ctx.app, key);
        await answer(client, await start(client), steps.slice(0, 1));
      }
      await start(visitor(ctx.app, key));
    });

    it('counts each visitor once per stage, reloads and repeated downloads included', async () => {
      const response = await owner.get('/api/dashboard?period=today');
      expect(response.statusCode).toBe(200);
      const view = response.json<DashboardView>();
      expect(view.period).toEqual({ from: today(), to: today(), preset: 'today', timezone: 'Europe/Moscow' });
      // Replanning is off: not a stage, and nobody is lost at it.
      expect(counts(view)).toEqual({
        opened: 8,
        started: 7,
        'step:objectType': 6,
        'step:repairType': 2,
        'step:area': 2,
        'step:rooms': 1,
        'step:designProject': 1,
        'step:timing': 1,
        contacts: 1,
        estimate_pdf: 1,
      });
      expect(view.funnel.slice(0, 4)).toEqual([
        { stage: 'opened', stepLabel: null, count: 8, ofPrevious: null, ofFirst: 100, lost: 0 },
        { stage: 'started', stepLabel: null, count: 7, ofPrevious: 87.5, ofFirst: 87.5, lost: 1 },
        { stage: 'step:objectType', stepLabel: 'Тип объекта', count: 6, ofPrevious: 85.7, ofFirst: 75, lost: 1 },
        { stage: 'step:repairType', stepLabel: 'Вид ремонта', count: 2, ofPrevious: 33.3, ofFirst: 25, lost: 4 },
      ]);
      expect(view.funnel.find((stage) => stage.stage === 'contacts')).toMatchObject({ ofPrevious: 100, ofFirst: 12.5 });
      expect(view.biggestDropOff).toBe('step:repairType');
      expect(view.leadsPerDay).toEqual([{ day: today(), leads: 1 }]);
      // Seven dialogs started; the managers took two of them.
      expect(view.dialogs).toEqual({ started: 7, aiOnly: 5, takenOver: 2 });
      expect(view.firstReply).toEqual({ medianSeconds: expect.any(Number), answered: 2, unanswered: 1 });
    });

    it('is open to managers as well as owners', async () => {
      const response = await manager.get('/api/dashboard?period=today');
      expect(response.statusCode).toBe(200);
      expect(response.json<DashboardView>().funnel[0]?.count).toBe(8);
    });

    it('shows a step turned on again without counting those who passed it while it was off as lost', async () => {
      await useFunnel(ctx, owner, withReplanning(true));
      const view = (await owner.get('/api/dashboard?period=today')).json<DashboardView>();
      const rooms = view.funnel.findIndex((stage) => stage.stage === 'step:rooms');
      expect(view.funnel.slice(rooms, rooms + 3).map(({ stage, count, lost }) => ({ stage, count, lost }))).toEqual([
        { stage: 'step:rooms', count: 1, lost: 1 },
        { stage: 'step:replanning', count: 1, lost: 0 },
        { stage: 'step:designProject', count: 1, lost: 0 },
      ]);
      await useFunnel(ctx, owner, withReplanning(false));
    });
  });

  describe('days of the company’s time zone', () => {
    // 20:50 UTC is 23:50 in Moscow and 01:50 of the next day in Yekaterinburg.
    const timeline = [
      { stages: ['opened'] as const, at: '2026-03-09T20:50:00Z' },
      { stages: ['started', 'step:objectType'] as const, at: '2026-03-09T21:10:00Z' },
      { stages: ['contacts'] as const, at: '2026-03-09T21:20:00Z' },
    ];

    async function companyWithNightVisitor(timezone: string): Promise<ApiClient> {
      const company = await signUpOwner(ctx.app);
      const id = company.session.tenant?.id as string;
      await ctx.db.withTenant(id, async (tx) => {
        await tx.update(tenants).set({ timezone }).where(eq(tenants.id, id));
        const night = await createSession(tx, {
          tenantId: id,
          visitorId: 'night-visitor-0001',
          pageUrl: null,
          referrer: null,
          utm: {},
          limited: false,
          funnelVersion: null,
        });
        const morning = await createSession(tx, {
          tenantId: id,
          visitorId: 'morning-visitor-01',
          pageUrl: null,
          referrer: null,
          utm: {},
          limited: false,
          funnelVersion: null,
        });
        for (const { stages, at } of timeline) {
          await recordFunnelStages(tx, { tenantId: id, sessionId: night.session.id, stages, at: new Date(at) });
        }
        // The same stage again, later: the first time stands.
        await recordFunnelStages(tx, {
          tenantId: id,
          sessionId: night.session.id,
          stages: ['opened'],
          at: new Date('2026-03-10T09:00:00Z'),
        });
        await recordFunnelStages(tx, {
          tenantId: id,
          sessionId: morning.session.id,
          stages: ['opened', 'started'],
          at: new Date('2026-03-10T07:00:00Z'),
        });
      });
      return company;
    }

    const figures = async (company: ApiClient, from: string, to: string) => {
      const view = (await company.get(`/api/dashboard?from=${from}&to=${to}`)).json<DashboardView>();
      const { opened, started, contacts } = counts(view);
      return { opened, started, contacts, leads: view.leadsPerDay };
    };

    it('counts a session that spans midnight by when each of its events happened', async () => {
      const moscow = await companyWithNightVisitor('Europe/Moscow');
      expect(await figures(moscow, '2026-03-09', '2026-03-09')).toEqual({
        opened: 1,
        started: 0,
        contacts: 0,
        leads: [{ day: '2026-03-09', leads: 0 }],
      });
      expect(await figures(moscow, '2026-03-10', '2026-03-10')).toEqual({
        opened: 1,
        started: 2,
        contacts: 1,
        leads: [{ day: '2026-03-10', leads: 1 }],
      });
      expect(await figures(moscow, '2026-03-09', '2026-03-10')).toEqual({
        opened: 2,
        started: 2,
        contacts: 1,
        leads: [
          { day: '2026-03-09', leads: 0 },
          { day: '2026-03-10', leads: 1 },
        ],
      });
    });

    it('takes the days of the company’s own time zone', async () => {
      const yekaterinburg = await companyWithNightVisitor('Asia/Yekaterinburg');
      expect(await figures(yekaterinburg, '2026-03-09', '2026-03-09')).toMatchObject({ opened: 0, started: 0 });
      expect(await figures(yekaterinburg, '2026-03-10', '2026-03-10')).toMatchObject({ opened: 2, started: 2 });
      const view = (await yekaterinburg.get('/api/dashboard?period=7d')).json<DashboardView>();
      expect(view.period).toEqual({
        from: dayIn('Asia/Yekaterinburg', -6),
        to: dayIn('Asia/Yekaterinburg'),
        preset: '7d',
        timezone: 'Asia/Yekaterinburg',
      });
      expect(view.leadsPerDay).toHaveLength(7);
    });
  });

  describe('the managers’ first reply', () => {
    // Moscow is UTC+3: 20:59 UTC on 9 March is 23:59 there, the last minute of the day.
    const timeline = [
      // Called, taken 100 s later, answered 150 s after the call.
      {
        calls: [
          ['operator_requested', '2026-03-09T07:00:00Z'],
          ['taken', '2026-03-09T07:01:40Z'],
        ],
        reply: '2026-03-09T07:02:30Z',
      },
      // Taken unasked; the manager wrote 30 s later.
      { calls: [['taken', '2026-03-09T12:00:00Z']], reply: '2026-03-09T12:00:30Z' },
      // Called a minute before midnight, answered after it: the day of the call.
      { calls: [['operator_requested', '2026-03-09T20:59:00Z']], reply: '2026-03-09T21:04:00Z' },
      // Called and not answered.
      { calls: [['operator_requested', '2026-03-09T15:00:00Z']], reply: null },
      // Called the day before, answered on the day: the day before's.
      { calls: [['operator_requested', '2026-03-08T20:00:00Z']], reply: '2026-03-08T21:30:00Z' },
    ] as const;

    it('gives the median from the call (or the takeover) to the first message of a manager', async () => {
      const company = await signUpOwner(ctx.app);
      const id = company.session.tenant?.id as string;
      await ctx.db.withTenant(id, async (tx) => {
        for (const [index, { calls, reply }] of timeline.entries()) {
          const { session } = await createSession(tx, {
            tenantId: id,
            visitorId: `waiting-visitor-${index}`.padEnd(16, '0'),
            pageUrl: null,
            referrer: null,
            utm: {},
            limited: false,
            funnelVersion: null,
          });
          for (const [kind, at] of calls) {
            await tx.insert(dialogEvents).values({
              tenantId: id,
              sessionId: session.id,
              kind,
              fromState: 'ai',
              toState: kind === 'taken' ? 'operator' : 'waiting_operator',
              createdAt: new Date(at),
            });
          }
          if (reply) {
            const message = { tenantId: id, sessionId: session.id, role: 'operator' as const, kind: 'text' as const };
            await tx.insert(messages).values([
              { ...message, seq: 1, content: 'Здравствуйте!', createdAt: new Date(reply) },
              // Only the first message counts.
              { ...message, seq: 2, content: 'Чем помочь?', createdAt: new Date('2026-03-10T09:00:00Z') },
            ]);
          }
        }
      });
      const firstReply = async (from: string, to: string) =>
        (await company.get(`/api/dashboard?from=${from}&to=${to}`)).json<DashboardView>().firstReply;
      // 150, 30 and 300 s: the median is 150 s; one call is still unanswered.
      expect(await firstReply('2026-03-09', '2026-03-09')).toEqual({ medianSeconds: 150, answered: 3, unanswered: 1 });
      // With the day before: 30, 150, 300 and 5400 s.
      expect(await firstReply('2026-03-08', '2026-03-09')).toEqual({ medianSeconds: 225, answered: 4, unanswered: 1 });
      expect(await firstReply('2026-03-10', '2026-03-10')).toEqual({ medianSeconds: null, answered: 0, unanswered: 0 });
    });
  });

  describe('bad input', () => {
    it.each([
      ['from=2026-03-10&to=2026-03-09', 'DASHBOARD_PERIOD_INVALID', 'to'],
      ['from=2026-03-10', 'DASHBOARD_PERIOD_INVALID', 'to'],
      ['to=2026-03-10', 'DASHBOARD_PERIOD_INVALID', 'from'],
      ['period=7d&from=2026-03-01&to=2026-03-10', 'DASHBOARD_PERIOD_INVALID', 'period'],
      ['from=2025-01-01&to=2026-03-10', 'DASHBOARD_PERIOD_INVALID', 'to'],
      ['from=2026-02-30&to=2026-03-10', 'VALIDATION_FAILED', 'from'],
      ['from=10.03.2026&to=2026-03-10', 'VALIDATION_FAILED', 'from'],
      ['period=90d', 'VALIDATION_FAILED', 'period'],
      ['period=7d&tenantId=00000000-0000-0000-0000-000000000000', 'VALIDATION_FAILED', 'tenantId'],
    ])('%s: 400 %s', async (query, code, field) => {
      const response = await owner.get(`/api/dashboard?${query}`);
      expect(response.statusCode).toBe(400);
      const { error } = response.json();
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/[а-яё]/i);
      expect(Object.keys(error.fields ?? {})).toContain(field);
    });

    it('takes a year, and no more', async () => {
      expect((await owner.get('/api/dashboard?from=2025-03-11&to=2026-03-11')).statusCode).toBe(200);
      expect((await owner.get('/api/dashboard?from=2025-03-10&to=2026-03-11')).statusCode).toBe(400);
    });

    it('answers 401 to a visitor who is not signed in', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/dashboard' });
      expect(response.statusCode).toBe(401);
    });
  });
});
