import type { DialogView, MessageView } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { changesDetails, holdingOf, liveDialogOf, reduceLiveDialog } from './liveDialog';

const message = (seq: number, overrides: Partial<MessageView> = {}): MessageView => ({
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  seq,
  role: 'visitor',
  kind: 'text',
  content: `Сообщение ${seq}`,
  data: {},
  createdAt: '2026-11-20T10:00:00.000Z',
  ...overrides,
});

const view = (messages: MessageView[]): DialogView => ({
  dialog: {
    id: '00000000-0000-4000-8000-0000000000aa',
    state: 'ai',
    operator: null,
    visitorName: null,
    visitorPhone: null,
    progress: { answered: 0, total: 8 },
    lastMessage: null,
    leadId: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
  },
  messages,
  answers: [],
  estimate: null,
  source: { pageUrl: null, referrer: null, utm: {} },
  lead: null,
  timeline: [],
});

const anna = { id: '00000000-0000-4000-8000-0000000000bb', name: 'Анна Петрова' };

describe('a dialog kept live', () => {
  it('shows the AI’s reply as a draft until it is stored', () => {
    let live = liveDialogOf(view([message(1)]));
    live = reduceLiveDialog(live, { type: 'event', event: { type: 'typing', replyId: 'r1' } });
    live = reduceLiveDialog(live, { type: 'event', event: { type: 'token', replyId: 'r1', delta: 'Обычно ' } });
    expect(live.drafts).toEqual({ r1: 'Обычно ' });
    const reply = message(2, { role: 'bot', content: 'Обычно 3–6 недель.', data: { replyId: 'r1' } });
    live = reduceLiveDialog(live, { type: 'event', event: { type: 'message', message: reply } });
    expect(live.drafts).toEqual({});
    expect(live.messages.map((each) => each.seq)).toEqual([1, 2]);
  });

  it('takes who answers from a state event, and the AI stops writing', () => {
    let live = liveDialogOf(view([message(1)]));
    live = reduceLiveDialog(live, { type: 'event', event: { type: 'typing', replyId: 'r1' } });
    live = reduceLiveDialog(live, { type: 'event', event: { type: 'state', state: 'operator', operator: anna } });
    expect(live.view.dialog.state).toBe('operator');
    expect(live.view.dialog.operator).toEqual(anna);
    expect(live.drafts).toEqual({});
  });

  it('keeps each message once when the dialog is read again, and ends drafts of stored replies', () => {
    let live = liveDialogOf(view([message(1)]));
    live = reduceLiveDialog(live, { type: 'event', event: { type: 'message', message: message(2) } });
    live = reduceLiveDialog(live, { type: 'event', event: { type: 'typing', replyId: 'r1' } });
    const reread = view([message(1), message(2), message(3, { role: 'bot', data: { replyId: 'r1' } })]);
    live = reduceLiveDialog(live, { type: 'loaded', view: reread });
    expect(live.messages.map((each) => each.seq)).toEqual([1, 2, 3]);
    expect(live.drafts).toEqual({});
    expect(live.view).toBe(reread);
  });

  it('reads the details again when they may have changed', () => {
    expect(changesDetails({ type: 'state', state: 'closed', operator: null })).toBe(true);
    expect(changesDetails({ type: 'message', message: message(4, { kind: 'answer' }) })).toBe(true);
    expect(changesDetails({ type: 'message', message: message(4) })).toBe(false);
    expect(changesDetails({ type: 'token', replyId: 'r1', delta: 'а' })).toBe(false);
  });
});

describe('who may write in a dialog', () => {
  const olga = { id: '00000000-0000-4000-8000-0000000000cc', name: 'Ольга Кузнецова' };

  it('is anyone while the AI answers or a visitor waits', () => {
    expect(holdingOf({ state: 'ai', operator: null }, anna.id)).toEqual({ kind: 'free' });
    expect(holdingOf({ state: 'waiting_operator', operator: null }, anna.id)).toEqual({ kind: 'free' });
    // Held by a member since removed from the team.
    expect(holdingOf({ state: 'operator', operator: null }, anna.id)).toEqual({ kind: 'free' });
  });

  it('is the manager holding it, whom the others see by name', () => {
    expect(holdingOf({ state: 'operator', operator: anna }, anna.id)).toEqual({ kind: 'mine' });
    expect(holdingOf({ state: 'operator', operator: olga }, anna.id)).toEqual({ kind: 'other', name: olga.name });
  });

  it('is nobody once it is closed', () => {
    expect(holdingOf({ state: 'closed', operator: null }, anna.id)).toEqual({ kind: 'closed' });
  });
});
