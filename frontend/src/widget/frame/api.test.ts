import { describe, expect, it } from 'vitest';
import { createWidgetApi } from './api';

interface Call {
  url: string;
  init: RequestInit;
}

function recordingFetch(respond: () => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond();
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const session = { sessionId: '11111111-1111-4111-8111-111111111111', token: 'tok en' };

describe('the widget API client', () => {
  it('sends the widget key and the session token the way the API reads them', async () => {
    const { calls, fetchImpl } = recordingFetch(() => json(200, { status: 'active' }));
    const api = createWidgetApi('wk_abc', fetchImpl);
    await api.answer(session, 'area', 54);
    expect(calls[0]?.url).toBe(`/api/widget/sessions/${session.sessionId}/answers`);
    expect(calls[0]?.init.headers).toMatchObject({ 'x-widget-key': 'wk_abc', authorization: 'Bearer tok en' });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ stepId: 'area', value: 54 });
    await api.startSession({ visitorId: 'v'.repeat(22) });
    expect(JSON.parse(String(calls[1]?.init.body))).toEqual({ key: 'wk_abc', visitorId: 'v'.repeat(22) });
    expect(api.eventsUrl(session, 7)).toBe(
      `/api/widget/sessions/${session.sessionId}/events?key=wk_abc&token=tok+en&lastEventId=7`,
    );
  });

  it('turns the API’s error into one with its Russian message and field errors', async () => {
    const { fetchImpl } = recordingFetch(() =>
      json(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Проверьте введённые данные',
          fields: { area: 'От 5 до 1000 м²' },
        },
      }),
    );
    await expect(createWidgetApi('wk', fetchImpl).answer(session, 'area', 1)).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Проверьте введённые данные',
      fields: { area: 'От 5 до 1000 м²' },
    });
  });

  it('explains a lost connection and a reply that is not the API’s', async () => {
    const offline = recordingFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(createWidgetApi('wk', offline.fetchImpl).config()).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: 'Нет связи с сервером. Проверьте интернет и попробуйте ещё раз',
    });
    const proxy = recordingFetch(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    await expect(createWidgetApi('wk', proxy.fetchImpl).config()).rejects.toMatchObject({
      status: 502,
      code: 'UNEXPECTED_RESPONSE',
    });
  });
});
