import type { SessionView } from '@aimax/backend/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, parseErrorBody } from './api';
import { t } from './i18n';
import { useAuthStore } from './stores/useAuthStore';

const session: SessionView = {
  user: { id: '0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c01', email: 'owner@example.ru', name: 'Анна', role: 'owner' },
  tenant: {
    id: '0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c02',
    name: 'Ремонт Плюс',
    plan: 'free',
    planExpiresAt: null,
    status: 'active',
  },
  csrfToken: 'csrf-token-1',
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;

beforeEach(() => {
  fetchMock = vi.fn<typeof fetch>();
  vi.stubGlobal('fetch', fetchMock);
  useAuthStore.setState({ status: 'signedOut', session: null, signOutReason: null });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const sentRequest = (call = 0) => {
  const [url, init] = fetchMock.mock.calls[call] ?? [];
  return { url, init: init ?? {}, headers: (init?.headers ?? {}) as Record<string, string> };
};

describe('parseErrorBody', () => {
  it('keeps the code, the message and the per-field messages of an API error', () => {
    const error = parseErrorBody(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Введите корректный email, например name@company.ru',
        fields: { email: 'Введите корректный email, например name@company.ru', password: 'Заполните это поле' },
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Введите корректный email, например name@company.ru',
      fields: { email: 'Введите корректный email, например name@company.ru', password: 'Заполните это поле' },
    });
  });

  it('gives an error without fields an empty field map', () => {
    const error = parseErrorBody(401, { error: { code: 'INVALID_CREDENTIALS', message: 'Неверный email или пароль' } });
    expect(error.fields).toEqual({});
  });

  it('turns a body of another shape (a proxy page, nothing) into UNEXPECTED_RESPONSE', () => {
    for (const body of [undefined, '<html>502</html>', { message: 'Bad gateway' }, { error: 'boom' }]) {
      expect(parseErrorBody(502, body)).toMatchObject({
        status: 502,
        code: 'UNEXPECTED_RESPONSE',
        message: t.errors.unexpected,
      });
    }
  });
});

describe('request', () => {
  it('sends the CSRF token with a change made while signed in', async () => {
    useAuthStore.getState().signedIn(session);
    fetchMock.mockResolvedValue(json(201, { invite: {}, url: 'http://x/admin/invite/abc' }));
    await api.team.createInvite({ role: 'manager' });
    const { url, init, headers } = sentRequest();
    expect(url).toBe('/api/team/invites');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"role":"manager"}');
    expect(headers['x-csrf-token']).toBe('csrf-token-1');
    expect(headers['content-type']).toBe('application/json');
  });

  it('sends no CSRF token with a read, and none before sign-in', async () => {
    useAuthStore.getState().signedIn(session);
    fetchMock.mockResolvedValue(json(200, { members: [], invites: [] }));
    await api.team.get();
    expect(sentRequest(0).headers['x-csrf-token']).toBeUndefined();

    useAuthStore.getState().signedOut();
    fetchMock.mockResolvedValue(json(200, session));
    await api.auth.logIn({ email: 'owner@example.ru', password: 'secret-password' });
    expect(sentRequest(1).headers['x-csrf-token']).toBeUndefined();
  });

  it('declares no JSON content type on a POST without a body, which the API would refuse', async () => {
    useAuthStore.getState().signedIn({ ...session, user: { ...session.user, role: 'superadmin' }, tenant: null });
    fetchMock.mockResolvedValue(json(200, {}));
    await api.platform.suspendTenant('0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c02');
    const { url, init, headers } = sentRequest();
    expect(url).toBe('/api/platform/tenants/0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c02/suspend');
    expect(init.body).toBeUndefined();
    expect(headers['content-type']).toBeUndefined();
  });

  it('puts only the filters that are set in the query string', async () => {
    useAuthStore.getState().signedIn(session);
    fetchMock.mockResolvedValue(json(200, { tenants: [], total: 0 }));
    await api.platform.listTenants({ q: 'ремонт', status: undefined, limit: 20, offset: 0 });
    expect(sentRequest().url).toBe('/api/platform/tenants?q=%D1%80%D0%B5%D0%BC%D0%BE%D0%BD%D1%82&limit=20&offset=0');
  });

  it('answers undefined for 204 No Content', async () => {
    useAuthStore.getState().signedIn(session);
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(api.auth.logOut()).resolves.toBeUndefined();
  });

  it('throws the API error with its fields', async () => {
    fetchMock.mockResolvedValue(
      json(400, {
        error: {
          code: 'WEAK_PASSWORD',
          message: 'Пароль должен быть не короче 8 символов',
          fields: { password: 'Пароль должен быть не короче 8 символов' },
        },
      }),
    );
    const failure = api.auth.signUp({ companyName: 'Ремонт', email: 'a@b.ru', password: '123' });
    await expect(failure).rejects.toMatchObject({
      status: 400,
      code: 'WEAK_PASSWORD',
      fields: { password: 'Пароль должен быть не короче 8 символов' },
    });
  });

  it('signs the user out, as expired, when a call made while signed in gets a 401', async () => {
    useAuthStore.getState().signedIn(session);
    fetchMock.mockResolvedValue(json(401, { error: { code: 'UNAUTHENTICATED', message: 'Войдите в систему' } }));
    await expect(api.team.get()).rejects.toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(useAuthStore.getState()).toMatchObject({ status: 'signedOut', session: null, signOutReason: 'expired' });
  });

  it('leaves a newer session alone when a 401 arrives for a request sent with an older one', async () => {
    useAuthStore.getState().signedIn(session);
    let answer: (response: Response) => void = () => {};
    fetchMock.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const pending = api.team.get();
    const newer = { ...session, csrfToken: 'csrf-token-2' };
    useAuthStore.getState().signedIn(newer);
    answer(json(401, { error: { code: 'UNAUTHENTICATED', message: 'Войдите в систему' } }));
    await expect(pending).rejects.toBeInstanceOf(ApiError);
    expect(useAuthStore.getState().session).toBe(newer);
  });

  it('does not treat a wrong password at sign-in as an ended session', async () => {
    fetchMock.mockResolvedValue(
      json(401, { error: { code: 'INVALID_CREDENTIALS', message: 'Неверный email или пароль' } }),
    );
    await expect(api.auth.logIn({ email: 'a@b.ru', password: 'wrong-password' })).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });
    expect(useAuthStore.getState().signOutReason).toBeNull();
  });

  it('reports a failed connection as NETWORK_ERROR with a Russian message', async () => {
    fetchMock.mockRejectedValue(new TypeError('fetch failed'));
    await expect(api.auth.current()).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK_ERROR',
      message: t.errors.network,
    });
  });

  it('lets an aborted request reject with the AbortError, so callers can ignore it', async () => {
    fetchMock.mockRejectedValue(new DOMException('aborted', 'AbortError'));
    await expect(api.auth.current()).rejects.toMatchObject({ name: 'AbortError' });
  });
});

/** Stands in for XMLHttpRequest, which Node lacks: records the request and lets a test answer it. */
class FakeXhr {
  static last: FakeXhr | undefined;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  respond(status: number, body: string) {
    this.status = status;
    this.responseText = body;
    this.onload?.();
  }
}

const sentXhr = () => {
  if (!FakeXhr.last) throw new Error('no request was sent');
  return FakeXhr.last;
};

describe('upload', () => {
  const png = new File([new Uint8Array([137, 80, 78, 71])], 'logo.png', { type: 'image/png' });
  const view = { companyName: '', logo: { url: 'http://localhost:3000/files/public/logo.webp' } };

  beforeEach(() => {
    FakeXhr.last = undefined;
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });

  it('posts the file in the field `file` with the CSRF token, reports progress and answers the view', async () => {
    useAuthStore.getState().signedIn(session);
    const progress: number[] = [];
    const pending = api.branding.uploadLogo(png, { onProgress: (sent) => progress.push(sent) });
    const xhr = sentXhr();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/branding/logo');
    expect(xhr.headers['x-csrf-token']).toBe('csrf-token-1');
    expect(xhr.headers['content-type']).toBeUndefined();
    expect((xhr.body as FormData).get('file')).toBe(png);

    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 512, total: 2048 });
    xhr.upload.onprogress?.({ lengthComputable: false, loaded: 1024, total: 0 });
    xhr.upload.onprogress?.({ lengthComputable: true, loaded: 2048, total: 2048 });
    xhr.respond(200, JSON.stringify(view));
    await expect(pending).resolves.toEqual(view);
    expect(progress).toEqual([0.25, 1]);
  });

  it('fails with the server’s error and its field message, as other calls do', async () => {
    useAuthStore.getState().signedIn(session);
    const pending = api.botSettings.uploadAvatar(png);
    sentXhr().respond(
      400,
      JSON.stringify({
        error: {
          code: 'UNSUPPORTED_IMAGE',
          message: 'Загрузите изображение в формате PNG, JPEG или WebP',
          fields: { file: 'Загрузите изображение в формате PNG, JPEG или WebP' },
        },
      }),
    );
    await expect(pending).rejects.toMatchObject({
      status: 400,
      code: 'UNSUPPORTED_IMAGE',
      fields: { file: 'Загрузите изображение в формате PNG, JPEG или WebP' },
    });
  });

  it('turns a reply that is not the API’s into UNEXPECTED_RESPONSE', async () => {
    const pending = api.branding.uploadLogo(png);
    sentXhr().respond(413, '<html>Request Entity Too Large</html>');
    await expect(pending).rejects.toMatchObject({
      status: 413,
      code: 'UNEXPECTED_RESPONSE',
      message: t.errors.unexpected,
    });
  });

  it('signs the user out, as expired, on a 401', async () => {
    useAuthStore.getState().signedIn(session);
    const pending = api.branding.uploadLogo(png);
    sentXhr().respond(401, JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Войдите в систему' } }));
    await expect(pending).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(useAuthStore.getState()).toMatchObject({ status: 'signedOut', signOutReason: 'expired' });
  });

  it('reports a failed connection as NETWORK_ERROR', async () => {
    const pending = api.branding.uploadLogo(png);
    sentXhr().onerror?.();
    await expect(pending).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR', message: t.errors.network });
  });

  it('stops when its signal aborts, rejecting with an AbortError', async () => {
    const controller = new AbortController();
    const pending = api.branding.uploadLogo(png, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('saving settings', () => {
  it('PUTs the bot settings as JSON', async () => {
    useAuthStore.getState().signedIn(session);
    fetchMock.mockResolvedValue(json(200, {}));
    await api.botSettings.save({ name: 'Алиса', greeting: 'Здравствуйте!' });
    const { url, init, headers } = sentRequest();
    expect(url).toBe('/api/bot-settings');
    expect(init.method).toBe('PUT');
    expect(init.body).toBe('{"name":"Алиса","greeting":"Здравствуйте!"}');
    expect(headers['x-csrf-token']).toBe('csrf-token-1');
  });
});

describe('invoices', () => {
  it('POSTs the plan and the term of a new invoice, with the CSRF token', async () => {
    useAuthStore.getState().signedIn(session);
    fetchMock.mockResolvedValue(json(201, { invoice: {}, pdf: null }));
    await api.billing.issueInvoice({ plan: 'business', termMonths: 3 });
    const { url, init, headers } = sentRequest();
    expect(url).toBe('/api/billing/invoices');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"plan":"business","termMonths":3}');
    expect(headers['x-csrf-token']).toBe('csrf-token-1');
  });

  it('lists every company’s invoices by the filters that are set, dates as days', async () => {
    useAuthStore.getState().signedIn({ ...session, user: { ...session.user, role: 'superadmin' }, tenant: null });
    fetchMock.mockResolvedValue(json(200, { invoices: [], total: 0 }));
    await api.platform.listInvoices({
      q: '',
      status: 'overdue',
      from: '2026-03-01',
      to: undefined,
      limit: 20,
      offset: 0,
    });
    expect(sentRequest().url).toBe('/api/platform/invoices?status=overdue&from=2026-03-01&limit=20&offset=0');
  });

  it('links an email’s .eml file by its delivery id', () => {
    expect(api.platform.deliveryFileUrl('0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c09')).toBe(
      '/api/platform/deliveries/0b7c3c4e-7d0e-4f7e-9f57-1f1d1a0b0c09/eml',
    );
  });
});

describe('deliveries', () => {
  it('lists every company’s deliveries by the channel and status that are set', async () => {
    useAuthStore.getState().signedIn({ ...session, user: { ...session.user, role: 'superadmin' }, tenant: null });
    fetchMock.mockResolvedValue(json(200, { deliveries: [], total: 0 }));
    await api.platform.listDeliveries({ channel: 'telegram', status: undefined, limit: 20, offset: 40 });
    expect(sentRequest().url).toBe('/api/platform/deliveries?channel=telegram&limit=20&offset=40');
  });

  it('lists the company’s own deliveries for its owner', async () => {
    useAuthStore.getState().signedIn(session);
    fetchMock.mockResolvedValue(json(200, { deliveries: [], total: 0 }));
    await api.deliveries.list({ status: 'failed', limit: 20, offset: 0 });
    expect(sentRequest().url).toBe('/api/deliveries?status=failed&limit=20&offset=0');
  });
});

describe('telegram', () => {
  it('PATCHes whether every new dialog is announced, with the CSRF token', async () => {
    useAuthStore.getState().signedIn(session);
    fetchMock.mockResolvedValue(json(200, { bot: null, members: [] }));
    await api.integrations.setTelegramSettings({ notifyNewDialogs: true });
    const { url, init, headers } = sentRequest();
    expect(url).toBe('/api/integrations/telegram');
    expect(init.method).toBe('PATCH');
    expect(init.body).toBe('{"notifyNewDialogs":true}');
    expect(headers['x-csrf-token']).toBe('csrf-token-1');
  });

  it('PUTs the bot’s token to connect it', async () => {
    useAuthStore.getState().signedIn(session);
    fetchMock.mockResolvedValue(json(200, { bot: null, members: [] }));
    await api.integrations.connectTelegram('123456789:AAH-token');
    expect(sentRequest().init).toMatchObject({ method: 'PUT', body: '{"token":"123456789:AAH-token"}' });
  });
});
