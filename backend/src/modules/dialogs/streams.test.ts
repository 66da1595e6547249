// The managers' live streams over real HTTP, signed in by the session cookie: the inbox hears of
// every dialog of its company (and of no other's), a dialog's stream carries what the visitor's
// does plus the visitor typing, which the visitor's own stream never echoes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../test/support/app.ts';
import { type ApiClient, signUpOwner } from '../../../test/support/clients.ts';
import { readSse, type StreamedEvent } from '../../../test/support/sse.ts';
import { readEvents, visitor, type WidgetSession, widgetKeyOf } from '../../../test/support/widget.ts';
import type { DialogSummaryView } from './schemas.ts';

let ctx: TestContext;
let baseUrl: string;
beforeAll(async () => {
  ctx = await createTestApp();
  baseUrl = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await ctx.app.close();
});

const asMember = (member: ApiClient) => ({ cookie: member.cookie });
const rows = (events: StreamedEvent[]) =>
  events.filter((e) => e.event === 'dialog').map((e) => e.data as DialogSummaryView);

async function company(name: string) {
  const owner = await signUpOwner(ctx.app, { companyName: name });
  const key = await widgetKeyOf(ctx, owner);
  return { owner, key, client: visitor(ctx.app, key) };
}

describe('GET /api/dialogs/events', () => {
  it('sends a dialog’s row when it starts and when it changes, and nothing of another company', async () => {
    const a = await company('Ремонт Инбокс');
    const b = await company('Ремонт Чужой');
    let session: WidgetSession | undefined;
    const events = await readSse(`${baseUrl}/api/dialogs/events`, {
      headers: asMember(a.owner),
      onOpen: async () => {
        await b.client.start();
        session = (await a.client.start()).json<WidgetSession>();
      },
      until: (all) => rows(all).length > 0,
    });
    expect(rows(events)).toEqual([
      expect.objectContaining({ id: session?.sessionId, state: 'ai', lastMessage: expect.any(Object) }),
    ]);

    const later = await readSse(`${baseUrl}/api/dialogs/events`, {
      headers: asMember(a.owner),
      onOpen: async () => {
        await b.client.message((await b.client.start()).json<WidgetSession>(), 'чужое');
        await a.client.message(session as WidgetSession, 'Позовите менеджера');
      },
      until: (all) => rows(all).some((row) => row.state === 'waiting_operator'),
    });
    expect(rows(later).every((row) => row.id === session?.sessionId)).toBe(true);
    expect(rows(later).at(-1)?.lastMessage?.content).toBe('Позовите менеджера');
  });

  it('is for members signed in', async () => {
    const response = await fetch(`${baseUrl}/api/dialogs/events`);
    expect(response.status).toBe(401);
  });
});

describe('GET /api/dialogs/:id/events', () => {
  it('carries the visitor typing to managers only, and resumes after Last-Event-ID', async () => {
    const { owner, key, client } = await company('Ремонт Поток');
    const session = (await client.start()).json<WidgetSession>();
    const url = `${baseUrl}/api/dialogs/${session.sessionId}/events`;

    const typing = async () => {
      const response = await client.typing(session);
      expect(response.statusCode).toBe(204);
    };
    const seen = await readSse(url, {
      headers: asMember(owner),
      onOpen: async () => {
        await typing();
        await typing();
        await client.message(session, 'Здравствуйте');
      },
      until: (all) =>
        all.some((e) => e.event === 'message' && (e.data as { content: string }).content === 'Здравствуйте'),
    });
    // The two greetings replayed, then the typing (one, however often the widget says so), then the
    // message (and the AI's reply beginning).
    expect(seen.slice(0, 4).map((e) => [e.event, e.id])).toEqual([
      ['message', '1'],
      ['message', '2'],
      ['visitor_typing', undefined],
      ['message', '3'],
    ]);

    const resumed = await readSse(url, {
      headers: { ...asMember(owner), 'last-event-id': '2' },
      until: (all) => all.length >= 1,
    });
    expect(resumed[0]).toMatchObject({ event: 'message', id: '3' });

    // The visitor's own stream never shows their typing.
    const another = (await client.start()).json<WidgetSession>();
    const own = await readEvents(baseUrl, {
      key,
      session: another,
      lastEventId: 2,
      onOpen: async () => {
        expect((await client.typing(another)).statusCode).toBe(204);
        await owner.post(`/api/dialogs/${another.sessionId}/messages`, { text: 'Добрый день!' });
      },
      until: (all) => all.some((e) => e.event === 'message' && (e.data as { role: string }).role === 'operator'),
    });
    expect(own.map((e) => e.event)).not.toContain('visitor_typing');
  });

  it('is the company’s own: another company’s member gets 404', async () => {
    const { client } = await company('Ремонт Свой');
    const other = await signUpOwner(ctx.app);
    const session = (await client.start()).json<WidgetSession>();
    const response = await fetch(`${baseUrl}/api/dialogs/${session.sessionId}/events`, { headers: asMember(other) });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('DIALOG_NOT_FOUND');
  });
});
