// A visitor talking to the widget API over real HTTP, as the widget's frame does, for browser
// tests that need leads without driving the chat's interface (backend/test/support/widget.ts is
// the same through app.inject).
import { randomBytes } from 'node:crypto';

export interface WidgetSession {
  sessionId: string;
  token: string;
}

interface Message {
  role: string;
  kind: string;
  content: string;
}

export interface Contacts {
  name: string;
  phone: string;
}

/** The default funnel's steps in order, with answers a visitor might give; contacts come last. */
const FUNNEL: [string, unknown][] = [
  ['objectType', 'secondary'],
  ['repairType', 'capital'],
  ['area', 54],
  ['rooms', 2],
  ['replanning', 'yes'],
  ['designProject', 'no'],
  ['timing', 'month'],
];

export function visitor(baseUrl: string, key: string) {
  const visitorId = randomBytes(12).toString('base64url');

  async function post<T>(path: string, body: unknown, session?: WidgetSession): Promise<T> {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-widget-key': key,
        ...(session ? { authorization: `Bearer ${session.token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  return {
    /** Starts a session, or with the `token` kept from the first start resumes it (a reload). */
    start: (extra: { pageUrl?: string; utm?: Record<string, string>; token?: string } = {}) =>
      post<WidgetSession>('/api/widget/sessions', { key, visitorId, ...extra }),
    answer: (session: WidgetSession, stepId: string, value: unknown) =>
      post<{ messages: Message[] }>(`/api/widget/sessions/${session.sessionId}/answers`, { stepId, value }, session),
    message: (session: WidgetSession, text: string) =>
      post<Message>(`/api/widget/sessions/${session.sessionId}/messages`, { text }, session),
    /** Tells the managers the visitor is typing; it has no body, so it is sent without a content type. */
    async typing(session: WidgetSession): Promise<void> {
      const response = await fetch(`${baseUrl}/api/widget/sessions/${session.sessionId}/typing`, {
        method: 'POST',
        headers: { 'x-widget-key': key, authorization: `Bearer ${session.token}` },
      });
      if (!response.ok) throw new Error(`POST typing: ${response.status} ${await response.text()}`);
    },
  };
}

export type Visitor = ReturnType<typeof visitor>;

/**
 * Starts a session on `pageUrl` with `utm`, answers every step of the default funnel and leaves
 * `contacts`: the company gets a lead.
 */
export async function leaveLead(
  client: Visitor,
  options: { contacts: Contacts; pageUrl?: string; utm?: Record<string, string> },
): Promise<WidgetSession> {
  const session = await client.start({ pageUrl: options.pageUrl, utm: options.utm });
  for (const [stepId, value] of FUNNEL) await client.answer(session, stepId, value);
  await client.answer(session, 'contacts', { ...options.contacts, consent: true });
  return session;
}
