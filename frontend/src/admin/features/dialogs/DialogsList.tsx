// The dialogs of a page of the list: a table on wide screens, cards on a phone. Each shows who
// answers, the visitor once they left contacts, how far they got in the funnel, and the last
// message with its time; a dialog waiting for a manager stands out.
import type { DialogSummaryView } from '@aimax/backend/contracts';
import { Link, useNavigate } from 'react-router';
import { formatPhone } from '@/lib/format';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Table, Td, Th, Tr } from '@/lib/ui/Table';
import { sections } from '../../navigation';
import { formatActivityTime } from './activityTime';
import { DialogStateBadge } from './DialogStateBadge';

const dialogPath = (id: string) => `${sections.dialogs.path}/${id}`;

interface DialogsListProps {
  dialogs: DialogSummaryView[];
  /** A newer page is loading: the rows shown are dimmed until it arrives. */
  stale: boolean;
  /** The list's address (its filters and page), for the dialog's page to lead back to. */
  listSearch: string;
}

const activityOf = (dialog: DialogSummaryView) => dialog.lastMessage?.createdAt ?? dialog.updatedAt;

export function DialogsList({ dialogs, stale, listSearch }: DialogsListProps) {
  return (
    <div className={cx('transition-opacity', stale && 'opacity-60')} aria-busy={stale}>
      <div className="hidden md:block">
        <DialogsTable dialogs={dialogs} listSearch={listSearch} />
      </div>
      <ul className="divide-y divide-zinc-100 md:hidden">
        {dialogs.map((dialog) => (
          <li key={dialog.id}>
            <DialogCard dialog={dialog} listSearch={listSearch} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function DialogsTable({ dialogs, listSearch }: Omit<DialogsListProps, 'stale'>) {
  const navigate = useNavigate();
  const { columns } = t.dialogs;
  return (
    <Table>
      <thead>
        <tr>
          <Th>{columns.visitor}</Th>
          <Th>{columns.state}</Th>
          <Th>{columns.lastMessage}</Th>
          <Th className="hidden xl:table-cell">{columns.progress}</Th>
          <Th className="text-right">{columns.time}</Th>
        </tr>
      </thead>
      <tbody>
        {dialogs.map((dialog) => (
          // The whole row opens the dialog for a mouse; the name is the link keyboards and screen readers use.
          <Tr
            key={dialog.id}
            onClick={() => navigate(dialogPath(dialog.id), { state: { listSearch } })}
            className={cx('cursor-pointer', dialog.state === 'waiting_operator' && 'bg-amber-50/70')}
          >
            <Td className="w-52 max-w-52">
              <Link
                to={dialogPath(dialog.id)}
                state={{ listSearch }}
                onClick={(event) => event.stopPropagation()}
                className="block truncate font-medium text-zinc-900 hover:underline focus-visible:underline focus-visible:outline-none"
              >
                {dialog.visitorName ?? t.dialogs.visitor}
              </Link>
              {dialog.visitorPhone && (
                <p className="mt-0.5 text-[13px] whitespace-nowrap text-zinc-500 tabular-nums">
                  {formatPhone(dialog.visitorPhone)}
                </p>
              )}
              <FunnelProgress progress={dialog.progress} className="mt-1 xl:hidden" />
            </Td>
            <Td className="max-w-52">
              <DialogStateBadge dialog={dialog} />
            </Td>
            <Td className="min-w-48">
              <LastMessage message={dialog.lastMessage} />
            </Td>
            <Td className="hidden whitespace-nowrap xl:table-cell">
              <FunnelProgress progress={dialog.progress} />
            </Td>
            <Td className="text-right text-[13px] whitespace-nowrap text-zinc-500 tabular-nums">
              <time dateTime={activityOf(dialog)}>{formatActivityTime(activityOf(dialog))}</time>
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

function DialogCard({ dialog, listSearch }: { dialog: DialogSummaryView; listSearch: string }) {
  return (
    <Link
      to={dialogPath(dialog.id)}
      state={{ listSearch }}
      className={cx(
        'focus-visible:outline-brand-500 block px-4 py-3.5 transition-colors hover:bg-zinc-50 focus-visible:outline-2 focus-visible:-outline-offset-2',
        dialog.state === 'waiting_operator' && 'bg-amber-50/70',
      )}
    >
      <div className="flex items-baseline justify-between gap-3">
        <span className="min-w-0 truncate font-medium text-zinc-900">{dialog.visitorName ?? t.dialogs.visitor}</span>
        <time dateTime={activityOf(dialog)} className="shrink-0 text-xs text-zinc-500 tabular-nums">
          {formatActivityTime(activityOf(dialog))}
        </time>
      </div>
      {dialog.visitorPhone && (
        <p className="text-[13px] text-zinc-500 tabular-nums">{formatPhone(dialog.visitorPhone)}</p>
      )}
      <div className="mt-2 flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1.5">
        <DialogStateBadge dialog={dialog} />
        <FunnelProgress progress={dialog.progress} withLabel />
      </div>
      <LastMessage message={dialog.lastMessage} className="mt-2" />
    </Link>
  );
}

function LastMessage({ message, className }: { message: DialogSummaryView['lastMessage']; className?: string }) {
  if (!message) return <p className={cx('text-sm text-zinc-400', className)}>{t.dialogs.noMessages}</p>;
  const author = message.role === 'visitor' ? null : t.dialogs.authors[message.role];
  return (
    <p className={cx('line-clamp-2 text-sm break-words text-zinc-600', className)}>
      {author && <span className="font-medium text-zinc-800">{author}: </span>}
      {message.content}
    </p>
  );
}

interface FunnelProgressProps {
  progress: DialogSummaryView['progress'];
  /** Says what the numbers count, where no column heading does. */
  withLabel?: boolean;
  className?: string;
}

/** «4 из 8» steps of the funnel, with a bar that fills as the visitor answers. */
function FunnelProgress({ progress, withLabel = false, className }: FunnelProgressProps) {
  if (progress.total === 0) return null;
  const share = Math.min(100, Math.round((progress.answered / progress.total) * 100));
  const count = t.dialogs.progress(progress.answered, progress.total);
  return (
    <span className={cx('inline-flex items-center gap-2 text-xs text-zinc-500 tabular-nums', className)}>
      <span aria-hidden className="h-1.5 w-12 overflow-hidden rounded-full bg-zinc-200">
        <span
          className={cx('block h-full rounded-full', share === 100 ? 'bg-emerald-500' : 'bg-brand-500')}
          style={{ width: `${share}%` }}
        />
      </span>
      {withLabel ? t.dialogs.progressLabel(count) : count}
    </span>
  );
}

export function DialogsListSkeleton() {
  return (
    <div aria-busy="true">
      <div className="hidden h-9 border-b border-zinc-100 bg-zinc-50/60 md:block" />
      {[0, 1, 2, 3, 4].map((row) => (
        <div
          key={row}
          className="flex flex-col gap-2 border-b border-zinc-100 px-4 py-4 last:border-b-0 md:flex-row md:items-center md:gap-6 md:px-5"
        >
          <div className="space-y-1.5 md:w-52">
            <Skeleton className="h-3.5 w-32" />
            <Skeleton className="h-3 w-24" />
          </div>
          <Skeleton className="h-5 w-28 rounded-full" />
          <Skeleton className="h-3.5 w-full max-w-72" />
          <Skeleton className="ml-auto hidden h-3 w-10 md:block" />
        </div>
      ))}
    </div>
  );
}
