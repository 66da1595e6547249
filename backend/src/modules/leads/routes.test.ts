import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, addManager, signUpOwner } from '../../../test/support/clients.ts';
import { tenantFingerprint } from '../../../test/support/fingerprint.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { completeFunnel, FULL_FUNNEL, visitor, widgetKeyOf } from '../../../test/support/widget.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

describe('leads in the admin panel', () => {
  it('lists them newest first, shows one with its conversation, and gives its PDF', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Ремонт Профи' });
    const key = await widgetKeyOf(ctx, owner);
    const first = await completeFunnel(visitor(ctx.app, key));
    const second = await completeFunnel(visitor(ctx.app, key));
    const list = (await owner.get('/api/leads')).json();
    expect(list.total).toBe(2);
    expect(list.leads[0]).toEqual({
      id: expect.any(String),
      name: 'Анна',
      phone: '+79161234567',
      createdAt: expect.any(String),
      summary: 'Вторичное жильё · Капитальный · 54 м²',
      estimate: { lines: [expect.any(Object)], total: 567_000, range: { min: 510_000, max: 652_000 } },
      status: 'new',
      statusReason: null,
      assignee: null,
    });

    const manager = await addManager(ctx.app, owner);
    const detail = await manager.get(`/api/leads/${list.leads[1].id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      answers: expect.arrayContaining([{ question: expect.any(String), answer: '2' }]),
      pageUrl: null,
      utm: {},
      history: [],
    });
    expect(detail.json().transcript.map((m: { kind: string }) => m.kind)).toContain('estimate');
    expect([first.sessionId, second.sessionId]).toHaveLength(2);

    const pdf = await manager.post(`/api/leads/${list.leads[0].id}/estimate-pdf`);
    expect(pdf.statusCode).toBe(200);
    const { pathname, search } = new URL(pdf.json().url);
    const text = await pdfText((await ctx.app.inject({ method: 'GET', url: `${pathname}${search}` })).rawPayload);
    expect(text).toContain('Ремонт Профи');
    // However the template writes the number (+7 916 123-45-67), it is the lead's.
    expect(text.replace(/[\s()-]/g, '')).toContain('+79161234567');
  });

  it('pages, and answers 404 for a lead that is not there', async () => {
    const owner = await signUpOwner(ctx.app);
    expect((await owner.get('/api/leads?limit=0')).statusCode).toBe(400);
    const missing = await owner.get('/api/leads/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toEqual({ code: 'LEAD_NOT_FOUND', message: 'Заявка не найдена' });
    expect((await owner.get('/api/leads')).json()).toEqual({
      leads: [],
      total: 0,
      counts: { new: 0, in_progress: 0, measurement: 0, contract: 0, rejected: 0 },
    });
  });
});

/** A company with a manager and `count` leads from its widget, the first of them the newest. */
async function companyWithLeads(count: number, contacts: { name: string; phone: string }[] = []) {
  const owner = await signUpOwner(ctx.app, { name: 'Ирина Владелец' });
  const manager = await addManager(ctx.app, owner);
  const key = await widgetKeyOf(ctx, owner);
  for (let index = 0; index < count; index += 1) {
    const client = visitor(ctx.app, key);
    const session = (await client.start()).json();
    for (const [stepId, value] of FULL_FUNNEL) {
      const answer =
        stepId === 'contacts' && contacts[index] ? { ...contacts[index], consent: true } : (value as unknown);
      await client.answer(session, stepId, answer);
    }
  }
  const ids = ((await owner.get('/api/leads')).json().leads as { id: string }[]).map((lead) => lead.id);
  return { owner, manager, ids };
}

const moveTo = (client: ApiClient, leadId: string, body: Record<string, unknown>) =>
  client.post(`/api/leads/${leadId}/status`, body);

describe('the leads pipeline', () => {
  it('moves a lead along the pipeline and keeps each move with who and when', async () => {
    const { owner, manager, ids } = await companyWithLeads(1);
    const [leadId] = ids as [string];

    const moved = await manager.post(`/api/leads/${leadId}/status`, { status: 'in_progress' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'in_progress', statusReason: null });
    await moveTo(owner, leadId, { status: 'measurement' });

    const lead = (await owner.get(`/api/leads/${leadId}`)).json();
    expect(lead.status).toBe('measurement');
    expect(lead.history).toEqual([
      {
        id: expect.any(String),
        kind: 'status',
        createdAt: expect.any(String),
        actor: { id: owner.session.user.id, name: 'Ирина Владелец' },
        fromStatus: 'in_progress',
        status: 'measurement',
        reason: null,
        assignee: null,
        text: null,
      },
      expect.objectContaining({
        kind: 'status',
        actor: { id: manager.session.user.id, name: 'Менеджер' },
        fromStatus: 'new',
        status: 'in_progress',
      }),
    ]);
    expect(Date.now() - Date.parse(lead.history[0].createdAt)).toBeLessThan(60_000);

    // The same stage again is no move.
    await moveTo(owner, leadId, { status: 'measurement' });
    expect((await owner.get(`/api/leads/${leadId}`)).json().history).toHaveLength(2);
  });

  it('asks for the reason of a refusal, and forgets it once the lead is won back', async () => {
    const { owner, ids } = await companyWithLeads(1);
    const [leadId] = ids as [string];
    for (const body of [{ status: 'rejected' }, { status: 'rejected', reason: '   ' }]) {
      const refused = await moveTo(owner, leadId, body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error).toEqual({
        code: 'LEAD_REASON_REQUIRED',
        message: 'Укажите причину отказа',
        fields: { reason: 'Укажите причину отказа' },
      });
    }
    expect((await owner.get(`/api/leads/${leadId}`)).json()).toMatchObject({ status: 'new', history: [] });

    const rejected = await moveTo(owner, leadId, { status: 'rejected', reason: ' Дорого ' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusReason: 'Дорого' });
    expect(rejected.json().history[0]).toMatchObject({ fromStatus: 'new', status: 'rejected', reason: 'Дорого' });

    const back = await moveTo(owner, leadId, { status: 'in_progress', reason: 'не нужна' });
    expect(back.json()).toMatchObject({ status: 'in_progress', statusReason: null });
    expect((await moveTo(owner, leadId, { status: 'won' })).statusCode).toBe(400);
  });

  it('gives the lead to a member of the company, or to no one, and never to another company’s member', async () => {
    const { owner, manager, ids } = await companyWithLeads(1);
    const [leadId] = ids as [string];
    const other = await companyWithLeads(0);

    const assignees = (await manager.get('/api/leads/assignees')).json();
    expect(assignees.members).toEqual([
      { id: owner.session.user.id, name: 'Ирина Владелец', role: 'owner' },
      { id: manager.userId, name: 'Менеджер', role: 'manager' },
    ]);

    const assigned = await manager.request('PUT', `/api/leads/${leadId}/assignee`, { assigneeId: manager.userId });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().assignee).toEqual({ id: manager.userId, name: 'Менеджер' });
    expect(assigned.json().history[0]).toMatchObject({
      kind: 'assignee',
      actor: { id: manager.session.user.id, name: 'Менеджер' },
      assignee: { id: manager.userId, name: 'Менеджер' },
    });

    const tenantId = owner.session.tenant?.id as string;
    // The lead's emails are sent now, not while the fingerprint watches the company's rows.
    await ctx.app.outbox.runOnce();
    const before = await tenantFingerprint(ctx, tenantId);
    for (const foreign of [other.manager.userId, other.owner.session.user.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await owner.request('PUT', `/api/leads/${leadId}/assignee`, { assigneeId: foreign });
      expect(refused.statusCode).toBe(404);
      expect(refused.json().error.code).toBe('LEAD_ASSIGNEE_NOT_FOUND');
    }
    expect((await owner.request('PUT', `/api/leads/${leadId}/assignee`, { assigneeId: 'Менеджер' })).statusCode).toBe(
      400,
    );
    expect(await tenantFingerprint(ctx, tenantId)).toEqual(before);

    const cleared = await owner.request('PUT', `/api/leads/${leadId}/assignee`, { assigneeId: null });
    expect(cleared.json().assignee).toBeNull();
    expect(cleared.json().history[0]).toMatchObject({ kind: 'assignee', assignee: null });
    expect(cleared.json().history).toHaveLength(2);
  });

  it('keeps notes with their author and time, in the one history', async () => {
    const { owner, manager, ids } = await companyWithLeads(1);
    const [leadId] = ids as [string];
    const added = await manager.post(`/api/leads/${leadId}/notes`, { text: '  Перезвонить в пятницу после 18:00 ' });
    expect(added.statusCode, added.body).toBe(201);
    await moveTo(owner, leadId, { status: 'contract' });
    const history = (await owner.get(`/api/leads/${leadId}`)).json().history;
    expect(history.map((event: { kind: string }) => event.kind)).toEqual(['status', 'note']);
    expect(history[1]).toMatchObject({
      kind: 'note',
      text: 'Перезвонить в пятницу после 18:00',
      actor: { id: manager.session.user.id, name: 'Менеджер' },
      createdAt: expect.any(String),
    });
    for (const text of ['', '   ', 'x'.repeat(2001)]) {
      expect((await manager.post(`/api/leads/${leadId}/notes`, { text })).statusCode).toBe(400);
    }
    expect(
      (await manager.post('/api/leads/00000000-0000-4000-8000-000000000000/notes', { text: 'x' })).statusCode,
    ).toBe(404);
  });

  it('filters by status, responsible member and period, and counts the leads per status', async () => {
    const { owner, manager, ids } = await companyWithLeads(3);
    const [third, second, first] = ids as [string, string, string];
    await moveTo(owner, first, { status: 'in_progress' });
    await moveTo(owner, second, { status: 'in_progress' });
    await moveTo(owner, third, { status: 'rejected', reason: 'Передумал' });
    await owner.request('PUT', `/api/leads/${second}/assignee`, { assigneeId: manager.userId });

    const inProgress = (await manager.get('/api/leads?status=in_progress')).json();
    expect(inProgress.leads.map((lead: { id: string }) => lead.id)).toEqual([second, first]);
    expect(inProgress.total).toBe(2);
    expect(inProgress.counts).toEqual({ new: 0, in_progress: 2, measurement: 0, contract: 0, rejected: 1 });

    const mine = (await manager.get(`/api/leads?assignee=${manager.userId}`)).json();
    expect(mine.leads.map((lead: { id: string }) => lead.id)).toEqual([second]);
    expect(mine.leads[0].assignee).toEqual({ id: manager.userId, name: 'Менеджер' });
    expect(mine.counts).toEqual({ new: 0, in_progress: 1, measurement: 0, contract: 0, rejected: 0 });
    expect((await manager.get('/api/leads?assignee=none')).json().total).toBe(2);

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
    expect((await manager.get(`/api/leads?from=${today}&to=${today}`)).json().total).toBe(3);
    expect((await manager.get('/api/leads?to=2020-01-31')).json()).toMatchObject({
      total: 0,
      counts: { new: 0, in_progress: 0, measurement: 0, contract: 0, rejected: 0 },
    });
    expect((await manager.get('/api/leads?from=2099-01-01')).json().total).toBe(0);

    const backwards = await manager.get('/api/leads?from=2026-02-01&to=2026-01-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.code).toBe('LEAD_PERIOD_INVALID');
    for (const query of ['status=won', 'assignee=someone', 'from=31.12.2026', 'tenantId=x']) {
      expect((await manager.get(`/api/leads?${query}`)).statusCode, query).toBe(400);
    }
  });
});

describe('exporting leads', () => {
  // Names are trimmed by the funnel, so a leading tab or CR cannot come this way (export.test.ts).
  const NASTY = ['=HYPERLINK("http://evil.test","x")', '+7 ok', '-1+2', '@SUM(A1)'];

  it('writes the filtered list as CSV for Russian Excel, neutralising formulas', async () => {
    const { owner, manager, ids } = await companyWithLeads(2, [
      { name: 'Пётр "Кавычки"; Точка с запятой', phone: '+7 903 555-12-34' },
      { name: '=HYPERLINK("http://evil.test")', phone: '+7 916 123-45-67' },
    ]);
    const [evil, plain] = ids as [string, string];
    await owner.request('PUT', `/api/leads/${evil}/assignee`, { assigneeId: manager.userId });
    await moveTo(owner, plain, { status: 'rejected', reason: '-Дорого' });

    const response = await manager.get('/api/leads/export?format=csv');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="download.csv"; filename*=UTF-8''${encodeURIComponent('Заявки.csv')}`,
    );
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      '"Получена";"Клиент";"Телефон";"Статус";"Причина отказа";"Ответственный";"Объект";"Смета от, ₽";"Смета до, ₽";"Страница";"UTM source";"UTM campaign"',
    );
    expect(lines[1]).toMatch(
      /^"\d\d\.\d\d\.\d{4} \d\d:\d\d";"'=HYPERLINK\(""http:\/\/evil\.test""\)";"'\+79161234567";"Новая";"";"Менеджер";"Вторичное жильё · Капитальный · 54 м²";"510000";"652000";"";"";""$/,
    );
    expect(lines[2]).toContain('"Пётр ""Кавычки""; Точка с запятой";"\'+79035551234";"Отказ";"\'-Дорого";""');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');

    // The filters of the list apply, and the file is named after them.
    const rejected = await manager.get('/api/leads/export?format=csv&status=rejected&from=2026-01-01');
    const rejectedLines = rejected.rawPayload.subarray(3).toString('utf8').trim().split('\r\n');
    expect(rejectedLines).toHaveLength(2);
    expect(rejected.headers['content-disposition']).toContain(encodeURIComponent('Заявки Отказ 2026-01-01–….csv'));
  });

  it('writes an Excel workbook that reads back with the same cells, formulas neutralised', async () => {
    const names = NASTY.map((name, index) => ({
      name,
      phone: `+7 916 000-00-0${index}`,
    }));
    const { manager } = await companyWithLeads(names.length, names);
    const response = await manager.get('/api/leads/export?format=xlsx');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Заявки.xlsx')}`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Заявки');
    expect(sheet?.getRow(1).getCell(2).value).toBe('Клиент');
    expect(sheet?.rowCount).toBe(1 + names.length);
    const clients: unknown[] = [];
    for (let row = 2; row <= names.length + 1; row += 1) {
      const cells = sheet?.getRow(row);
      clients.push(cells?.getCell(2).value);
      expect(cells?.getCell(1).value).toBeInstanceOf(Date);
      expect(cells?.getCell(3).value).toMatch(/^'\+7916000000\d$/);
      expect(cells?.getCell(4).value).toBe('Новая');
      expect(cells?.getCell(8).value).toBe(510_000);
      for (let column = 1; column <= 12; column += 1) {
        expect(typeof cells?.getCell(column).value === 'object' && cells?.getCell(column).formula).toBeFalsy();
      }
    }
    // Newest first: the last name given is the first row.
    expect(clients.reverse()).toEqual(names.map((entry) => `'${entry.name}`));
  });

  it('refuses a format it does not write', async () => {
    const { manager } = await companyWithLeads(0);
    const refused = await manager.get('/api/leads/export?format=pdf');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('VALIDATION_FAILED');
  });
});
