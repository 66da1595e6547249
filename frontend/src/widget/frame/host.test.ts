import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VisitKeeper } from '../visitKeeper';
import { createHostLink, type FrameWindow, HOST_ANSWER_MS, hostKeeper } from './host';
import { createVisitStore } from './visits';

const PAGE = 'https://remont.ru';
const KEPT = JSON.stringify({ visitorId: 'Vis1tor-0123456789abcd', token: 'token-kept' });

/** A frame inside a page at PAGE: what it posts to its parent, and a way to deliver it messages. */
function embeddedFrame() {
  const posted: { message: unknown; targetOrigin: string }[] = [];
  const parent = {
    postMessage: (message: unknown, targetOrigin: string) => void posted.push({ message, targetOrigin }),
  };
  const listeners = new Set<(event: MessageEvent) => void>();
  const frameWindow: FrameWindow = {
    parent,
    addEventListener: (_type, listener) => void listeners.add(listener),
    removeEventListener: (_type, listener) => void listeners.delete(listener),
  };
  const deliver = (data: unknown, from: { origin?: string; source?: unknown } = {}) => {
    const event = { data, origin: from.origin ?? PAGE, source: 'source' in from ? from.source : parent };
    for (const listener of [...listeners]) listener(event as MessageEvent);
  };
  return { frameWindow, parent, posted, listeners, deliver };
}

/** The frame's own storage, which on a customer's site the browser denies. */
function ownStorage(): VisitKeeper & { written: string[] } {
  const written: string[] = [];
  return { written, read: () => null, write: (visit) => void written.push(visit) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the frame’s line to the page', () => {
  it('exists only inside a page whose origin the loader named', () => {
    const { frameWindow } = embeddedFrame();
    expect(createHostLink(frameWindow, PAGE)).not.toBeNull();
    expect(createHostLink(frameWindow, null)).toBeNull();
    // Opened on its own, the frame is its own parent.
    const alone: FrameWindow & { postMessage(): void } = { ...frameWindow, postMessage: () => {} };
    alone.parent = alone;
    expect(createHostLink(alone, PAGE)).toBeNull();
  });

  it('posts to the page’s exact origin, never to any', () => {
    const { frameWindow, posted } = embeddedFrame();
    createHostLink(frameWindow, PAGE)?.post({ type: 'aimax:keep', visit: KEPT });
    expect(posted).toEqual([{ message: { type: 'aimax:keep', visit: KEPT }, targetOrigin: PAGE }]);
  });

  it('hears only its parent window at the page’s origin, and only messages it knows', () => {
    const { frameWindow, deliver, listeners } = embeddedFrame();
    const heard: unknown[] = [];
    const stop = createHostLink(frameWindow, PAGE)?.listen((message) => heard.push(message));
    deliver({ type: 'aimax:visit', visit: KEPT }, { origin: 'https://evil.example' });
    // Another frame on the same page, or a window that opened us.
    deliver({ type: 'aimax:visit', visit: KEPT }, { source: {} });
    deliver({ type: 'aimax:visit', visit: KEPT }, { source: null });
    deliver({ type: 'aimax:visit', visit: 42 });
    deliver({ type: 'aimax:keep', visit: KEPT });
    deliver('aimax:open');
    expect(heard).toEqual([]);
    deliver({ type: 'aimax:open' });
    deliver({ type: 'aimax:visit', visit: null });
    expect(heard).toEqual([{ type: 'aimax:open' }, { type: 'aimax:visit', visit: null }]);
    stop?.();
    expect(listeners.size).toBe(0);
  });
});

describe('the visit the page keeps', () => {
  it('asks the page, resumes the visit it keeps, and hands each new token back to it', async () => {
    const { frameWindow, posted, deliver } = embeddedFrame();
    const own = ownStorage();
    const keeper = hostKeeper(createHostLink(frameWindow, PAGE), own);
    expect(posted).toEqual([{ message: { type: 'aimax:hello' }, targetOrigin: PAGE }]);
    deliver({ type: 'aimax:visit', visit: KEPT });

    const visits = createVisitStore(keeper);
    expect(await visits.load()).toEqual({ visitorId: 'Vis1tor-0123456789abcd', token: 'token-kept' });
    visits.save({ visitorId: 'Vis1tor-0123456789abcd', token: 'token-2' });
    await vi.waitFor(() => expect(posted).toHaveLength(2));
    expect(posted[1]).toEqual({
      message: { type: 'aimax:keep', visit: JSON.stringify({ visitorId: 'Vis1tor-0123456789abcd', token: 'token-2' }) },
      targetOrigin: PAGE,
    });
    expect(own.written).toEqual([]);
  });

  it('starts a new visitor when the page keeps none (or has no storage), still handing it to the page', async () => {
    const { frameWindow, posted, deliver } = embeddedFrame();
    const keeper = hostKeeper(createHostLink(frameWindow, PAGE), ownStorage());
    deliver({ type: 'aimax:visit', visit: null });
    const visits = createVisitStore(keeper);
    const visit = await visits.load();
    expect(visit.token).toBeNull();
    visits.save({ ...visit, token: 'token-1' });
    await vi.waitFor(() => expect(posted.at(-1)?.message).toMatchObject({ type: 'aimax:keep' }));
    expect(await visits.load()).toEqual({ visitorId: visit.visitorId, token: 'token-1' });
  });

  it('believes no answer from another origin or window, and waits for the page’s own', async () => {
    vi.useFakeTimers();
    const { frameWindow, deliver } = embeddedFrame();
    const keeper = hostKeeper(createHostLink(frameWindow, PAGE), ownStorage());
    const forged = JSON.stringify({ visitorId: 'Attacker-0123456789abc', token: 'stolen' });
    deliver({ type: 'aimax:visit', visit: forged }, { origin: 'https://evil.example' });
    deliver({ type: 'aimax:visit', visit: forged }, { source: {} });
    deliver({ type: 'aimax:visit', visit: KEPT });
    expect((await keeper).read()).toBe(KEPT);
  });

  it('keeps the visit in the frame’s own storage when the page never answers, and stops listening', async () => {
    vi.useFakeTimers();
    const { frameWindow, listeners, deliver } = embeddedFrame();
    const own = ownStorage();
    const keeper = hostKeeper(createHostLink(frameWindow, PAGE), own);
    await vi.advanceTimersByTimeAsync(HOST_ANSWER_MS - 1);
    expect(listeners.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await keeper).toBe(own);
    expect(listeners.size).toBe(0);
    // An answer too late changes nothing.
    deliver({ type: 'aimax:visit', visit: KEPT });
    expect(await keeper).toBe(own);
  });

  it('asks nobody when the frame is opened on its own', async () => {
    const own = ownStorage();
    expect(await hostKeeper(null, own)).toBe(own);
  });
});
