// The conversation as rows to draw: stored messages, then the visitor's messages still on their
// way, then the replies being written. Consecutive rows of one side form a group, as in any
// messenger: the avatar and the time go on a group's last bubble only, and an estimate card or a
// notice stands on its own.
import type { MessageView } from '@aimax/backend/contracts';
import type { PendingMessage } from './chatStore';

/** `notice`: a line of its own in the middle, such as «Менеджер Ольга подключился к диалогу». */
export type Side = 'bot' | 'visitor' | 'notice';

type RowBody =
  | { type: 'message'; message: MessageView }
  | { type: 'pending'; pending: PendingMessage }
  | { type: 'draft'; replyId: string; text: string };

type Unplaced = RowBody & { key: string; side: Side };

export type ChatRow = Unplaced & { first: boolean; last: boolean };

const sideOf = (message: MessageView): Side =>
  message.kind === 'notice' ? 'notice' : message.role === 'visitor' ? 'visitor' : 'bot';

export function chatRows(messages: MessageView[], outbox: PendingMessage[], drafts: Record<string, string>): ChatRow[] {
  const unplaced: Unplaced[] = [
    ...messages.map(
      (message): Unplaced => ({ type: 'message', key: `m${message.seq}`, side: sideOf(message), message }),
    ),
    ...outbox.map((pending): Unplaced => ({ type: 'pending', key: pending.localId, side: 'visitor', pending })),
    ...Object.entries(drafts).map(
      ([replyId, text]): Unplaced => ({ type: 'draft', key: `d${replyId}`, side: 'bot', replyId, text }),
    ),
  ];
  const alone = (row: Unplaced | undefined) =>
    row?.type === 'message' && (row.message.kind === 'estimate' || row.message.kind === 'notice');
  const joins = (a: Unplaced | undefined, b: Unplaced | undefined) =>
    a !== undefined && b !== undefined && a.side === b.side && !alone(a) && !alone(b);
  return unplaced.map((row, index) => ({
    ...row,
    first: !joins(unplaced[index - 1], row),
    last: !joins(row, unplaced[index + 1]),
  }));
}
