import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSmtpServer, startFakeSmtpServer } from '../../../test/fakes/smtpServer.ts';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, addManager, signUpOwner } from '../../../test/support/clients.ts';
import { queuedEmails } from '../../../test/support/outbox.ts';
import { FULL_FUNNEL, visitor, type WidgetSession, widgetKeyOf } from '../../../test/support/widget.ts';

let smtp: FakeSmtpServer;
let ctx: TestContext;
beforeAll(async () => {
  smtp = await startFakeSmtpServer();
  ctx = await createTestApp({ env: { SMTP_URL: smtp.url, MAIL_FROM: 'AI Max <leads@aimax.test>' } });
});
afterAll(async () => {
  await smtp.close();
});

const tenantOf = (owner: ApiClient) => owner.session.tenant?.id as string;
const leadEmailsOf = async (owner: ApiClient) =>
  (await queuedEmails(ctx.db, tenantOf(owner), 'lead_new')).map(({ to, dedupeKey }) => ({ to, dedupeKey }));

async function leaveLead(owner: ApiClient, extra: Record<string, unknown> = {}) {
  const client = visitor(ctx.app, await widgetKeyOf(ctx, owner));
  const session = (await client.start(extra)).json<WidgetSession>();
  for (const [stepId, value] of FULL_FUNNEL) expect((await client.answer(session, stepId, value)).statusCode).toBe(200);
  const [contacts] = FULL_FUNNEL.slice(-1);
  // A double click on «Отправить»: the lead and its emails are not made twice.
  expect((await client.answer(session, 'contacts', contacts?.[1])).statusCode).toBe(200);
  return session;
}

describe('new-lead emails', () => {
  it('go once to each member who keeps them on, with the lead’s contacts, answers, estimate and link', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Ремонт <Сити>' });
    const manager = await addManager(ctx.app, owner);
    const quiet = await owner.request('PUT', '/api/account/notifications', { leadEmails: false });
    expect(quiet.statusCode).toBe(200);
    const off = await manager.request('PUT', '/api/account/notifications', { leadEmails: false });
    expect(off.json()).toEqual({ leadEmails: false });
    expect((await manager.get('/api/account/notifications')).json()).toEqual({ leadEmails: false });
    // The owner turns their own back on from «Команда».
    const ownerId = owner.session.user.id;
    const back = await owner.request('PUT', `/api/team/members/${ownerId}/notifications`, { leadEmails: true });
    expect(back.json()).toMatchObject({ id: ownerId, leadEmails: true });

    await leaveLead(owner, {
      pageUrl: 'https://remont-siti.example/kvartiry?x=1',
      utm: { utm_source: 'yandex', utm_medium: 'cpc', utm_campaign: 'remont' },
    });
    const [email] = await smtp.waitFor(1, 20_000);
    const [lead] = (await owner.get('/api/leads')).json<{ leads: { id: string }[] }>().leads;

    expect(email?.to).toMatchObject({ value: [{ address: owner.session.user.email }] });
    expect(email?.from?.value[0]?.address).toBe('leads@aimax.test');
    expect(email?.subject).toBe('Новая заявка: Анна, +7 916 123-45-67');
    expect(email?.text).toContain('На сайте remont-siti.example оставили заявку: Анна, +7 916 123-45-67.');
    expect(email?.text).toContain('Площадь: 54 м²');
    expect(email?.text).toContain('Вид ремонта: Капитальный');
    expect(email?.text).toMatch(/Стоимость: от [\d\s]+ до [\d\s]+ ₽/);
    expect(email?.text).toContain('Источник: yandex / cpc / remont');
    expect(email?.text).toContain(`Открыть заявку: ${ctx.config.publicUrl}/admin/leads/${lead?.id}`);
    expect(email?.html).toContain('Ремонт &lt;Сити&gt;');
    expect(email?.html).not.toContain('<Сити>');

    const queued = await leadEmailsOf(owner);
    expect(queued).toEqual([{ to: [owner.session.user.email], dedupeKey: `lead_new:${lead?.id}:${ownerId}` }]);
  });

  it('go to the manager too once the owner turns theirs on, and to nobody when all are off', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Тихий Ремонт' });
    const manager = await addManager(ctx.app, owner);
    await owner.request('PUT', '/api/account/notifications', { leadEmails: false });
    await manager.request('PUT', '/api/account/notifications', { leadEmails: false });
    await leaveLead(owner);
    expect(await leadEmailsOf(owner)).toEqual([]);

    const on = await owner.request('PUT', `/api/team/members/${manager.userId}/notifications`, { leadEmails: true });
    expect(on.json()).toMatchObject({ id: manager.userId, leadEmails: true });
    const team = (await owner.get('/api/team')).json<{ members: { id: string; leadEmails: boolean }[] }>();
    expect(team.members.map((m) => [m.id, m.leadEmails])).toEqual(
      expect.arrayContaining([
        [owner.session.user.id, false],
        [manager.userId, true],
      ]),
    );
    const before = smtp.messages.length;
    await leaveLead(owner);
    const received = (await smtp.waitFor(before + 1, 20_000)).slice(before);
    expect(received.map((email) => email.to)).toMatchObject([{ value: [{ address: manager.session.user.email }] }]);
    expect(await leadEmailsOf(owner)).toHaveLength(1);
  });

  it('are a setting only the owner changes for others, and a member for themselves', async () => {
    const owner = await signUpOwner(ctx.app, { companyName: 'Права Ремонт' });
    const manager = await addManager(ctx.app, owner);
    const byManager = await manager.request('PUT', `/api/team/members/${owner.session.user.id}/notifications`, {
      leadEmails: false,
    });
    expect(byManager.statusCode).toBe(403);
    const unknown = await owner.request('PUT', `/api/team/members/${crypto.randomUUID()}/notifications`, {
      leadEmails: false,
    });
    expect(unknown.statusCode).toBe(404);
    const invalid = await manager.request('PUT', '/api/account/notifications', { leadEmails: 'да' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect((await manager.get('/api/account/notifications')).json()).toEqual({ leadEmails: true });
  });
});
