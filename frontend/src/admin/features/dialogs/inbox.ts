// The inbox kept live. Each `dialog` event of the company's stream is applied to the page of the
// list on screen as far as the page itself can tell, and marked stale where only the server can
// (the list is then read again); the dialogs waiting for a manager are counted for the tab's title
// and the chime.
import type { DialogListView, DialogSummaryView } from '@aimax/backend/contracts';
import type { DialogFilter } from '@/lib/api';

export interface LiveUpdate {
  list: DialogListView;
  /** What the page shows may differ from the server's answer: read the list again. */
  stale: boolean;
}

/** The server's order: the latest activity first, then by id (UUIDs compare as their text). */
const byActivity = (a: DialogSummaryView, b: DialogSummaryView) =>
  a.updatedAt === b.updatedAt ? (a.id < b.id ? 1 : -1) : a.updatedAt < b.updatedAt ? 1 : -1;

export function applyDialogEvent(
  list: DialogListView,
  dialog: DialogSummaryView,
  page: { filter: DialogFilter; offset: number; limit: number },
): LiveUpdate {
  const { filter, offset, limit } = page;
  const previous = list.dialogs.find((row) => row.id === dialog.id);
  const fits = !filter.state || dialog.state === filter.state;
  // Only the first page of a list with no search or period can place a row by itself: whether a
  // dialog matches words or a period is the server's to say, and a later page shifts with every
  // dialog that moves above it.
  const placeable = offset === 0 && !filter.q && !filter.from && !filter.to;

  if (!previous) {
    // New, or from a later page or another tab: the counts are not the page's to know.
    if (!placeable || !fits) return { list, stale: true };
    return { list: { ...list, dialogs: [dialog, ...list.dialogs].sort(byActivity).slice(0, limit) }, stale: true };
  }

  const counts =
    previous.state === dialog.state
      ? list.counts
      : {
          ...list.counts,
          [previous.state]: list.counts[previous.state] - 1,
          [dialog.state]: list.counts[dialog.state] + 1,
        };
  const others = list.dialogs.filter((row) => row.id !== dialog.id);
  if (!fits) {
    const total = list.total - 1;
    // A row of the next page moves up into the gap, which only the server can name.
    return { list: { dialogs: others, total, counts }, stale: !placeable || total > offset + others.length };
  }
  if (!placeable) {
    return {
      list: { ...list, counts, dialogs: list.dialogs.map((row) => (row.id === dialog.id ? dialog : row)) },
      stale: true,
    };
  }
  return { list: { ...list, counts, dialogs: [dialog, ...others].sort(byActivity) }, stale: false };
}

/** The dialogs waiting for a manager, as far as they were read, and how many wait in all. */
export interface Waiting {
  ids: ReadonlySet<string>;
  total: number;
}

export const waitingOf = (list: DialogListView): Waiting => ({
  ids: new Set(list.dialogs.map((dialog) => dialog.id)),
  total: list.total,
});

/** The count after a dialog's change; `arrived` when it has just started to wait, which rings. */
export function trackWaiting(waiting: Waiting, dialog: DialogSummaryView): { waiting: Waiting; arrived: boolean } {
  const was = waiting.ids.has(dialog.id);
  const is = dialog.state === 'waiting_operator';
  if (was === is) return { waiting, arrived: false };
  const ids = new Set(waiting.ids);
  if (is) ids.add(dialog.id);
  else ids.delete(dialog.id);
  return { waiting: { ids, total: Math.max(0, waiting.total + (is ? 1 : -1)) }, arrived: is };
}

/** «(2) Диалоги»: the page's name, led by the number of dialogs waiting, as messengers do. */
export const tabTitle = (label: string, waiting: number): string => (waiting > 0 ? `(${waiting}) ${label}` : label);
