import { describe, expect, it } from 'vitest';
import { parseDialogSummary } from './liveStream';

const summary = {
  id: '00000000-0000-4000-8000-00000000000a',
  state: 'waiting_operator',
  operator: null,
  visitorName: 'Игорь Смирнов',
  visitorPhone: '+79035551234',
  progress: { answered: 8, total: 8 },
  lastMessage: { role: 'visitor', content: 'Позовите менеджера', createdAt: '2026-11-20T10:00:00.000Z' },
  leadId: null,
  createdAt: '2026-11-20T09:50:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

describe('a `dialog` event of the company’s stream', () => {
  it('reads as the dialog’s summary', () => {
    expect(parseDialogSummary(JSON.stringify(summary))).toEqual(summary);
  });

  it('is skipped when it cannot be read', () => {
    expect(parseDialogSummary('not json')).toBeNull();
    expect(parseDialogSummary('null')).toBeNull();
    expect(parseDialogSummary(JSON.stringify({ ...summary, state: 'lost' }))).toBeNull();
    expect(parseDialogSummary(JSON.stringify({ ...summary, id: 7 }))).toBeNull();
  });
});
