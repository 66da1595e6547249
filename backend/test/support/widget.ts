// A visitor, as the widget frame talks to the API: start a session, answer, write, listen.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { tenants } from '../../src/db/schema.ts';
import type { TestApp, TestContext } from './app.ts';
import type { ApiClient } from './clients.ts';
import { randomIp } from './clients.ts';
import { readSse, type StreamedEvent } from './sse.ts';

export interface WidgetSession {
  sessionId: string;
  token: string;
}

export async function widgetKeyOf(ctx: TestContext, owner: ApiClient): Promise<string> {
  const tenantId = owner.session.tenant?.id as string;
  const [row] = await ctx.db.withTenant(tenantId, (tx) =>
    tx.select({ key: tenants.widgetKey }).from(tenants).where(eq(tenants.id, tenantId)),
  );
  return row?.key as string;
}

export const FULL_FUNNEL: [string, unknown][] = [
  ['objectType', 'secondary'],
  ['repairType', 'capital'],
  ['area', 54],
  ['rooms', 2],
  ['replanning', 'no'],
  ['designProject', 'no'],
  ['timing', 'month'],
  ['contacts', { name: 'Анна', phone: '+7 916 123-45-67', consent: true }],
];

export function visitor(app: TestApp, key: string, ip = randomIp()) {
  const visitorId = randomBytes(12).toString('base64url');
  const headers = (session: WidgetSession) => ({ 'x-widget-key': key, authorization: `Bearer ${session.token}` });
  return {
    visitorId,
    start: (extra: Record<string, unknown> = {}): Promise<LightMyRequestResponse> =>
      app.inject({
        method: 'POST',
        url: '/api/widget/sessions',
        remoteAddress: ip,
        payload: { key, visitorId, ...extra },
      }),
    answer: (session: WidgetSession, stepId: string, value: unknown) =>
      app.inject({
        method: 'POST',
        url: `/api/widget/sessions/${session.sessionId}/answers`,
        remoteAddress: ip,
        headers: headers(session),
        payload: { stepId, value },
      }),
    message: (session: WidgetSession, text: string) =>
      app.inject({
        method: 'POST',
        url: `/api/widget/sessions/${session.sessionId}/messages`,
        remoteAddress: ip,
        headers: headers(session),
        payload: { text },
      }),
    typing: (session: WidgetSession) =>
      app.inject({
        method: 'POST',
        url: `/api/widget/sessions/${session.sessionId}/typing`,
        remoteAddress: ip,
        headers: headers(session),
      }),
    requestOperator: (session: WidgetSession) =>
      app.inject({
        method: 'POST',
        url: `/api/widget/sessions/${session.sessionId}/operator`,
        remoteAddress: ip,
        headers: headers(session),
      }),
    estimatePdf: (session: WidgetSession) =>
      app.inject({
        method: 'POST',
        url: `/api/widget/sessions/${session.sessionId}/estimate-pdf`,
        remoteAddress: ip,
        headers: headers(session),
      }),
  };
}

export type Visitor = ReturnType<typeof visitor>;

/** Starts a session and answers every step of the default funnel. */
export async function completeFunnel(client: Visitor): Promise<WidgetSession> {
  const session = (await client.start()).json<WidgetSession>();
  for (const [stepId, value] of FULL_FUNNEL) {
    const response = await client.answer(session, stepId, value);
    if (response.statusCode !== 200) throw new Error(`answering ${stepId}: ${response.body}`);
  }
  return session;
}

export type { StreamedEvent } from './sse.ts';

/** Reads a session's SSE stream over real HTTP until `until` says enough (or the time is up). */
export function readEvents(
  baseUrl: string,
  options: {
    key: string;
    session: WidgetSession;
    lastEventId?: number;
    until(events: StreamedEvent[]): boolean;
    /** Runs once the stream is open (the server has subscribed), e.g. to send a message. */
    onOpen?: () => Promise<unknown>;
    timeoutMs?: number;
  },
): Promise<StreamedEvent[]> {
  const url = `${baseUrl}/api/widget/sessions/${options.session.sessionId}/events?key=${options.key}&token=${options.session.token}`;
  return readSse(url, {
    headers: options.lastEventId === undefined ? {} : { 'last-event-id': String(options.lastEventId) },
    until: options.until,
    onOpen: options.onOpen,
    timeoutMs: options.timeoutMs,
  });
}
