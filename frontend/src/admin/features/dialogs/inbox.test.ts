import type { DialogListView, DialogSummaryView } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { applyDialogEvent, tabTitle, trackWaiting, waitingOf } from './inbox';

const dialog = (id: string, updatedAt: string, overrides: Partial<DialogSummaryView> = {}): DialogSummaryView => ({
  id,
  state: 'ai',
  operator: null,
  visitorName: null,
  visitorPhone: null,
  progress: { answered: 0, total: 8 },
  lastMessage: null,
  leadId: null,
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt,
  ...overrides,
});

const a = dialog('00000000-0000-4000-8000-00000000000a', '2026-11-20T10:00:00.000Z');
const b = dialog('00000000-0000-4000-8000-00000000000b', '2026-11-20T09:00:00.000Z', { state: 'waiting_operator' });
const c = dialog('00000000-0000-4000-8000-00000000000c', '2026-11-20T08:00:00.000Z', { state: 'closed' });

const listOf = (dialogs: DialogSummaryView[], total = dialogs.length): DialogListView => ({
  dialogs,
  total,
  counts: { ai: 1, waiting_operator: 1, operator: 0, closed: 1 },
});

const firstPage = { filter: {}, offset: 0, limit: 20 };
const ids = (list: DialogListView) => list.dialogs.map((row) => row.id.slice(-1));

describe('a live dialog event on the list', () => {
  it('moves a dialog with a new message to the top and keeps the counts', () => {
    const { list, stale } = applyDialogEvent(
      listOf([a, b, c]),
      { ...c, updatedAt: '2026-11-20T11:00:00.000Z' },
      firstPage,
    );
    expect(ids(list)).toEqual(['c', 'a', 'b']);
    expect(list.counts).toEqual({ ai: 1, waiting_operator: 1, operator: 0, closed: 1 });
    expect(stale).toBe(false);
  });

  it('moves the count of a dialog that changed state', () => {
    const taken = { ...b, state: 'operator' as const, updatedAt: '2026-11-20T11:00:00.000Z' };
    const { list, stale } = applyDialogEvent(listOf([a, b, c]), taken, firstPage);
    expect(ids(list)).toEqual(['b', 'a', 'c']);
    expect(list.counts).toEqual({ ai: 1, waiting_operator: 0, operator: 1, closed: 1 });
    expect(stale).toBe(false);
  });

  it('takes a dialog off a tab it no longer belongs to, and asks for the next page’s row', () => {
    const page = { filter: { state: 'waiting_operator' as const }, offset: 0, limit: 1 };
    const taken = { ...b, state: 'operator' as const };
    const alone = applyDialogEvent(listOf([b]), taken, page);
    expect(alone.list.dialogs).toEqual([]);
    expect(alone.list.total).toBe(0);
    expect(alone.list.counts.waiting_operator).toBe(0);
    expect(alone.stale).toBe(false);
    expect(applyDialogEvent(listOf([b], 3), taken, page).stale).toBe(true);
  });

  it('puts a new dialog on top of the first page, and asks the server for the counts', () => {
    const fresh = dialog('00000000-0000-4000-8000-00000000000d', '2026-11-20T12:00:00.000Z');
    const { list, stale } = applyDialogEvent(listOf([a, b, c]), fresh, { ...firstPage, limit: 3 });
    expect(ids(list)).toEqual(['d', 'a', 'b']);
    expect(stale).toBe(true);
  });

  it('leaves out a new dialog of another tab', () => {
    const fresh = dialog('00000000-0000-4000-8000-00000000000d', '2026-11-20T12:00:00.000Z');
    const before = listOf([b]);
    const { list, stale } = applyDialogEvent(before, fresh, { ...firstPage, filter: { state: 'waiting_operator' } });
    expect(list).toBe(before);
    expect(stale).toBe(true);
  });

  it('leaves searches, periods and later pages to the server, updating the rows it shows', () => {
    const answered = {
      ...a,
      lastMessage: { role: 'bot' as const, content: 'Обычно 3–6 недель.', createdAt: a.updatedAt },
    };
    const searched = applyDialogEvent(listOf([b, a]), answered, { ...firstPage, filter: { q: 'ванная' } });
    expect(ids(searched.list)).toEqual(['b', 'a']);
    expect(searched.list.dialogs[1]).toBe(answered);
    expect(searched.stale).toBe(true);
    const fresh = dialog('00000000-0000-4000-8000-00000000000d', '2026-11-20T12:00:00.000Z');
    const later = applyDialogEvent(listOf([a, b]), fresh, { ...firstPage, offset: 20 });
    expect(ids(later.list)).toEqual(['a', 'b']);
    expect(later.stale).toBe(true);
  });
});

describe('the dialogs waiting for a manager', () => {
  const waiting = waitingOf(listOf([b], 1));

  it('count one more, and ring, when a dialog starts to wait', () => {
    const result = trackWaiting(waiting, { ...a, state: 'waiting_operator' });
    expect(result.arrived).toBe(true);
    expect(result.waiting.total).toBe(2);
  });

  it('count one fewer when a manager takes one, and stay put for news of the others', () => {
    const taken = trackWaiting(waiting, { ...b, state: 'operator' });
    expect(taken.arrived).toBe(false);
    expect(taken.waiting.total).toBe(0);
    expect(trackWaiting(waiting, b)).toEqual({ waiting, arrived: false });
    expect(trackWaiting(waiting, a)).toEqual({ waiting, arrived: false });
  });

  it('lead the tab’s title', () => {
    expect(tabTitle('Диалоги', 2)).toBe('(2) Диалоги');
    expect(tabTitle('Диалоги', 0)).toBe('Диалоги');
  });
});
