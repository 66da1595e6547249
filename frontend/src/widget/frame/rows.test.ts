import type { MessageView } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { chatRows } from './rows';

const message = (seq: number, role: MessageView['role'], kind: MessageView['kind'] = 'text'): MessageView => ({
  id: `id-${seq}`,
  seq,
  role,
  kind,
  content: `#${seq}`,
  data: {},
  createdAt: '2026-03-02T09:30:00.000Z',
});

const shape = (rows: ReturnType<typeof chatRows>) =>
  rows.map((row) => `${row.key}:${row.side}${row.first ? '^' : ''}${row.last ? '$' : ''}`);

describe('chatRows', () => {
  it('groups consecutive rows of one side, the estimate standing alone', () => {
    const rows = chatRows(
      [
        message(1, 'bot'),
        message(2, 'bot', 'question'),
        message(3, 'visitor', 'answer'),
        message(4, 'operator'),
        message(5, 'bot', 'estimate'),
        message(6, 'bot'),
      ],
      [],
      {},
    );
    expect(shape(rows)).toEqual(['m1:bot^', 'm2:bot$', 'm3:visitor^$', 'm4:bot^$', 'm5:bot^$', 'm6:bot^$']);
  });

  it('sets a notice apart, between the bubbles before and after it', () => {
    const rows = chatRows([message(1, 'bot'), message(2, 'bot', 'notice'), message(3, 'operator')], [], {});
    expect(shape(rows)).toEqual(['m1:bot^$', 'm2:notice^$', 'm3:bot^$']);
  });

  it('puts messages on their way after the stored ones, and replies being written last', () => {
    const rows = chatRows(
      [message(1, 'visitor')],
      [{ localId: 'local-1', text: 'Ещё вопрос', state: 'sending', error: null }],
      { r1: 'Обычно' },
    );
    expect(shape(rows)).toEqual(['m1:visitor^', 'local-1:visitor$', 'dr1:bot^$']);
  });
});
