import type { AnswerView, MessageView, WidgetConfigView, WidgetSessionView } from '@aimax/backend/contracts';
import { describe, expect, it, vi } from 'vitest';
import type { FrameMessage } from '../protocol';
import { storageKeeper, type VisitKeeper } from '../visitKeeper';
import { type SessionCredentials, type WidgetApi, WidgetApiError } from './api';
import { type ChatDeps, createChatStore, funnelMovedElsewhere } from './chatStore';
import type { EventStreamOptions } from './events';
import { createVisitStore } from './visits';

const message = (seq: number, extra: Partial<MessageView> = {}): MessageView => ({
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  seq,
  role: 'bot',
  kind: 'text',
  content: `message ${seq}`,
  data: {},
  createdAt: '2026-03-02T09:30:00.000Z',
  ...extra,
});

const objectType = {
  id: 'objectType',
  kind: 'choice' as const,
  title: 'Какой объект ремонтируем?',
  options: [
    { id: 'new_build', label: 'Новостройка' },
    { id: 'house', label: 'Частный дом' },
  ],
};
const repairType = { ...objectType, id: 'repairType', title: 'Какой ремонт нужен?' };
const contacts = { id: 'contacts', kind: 'contacts' as const, title: 'Куда прислать смету?', consentText: 'Согласен' };

const config: WidgetConfigView = {
  companyName: 'Ремонт Профи',
  primaryColor: '#0f766e',
  accentColor: '#f59e0b',
  welcomeTitle: 'Рассчитаем стоимость',
  welcomeText: '',
  logoUrl: null,
  bot: { name: 'Консультант', greeting: 'Здравствуйте!', avatarUrl: null },
  poweredBy: true,
  poweredByUrl: 'https://app.aimax.ru/admin/signup?utm_source=widget',
  metrika: {
    counterId: '98765432',
    goals: { opened: 'chat_open', step: 'quiz_{step}', contacts: 'lead', estimate: 'pdf' },
  },
};

const sessionView = (extra: Partial<WidgetSessionView> = {}): WidgetSessionView => ({
  sessionId: '11111111-1111-4111-8111-111111111111',
  token: 'token-1',
  status: 'active',
  step: objectType,
  progress: { answered: 0, total: 8 },
  estimate: null,
  messages: [
    message(1, { content: 'Здравствуйте!' }),
    message(2, { kind: 'question', data: { stepId: 'objectType' } }),
  ],
  dialog: { state: 'ai', operatorName: null },
  ...extra,
});

/** An API that answers from the given functions, and remembers what it was asked. */
function fakeApi(overrides: Partial<WidgetApi> = {}): WidgetApi {
  return {
    config: vi.fn(async () => config),
    startSession: vi.fn(async () => sessionView()),
    answer: vi.fn(async (): Promise<AnswerView> => {
      throw new Error('not expected');
    }),
    sendMessage: vi.fn(async (): Promise<MessageView> => {
      throw new Error('not expected');
    }),
    estimatePdf: vi.fn(async () => ({
      url: 'https://aimax.test/files/e.pdf?sig=1',
      expiresAt: '2026-03-02T09:40:00Z',
    })),
    requestOperator: vi.fn(async () => ({ state: 'waiting_operator' as const, operatorName: null })),
    typing: vi.fn(async () => undefined),
    eventsUrl: (session: SessionCredentials, afterSeq: number) => `/events/${session.sessionId}?after=${afterSeq}`,
    ...overrides,
  };
}

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (name: string) => items.get(name) ?? null,
    setItem: (name: string, value: string) => void items.set(name, value),
  };
}

function setup(api: WidgetApi, storage = memoryStorage(), keeper: Promise<VisitKeeper> | null = null) {
  const posted: FrameMessage[] = [];
  const streams: EventStreamOptions[] = [];
  const deps: ChatDeps = {
    api,
    visits: createVisitStore(keeper ?? storageKeeper('wk_test', () => storage)),
    page: { pageUrl: 'https://remont.ru/?utm_source=yandex', referrer: undefined, utm: { utm_source: 'yandex' } },
    openEvents: (options) => {
      streams.push(options);
      return () => {};
    },
    postToHost: (posting) => void posted.push(posting),
  };
  const store = createChatStore(deps);
  const goals = () => posted.flatMap((item) => (item.type === 'aimax:goal' ? [item.goal] : []));
  return { store, posted, goals, streams, storage };
}

describe('funnelMovedElsewhere', () => {
  const state = { messages: [message(1)], step: repairType, status: 'active' as const, answering: false };

  it('notices a question the visitor answered from another tab', () => {
    expect(funnelMovedElsewhere(state, message(5, { kind: 'question', data: { stepId: 'area' } }))).toBe(true);
  });

  it('ignores our own answer’s messages, known ones, and anything while an answer is under way', () => {
    expect(funnelMovedElsewhere(state, message(5, { kind: 'question', data: { stepId: 'repairType' } }))).toBe(false);
    expect(funnelMovedElsewhere(state, message(1, { kind: 'question', data: { stepId: 'area' } }))).toBe(false);
    const busy = { ...state, answering: true };
    expect(funnelMovedElsewhere(busy, message(5, { kind: 'question', data: { stepId: 'area' } }))).toBe(false);
  });
});

describe('the chat store', () => {
  it('starts a session with the page’s address and UTM, keeps its token, and listens after the last message', async () => {
    const api = fakeApi();
    const { store, goals, streams, storage } = setup(api);
    await store.getState().start();

    const [body] = vi.mocked(api.startSession).mock.calls[0] ?? [];
    expect(body).toMatchObject({ pageUrl: 'https://remont.ru/?utm_source=yandex', utm: { utm_source: 'yandex' } });
    expect(body?.visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body).not.toHaveProperty('token');
    expect(JSON.parse(storage.items.get('aimax:visit:wk_test') ?? '{}')).toEqual({
      visitorId: body?.visitorId,
      token: 'token-1',
    });
    expect(store.getState()).toMatchObject({ phase: 'ready', step: { id: 'objectType' }, loadedSeq: 2 });
    expect(goals()).toEqual(['chat_open']);
    expect(streams[0]?.url()).toBe('/events/11111111-1111-4111-8111-111111111111?after=2');
  });

  it('resumes the stored session: the same visitor, its token, its messages', async () => {
    const visit = { visitorId: 'Vis1tor-0123456789abcd', token: 'token-kept' };
    const api = fakeApi({
      startSession: vi.fn(async () =>
        sessionView({
          token: 'token-kept',
          step: repairType,
          progress: { answered: 1, total: 8 },
          messages: [message(1), message(2), message(3, { role: 'visitor', kind: 'answer' }), message(4)],
        }),
      ),
    });
    const { store } = setup(api, memoryStorage({ 'aimax:visit:wk_test': JSON.stringify(visit) }));
    await store.getState().start();
    expect(vi.mocked(api.startSession).mock.calls[0]?.[0]).toMatchObject(visit);
    expect(store.getState().messages).toHaveLength(4);
    expect(store.getState().step?.id).toBe('repairType');
  });

  it('starts no session before the page has said which visit it keeps, and asks for the config meanwhile', async () => {
    const api = fakeApi({ startSession: vi.fn(async () => sessionView({ token: 'token-kept' })) });
    let answer: (keeper: VisitKeeper) => void = () => {};
    const page = memoryStorage({
      'aimax:visit:wk_test': JSON.stringify({ visitorId: 'Vis1tor-0123456789abcd', token: 'token-kept' }),
    });
    const { store } = setup(api, memoryStorage(), new Promise((resolve) => (answer = resolve)));
    const starting = store.getState().start();
    await vi.waitFor(() => expect(api.config).toHaveBeenCalled());
    expect(api.startSession).not.toHaveBeenCalled();
    answer(storageKeeper('wk_test', () => page));
    await starting;
    expect(vi.mocked(api.startSession).mock.calls[0]?.[0]).toMatchObject({ token: 'token-kept' });
    expect(store.getState().phase).toBe('ready');
  });

  it('answers a step, merges what the stream already brought, and reaches the step goal', async () => {
    const answered = [message(3, { role: 'visitor', kind: 'answer' }), message(4, { kind: 'question' })];
    const api = fakeApi({
      answer: vi.fn(async () => ({
        status: 'active' as const,
        step: repairType,
        progress: { answered: 1, total: 8 },
        estimate: null,
        messages: answered,
      })),
    });
    const { store, goals, streams } = setup(api);
    await store.getState().start();
    const answering = store.getState().answer('house');
    // The stream delivers the same messages before the answer's response does.
    streams[0]?.onEvent({ type: 'message', message: answered[0] as MessageView });
    expect(await answering).toBe(true);
    expect(vi.mocked(api.answer).mock.calls[0]?.slice(1)).toEqual(['objectType', 'house']);
    expect(store.getState().messages.map((item) => item.seq)).toEqual([1, 2, 3, 4]);
    expect(store.getState()).toMatchObject({ answering: false, step: { id: 'repairType' } });
    expect(goals()).toEqual(['chat_open', 'quiz_objectType']);
  });

  it('shows the server’s message for the refused step', async () => {
    const api = fakeApi({
      startSession: vi.fn(async () => sessionView({ step: contacts })),
      answer: vi.fn(async () => {
        throw new WidgetApiError({
          status: 400,
          code: 'VALIDATION_FAILED',
          message: 'Проверьте введённые данные',
          fields: { contacts: 'Проверьте номер телефона, например +7 900 123-45-67' },
        });
      }),
    });
    const { store, goals } = setup(api);
    await store.getState().start();
    expect(await store.getState().answer({ name: 'Анна', phone: '+7 000', consent: true })).toBe(false);
    expect(store.getState().answerError).toBe('Проверьте номер телефона, например +7 900 123-45-67');
    expect(goals()).toEqual(['chat_open']);
  });

  it('reaches the contacts goal when the contacts are accepted, and the estimate goal on each PDF link', async () => {
    const estimate = { lines: [], total: 567_000, range: { min: 510_000, max: 652_000 } };
    const api = fakeApi({
      startSession: vi.fn(async () => sessionView({ step: contacts, progress: { answered: 7, total: 8 } })),
      answer: vi.fn(async () => ({
        status: 'completed' as const,
        step: null,
        progress: { answered: 8, total: 8 },
        estimate,
        messages: [message(9, { kind: 'estimate', data: { estimate } })],
      })),
    });
    const { store, goals } = setup(api);
    await store.getState().start();
    await store.getState().answer({ name: 'Анна', phone: '+7 916 123-45-67', consent: true });
    expect(store.getState()).toMatchObject({ status: 'completed', estimate });
    expect(await store.getState().estimatePdfLink()).toBe('https://aimax.test/files/e.pdf?sig=1');
    expect(await store.getState().estimatePdfLink()).toBe('https://aimax.test/files/e.pdf?sig=1');
    expect(api.estimatePdf).toHaveBeenCalledTimes(2);
    expect(goals()).toEqual(['chat_open', 'quiz_contacts', 'lead', 'pdf', 'pdf']);
  });

  it('keeps a failed message for «повторить», and sends one message at a time', async () => {
    let fail = true;
    const api = fakeApi({
      sendMessage: vi.fn(async () => {
        if (fail) throw new WidgetApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Нет связи' });
        return message(3, { role: 'visitor', content: 'Сколько длится ремонт?' });
      }),
    });
    const { store } = setup(api);
    await store.getState().start();

    const sending = store.getState().send('  Сколько длится ремонт?  ');
    expect(store.getState().outbox).toMatchObject([{ text: 'Сколько длится ремонт?', state: 'sending' }]);
    expect(await store.getState().send('Второй вопрос')).toBe(false);
    await sending;
    const [failed] = store.getState().outbox;
    expect(failed).toMatchObject({ state: 'failed', error: 'Нет связи' });

    fail = false;
    await store.getState().retry(failed?.localId ?? '');
    expect(store.getState().outbox).toEqual([]);
    expect(store.getState().messages.at(-1)?.content).toBe('Сколько длится ремонт?');
  });

  it('shows the visitor’s message once when the stream brings it before the send answers', async () => {
    let answer: (stored: MessageView) => void = () => {};
    const api = fakeApi({
      sendMessage: vi.fn(() => new Promise<MessageView>((resolve) => (answer = resolve))),
    });
    const { store } = setup(api);
    await store.getState().start();
    const stored = message(3, { role: 'visitor', content: 'Сколько длится ремонт?' });

    const sending = store.getState().send('Сколько длится ремонт?');
    store.getState().receive({ type: 'message', message: stored });
    expect(store.getState().outbox).toEqual([]);
    answer(stored);
    await sending;
    const shown = store.getState().messages.filter((m) => m.content === 'Сколько длится ремонт?');
    expect(shown).toHaveLength(1);
  });

  it('calls a manager, follows who answers from the stream, and says when the call failed', async () => {
    let fail = true;
    const api = fakeApi({
      requestOperator: vi.fn(async () => {
        if (fail) throw new WidgetApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Нет связи' });
        return { state: 'waiting_operator' as const, operatorName: null };
      }),
    });
    const { store } = setup(api);
    await store.getState().start();
    expect(store.getState().dialog).toEqual({ state: 'ai', operatorName: null });

    await store.getState().callOperator();
    expect(store.getState().callError).toBe('Нет связи');
    fail = false;
    await store.getState().callOperator();
    expect(store.getState()).toMatchObject({ callError: null, dialog: { state: 'waiting_operator' } });

    store.getState().receive({ type: 'state', state: 'operator', operator: { id: 'u1', name: 'Ольга' } });
    expect(store.getState().dialog).toEqual({ state: 'operator', operatorName: 'Ольга' });
  });

  it('goes back to the bot when nobody came, with the notice of when a manager will answer', async () => {
    const api = fakeApi({
      requestOperator: vi.fn(async () => ({ state: 'waiting_operator' as const, operatorName: null })),
    });
    const { store } = setup(api);
    await store.getState().start();
    await store.getState().callOperator();
    const seq = (store.getState().messages.at(-1)?.seq ?? 0) + 1;
    const notice = 'Менеджеры сейчас заняты. Ответим в течение рабочего дня — оставьте, пожалуйста, номер телефона.';
    store.getState().receive({
      type: 'message',
      message: {
        id: 'notice-1',
        seq,
        role: 'bot',
        kind: 'notice',
        content: notice,
        data: { event: 'operator_timeout' },
        createdAt: new Date().toISOString(),
      },
    });
    store.getState().receive({ type: 'state', state: 'ai', operator: null });
    expect(store.getState().dialog).toEqual({ state: 'ai', operatorName: null });
    expect(store.getState().messages.at(-1)).toMatchObject({ kind: 'notice', content: notice });
  });

  it('tells the managers of the visitor typing at most every three seconds', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const api = fakeApi();
      const { store } = setup(api);
      await store.getState().start();
      store.getState().typed();
      store.getState().typed();
      expect(api.typing).toHaveBeenCalledTimes(1);
      vi.setSystemTime(Date.now() + 3000);
      store.getState().typed();
      expect(api.typing).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reads the session again when the funnel moved in another tab', async () => {
    const api = fakeApi();
    const { store, streams } = setup(api);
    await store.getState().start();
    vi.mocked(api.startSession).mockResolvedValueOnce(
      sessionView({ step: repairType, progress: { answered: 1, total: 8 }, messages: [message(3), message(4)] }),
    );
    streams[0]?.onEvent({ type: 'message', message: message(4, { kind: 'question', data: { stepId: 'repairType' } }) });
    await vi.waitFor(() => expect(store.getState().step?.id).toBe('repairType'));
    expect(vi.mocked(api.startSession).mock.calls[1]?.[0]).toMatchObject({ token: 'token-1' });
  });

  it('says why the chat could not load, and loads on a second try', async () => {
    const api = fakeApi({
      config: vi
        .fn<WidgetApi['config']>()
        .mockRejectedValueOnce(new WidgetApiError({ status: 0, code: 'NETWORK_ERROR', message: 'Нет связи' }))
        .mockResolvedValue(config),
    });
    const { store, goals } = setup(api);
    await store.getState().start();
    expect(store.getState()).toMatchObject({ phase: 'failed', loadError: 'Нет связи' });
    await store.getState().start();
    expect(store.getState().phase).toBe('ready');
    expect(goals()).toEqual(['chat_open']);
  });
});
