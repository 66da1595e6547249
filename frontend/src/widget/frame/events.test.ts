import { describe, expect, it } from 'vitest';
import { parseStreamEvent, retryDelay } from './events';

const stored = {
  id: '00000000-0000-4000-8000-000000000003',
  seq: 3,
  role: 'bot',
  kind: 'text',
  content: 'Обычно 3–6 недель.',
  data: { replyId: 'r1' },
  createdAt: '2026-03-02T09:30:00.000Z',
};

describe('parseStreamEvent', () => {
  it('reads the three events the session stream sends', () => {
    expect(parseStreamEvent('message', JSON.stringify(stored))).toEqual({ type: 'message', message: stored });
    expect(parseStreamEvent('typing', '{"replyId":"r1"}')).toEqual({ type: 'typing', replyId: 'r1' });
    expect(parseStreamEvent('token', '{"replyId":"r1","delta":"Обычно "}')).toEqual({
      type: 'token',
      replyId: 'r1',
      delta: 'Обычно ',
    });
  });

  it('reads who answers now, named by the event', () => {
    const operator = { id: '00000000-0000-4000-8000-0000000000bb', name: 'Ольга' };
    expect(parseStreamEvent('state', JSON.stringify({ state: 'operator', operator }))).toEqual({
      type: 'state',
      state: 'operator',
      operator,
    });
    expect(parseStreamEvent('state', '{"state":"ai","operator":null}')).toEqual({
      type: 'state',
      state: 'ai',
      operator: null,
    });
    expect(parseStreamEvent('state', '{"state":"ai"}')).toBeNull();
  });

  it('skips what it cannot read instead of failing the stream', () => {
    expect(parseStreamEvent('message', 'not json')).toBeNull();
    expect(parseStreamEvent('message', JSON.stringify({ ...stored, seq: '3' }))).toBeNull();
    expect(parseStreamEvent('token', '{"replyId":"r1"}')).toBeNull();
    expect(parseStreamEvent('typing', 'null')).toBeNull();
    expect(parseStreamEvent('presence', '{"replyId":"r1"}')).toBeNull();
  });
});

describe('retryDelay', () => {
  it('waits longer after each refused connection, up to half a minute', () => {
    expect([0, 1, 2, 3, 4, 10].map(retryDelay)).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });
});
