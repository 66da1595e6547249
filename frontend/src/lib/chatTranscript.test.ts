import type { ChatEvent, MessageView } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { applyStreamEvent, mergeMessages } from './chatTranscript';

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

describe('mergeMessages', () => {
  it('adds each sequence number once, keeping the copy already held', () => {
    const held = [message(1), message(2)];
    const merged = mergeMessages(held, [message(2, { content: 'again' }), message(3)]);
    expect(merged.map((item) => item.seq)).toEqual([1, 2, 3]);
    expect(merged[1]).toBe(held[1]);
  });

  it('puts a message that arrived late in its place', () => {
    const merged = mergeMessages([message(1), message(4)], [message(3), message(2)]);
    expect(merged.map((item) => item.seq)).toEqual([1, 2, 3, 4]);
  });

  it('gives back the same array when nothing is new', () => {
    const held = [message(1), message(2)];
    expect(mergeMessages(held, [message(1)])).toBe(held);
  });
});

describe('applyStreamEvent', () => {
  const start = {
    messages: [message(1), message(2, { role: 'visitor', content: 'Сколько длится ремонт?' })],
    drafts: {},
  };
  const run = (events: ChatEvent[]) => events.reduce(applyStreamEvent, start);

  it('shows a reply as it is written and replaces the draft with the stored reply', () => {
    const typing = run([{ type: 'typing', replyId: 'r1' }]);
    expect(typing.drafts).toEqual({ r1: '' });
    const writing = run([
      { type: 'typing', replyId: 'r1' },
      { type: 'token', replyId: 'r1', delta: 'Обычно ' },
      { type: 'token', replyId: 'r1', delta: '3–6 недель.' },
    ]);
    expect(writing.drafts).toEqual({ r1: 'Обычно 3–6 недель.' });
    const stored = applyStreamEvent(writing, {
      type: 'message',
      message: message(3, { content: 'Обычно 3–6 недель.', data: { replyId: 'r1' } }),
    });
    expect(stored.drafts).toEqual({});
    expect(stored.messages.at(-1)?.content).toBe('Обычно 3–6 недель.');
  });

  it('ends a reply’s draft when a manager cuts it, and every draft when a manager joins', () => {
    const writing = run([
      { type: 'typing', replyId: 'r1' },
      { type: 'token', replyId: 'r1', delta: 'Обычно ' },
    ]);
    expect(applyStreamEvent(writing, { type: 'cut', replyId: 'r1' }).drafts).toEqual({});
    const joined = applyStreamEvent(writing, {
      type: 'state',
      state: 'operator',
      operator: { id: 'u1', name: 'Ольга' },
    });
    expect(joined).toEqual({ messages: writing.messages, drafts: {} });
    expect(applyStreamEvent(writing, { type: 'state', state: 'ai', operator: null }).drafts).toEqual(writing.drafts);
  });

  it('clears the draft when the same reply starts typing again (the server retries it)', () => {
    const retried = run([
      { type: 'typing', replyId: 'r1' },
      { type: 'token', replyId: 'r1', delta: 'Оборвалось на полусло' },
      { type: 'typing', replyId: 'r1' },
      { type: 'token', replyId: 'r1', delta: 'Заново' },
    ]);
    expect(retried.drafts).toEqual({ r1: 'Заново' });
  });

  it('keeps a message replayed after a reconnection once', () => {
    const twice = run([
      { type: 'message', message: message(3) },
      { type: 'message', message: message(3) },
    ]);
    expect(twice.messages.map((item) => item.seq)).toEqual([1, 2, 3]);
  });
});
