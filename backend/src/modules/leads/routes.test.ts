import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { addManager, signUpOwner } from '../../../test/support/clients.ts';
import { pdfText } from '../../../test/support/pdf.ts';
import { completeFunnel, visitor, widgetKeyOf } from '../../../test/support/widget.ts';

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
    });

    const manager = await addManager(ctx.app, owner);
    const detail = await manager.get(`/api/leads/${list.leads[1].id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      answers: expect.arrayContaining([{ question: 'Сколько комнат?', answer: '2' }]),
      pageUrl: null,
      utm: {},
    });
    expect(detail.json().transcript.map((m: { kind: string }) => m.kind)).toContain('estimate');
    expect([first.sessionId, second.sessionId]).toHaveLength(2);

    const pdf = await manager.post(`/api/leads/${list.leads[0].id}/estimate-pdf`);
    expect(pdf.statusCode).toBe(200);
    const { pathname, search } = new URL(pdf.json().url);
    const text = await pdfText((await ctx.app.inject({ method: 'GET', url: `${pathname}${search}` })).rawPayload);
    expect(text).toContain('Ремонт Профи');
    expect(text).toContain('+79161234567');
  });

  it('pages, and answers 404 for a lead that is not there', async () => {
    const owner = await signUpOwner(ctx.app);
    expect((await owner.get('/api/leads?limit=0')).statusCode).toBe(400);
    const missing = await owner.get('/api/leads/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toEqual({ code: 'LEAD_NOT_FOUND', message: 'Заявка не найдена' });
    expect((await owner.get('/api/leads')).json()).toEqual({ leads: [], total: 0 });
  });
});
