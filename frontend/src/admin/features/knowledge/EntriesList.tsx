// The entries of the knowledge base: a table on wide screens, cards on a phone. Each shows its
// kind, title, how much of it there is and its status (the reason when indexing failed), how
// often the bot used it, who added it when, and whether the bot may use it; the owner has its
// actions.
import { MessagesSquare, Pencil, RefreshCw, Trash2 } from 'lucide-react';
import { Link } from 'react-router';
import type { EntryView } from '@/lib/api';
import { formatBytes, formatCount, formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Badge } from '@/lib/ui/Badge';
import { IconButton } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Switch } from '@/lib/ui/Switch';
import { Table, Td, Th, Tr } from '@/lib/ui/Table';
import { sections } from '../../navigation';
import { formatActivityTime } from '../dialogs/activityTime';
import { entryPath, KindIcon, StatusBadge } from './EntryParts';
import type { EntryActions } from './useEntryActions';

interface EntriesListProps {
  entries: EntryView[];
  /** The owner's: switching, editing, indexing again and deleting. */
  manage: boolean;
  actions: EntryActions;
}

export function EntriesList({ entries, manage, actions }: EntriesListProps) {
  return (
    <>
      <div className="hidden md:block">
        <EntriesTable entries={entries} manage={manage} actions={actions} />
      </div>
      <ul className="divide-y divide-zinc-100 md:hidden">
        {entries.map((entry) => (
          <li key={entry.id}>
            <EntryCard entry={entry} manage={manage} actions={actions} />
          </li>
        ))}
      </ul>
    </>
  );
}

function EntriesTable({ entries, manage, actions }: EntriesListProps) {
  const { columns } = t.knowledge;
  return (
    <Table>
      <thead>
        <tr>
          <Th>{columns.entry}</Th>
          <Th>{columns.status}</Th>
          <Th>{columns.used}</Th>
          <Th className="hidden xl:table-cell">{columns.added}</Th>
          <Th>{columns.enabled}</Th>
          {manage && (
            <Th className="w-px">
              <span className="sr-only">{columns.actions}</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <Tr key={entry.id}>
            <Td className="max-w-96 min-w-64">
              <div className="flex items-start gap-3">
                <KindIcon entry={entry} className={cx(!entry.enabled && 'opacity-50')} />
                <div className="min-w-0">
                  <EntryTitle entry={entry} />
                  <EntrySubline entry={entry} />
                </div>
              </div>
            </Td>
            <Td className={cx('max-w-64', entry.status === 'error' && 'min-w-48')}>
              <StatusBadge status={entry.status} />
              <ErrorReason entry={entry} />
            </Td>
            <Td className="whitespace-nowrap">
              <Usage entry={entry} />
            </Td>
            <Td className="hidden whitespace-nowrap xl:table-cell">
              <Added entry={entry} />
            </Td>
            <Td>
              <EnabledSwitch entry={entry} manage={manage} actions={actions} />
            </Td>
            {manage && (
              <Td className="text-right whitespace-nowrap">
                <OwnerButtons entry={entry} actions={actions} />
              </Td>
            )}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

function EntryCard({ entry, manage, actions }: { entry: EntryView; manage: boolean; actions: EntryActions }) {
  return (
    <div className="px-4 py-3.5">
      <div className="flex items-start gap-3">
        <KindIcon entry={entry} className={cx(!entry.enabled && 'opacity-50')} />
        <div className="min-w-0 flex-1">
          <EntryTitle entry={entry} />
          <EntrySubline entry={entry} />
          <div className="mt-2">
            <StatusBadge status={entry.status} />
          </div>
          <ErrorReason entry={entry} />
          <p className="mt-1.5 text-xs text-zinc-500">
            {t.knowledge.used(entry.useCount)} · {formatDate(entry.createdAt)}
            {entry.createdBy && `, ${entry.createdBy}`}
          </p>
        </div>
      </div>
      <div className="mt-3 flex items-center justify-between gap-3 pl-12">
        <EnabledSwitch entry={entry} manage={manage} actions={actions} />
        {manage && (
          <div className="flex items-center">
            <OwnerButtons entry={entry} actions={actions} />
          </div>
        )}
      </div>
    </div>
  );
}

function EntryTitle({ entry }: { entry: EntryView }) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
      <Link
        to={entryPath(entry.id)}
        className={cx(
          'text-sm font-medium break-words hover:underline focus-visible:underline focus-visible:outline-none',
          entry.enabled ? 'text-zinc-900' : 'text-zinc-500',
        )}
      >
        {entry.title}
      </Link>
      {!entry.enabled && <Badge>{t.knowledge.off}</Badge>}
    </p>
  );
}

/**
 * What the entry is and how much of it there is: the file it came from or pasted text, its size
 * and, once indexed, its fragments; or how many ways a pair's question is asked.
 */
function EntrySubline({ entry }: { entry: EntryView }) {
  const text = t.knowledge;
  const parts =
    entry.kind === 'qa'
      ? [text.phrasings(entry.questions.length)]
      : [
          entry.fileName ?? text.entry.text,
          formatBytes(entry.sizeBytes),
          ...(entry.status === 'ready' ? [text.fragments(entry.chunkCount, formatCount(entry.chunkCount))] : []),
        ];
  return (
    <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-zinc-500">
      <span className="min-w-0 break-words">{[text.kinds[entry.kind], ...parts].join(' · ')}</span>
      {entry.dialogId && (
        <Link
          to={`${sections.dialogs.path}/${entry.dialogId}`}
          className="hover:text-brand-700 inline-flex items-center gap-1 font-medium text-zinc-600"
        >
          <MessagesSquare aria-hidden size={12} />
          {text.fromDialog}
        </Link>
      )}
    </p>
  );
}

function ErrorReason({ entry }: { entry: EntryView }) {
  if (entry.status !== 'error' || !entry.error) return null;
  return <p className="mt-1 line-clamp-3 text-xs break-words text-red-600">{entry.error}</p>;
}

function Usage({ entry }: { entry: EntryView }) {
  return (
    <>
      <span className={entry.useCount > 0 ? 'text-zinc-700' : 'text-zinc-500'}>
        {t.knowledge.timesUsed(entry.useCount)}
      </span>
      {entry.lastUsedAt && (
        <span className="block text-xs text-zinc-500">
          {t.knowledge.lastUsed(formatActivityTime(entry.lastUsedAt))}
        </span>
      )}
    </>
  );
}

function Added({ entry }: { entry: EntryView }) {
  return (
    <>
      <span className="text-zinc-700">{formatDate(entry.createdAt)}</span>
      {entry.createdBy && <span className="block max-w-40 truncate text-xs text-zinc-500">{entry.createdBy}</span>}
    </>
  );
}

function EnabledSwitch({ entry, manage, actions }: { entry: EntryView; manage: boolean; actions: EntryActions }) {
  return (
    <span title={manage ? undefined : t.knowledge.managerReadOnly} className="inline-flex">
      <Switch
        checked={entry.enabled}
        onChange={(enabled) => actions.toggle(entry, enabled)}
        disabled={!manage || actions.busy.has(entry.id)}
        label={t.knowledge.enabledLabel(entry.title)}
        hideLabel
      />
    </span>
  );
}

function OwnerButtons({ entry, actions }: { entry: EntryView; actions: EntryActions }) {
  const text = t.knowledge.actions;
  const busy = actions.busy.has(entry.id);
  return (
    <>
      <IconButton icon={Pencil} label={text.edit(entry.title)} disabled={busy} onClick={() => actions.edit(entry)} />
      <IconButton
        icon={RefreshCw}
        label={text.reindex(entry.title)}
        disabled={busy || entry.status === 'indexing'}
        onClick={() => actions.reindex(entry)}
      />
      <IconButton
        icon={Trash2}
        tone="danger"
        label={text.delete(entry.title)}
        disabled={busy}
        onClick={() => actions.remove(entry)}
      />
    </>
  );
}

export function EntriesListSkeleton() {
  return (
    <div aria-busy="true">
      <div className="hidden h-9 border-b border-zinc-100 bg-zinc-50/60 md:block" />
      {[0, 1, 2, 3].map((row) => (
        <div key={row} className="flex items-center gap-4 border-b border-zinc-100 px-4 py-4 last:border-b-0 md:px-5">
          <Skeleton className="size-9 rounded-lg" />
          <div className="flex-1 space-y-1.5">
            <Skeleton className="h-3.5 w-48 max-w-full" />
            <Skeleton className="h-3 w-32" />
          </div>
          <Skeleton className="hidden h-5 w-24 rounded-full md:block" />
          <Skeleton className="hidden h-3.5 w-28 lg:block" />
          <Skeleton className="h-6 w-11 rounded-full" />
        </div>
      ))}
    </div>
  );
}
