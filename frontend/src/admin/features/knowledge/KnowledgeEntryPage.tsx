// One entry of the knowledge base: what it holds (a pasted text, a file, or a pair's phrasings
// and answer), its status, live while it is being indexed, with the reason when indexing failed,
// how much the bot used it, who added it, and the last questions it answered or nearly answered.
// The owner changes, switches, indexes again and deletes it here as in the list.
import { ArrowLeft, CircleCheck, CircleMinus, FileSearch, Pencil, RefreshCw, Trash2 } from 'lucide-react';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type ApiError, api, type EntryDetailView, type EntryView } from '@/lib/api';
import { formatBytes, formatCount, formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { Alert } from '@/lib/ui/Alert';
import { Button, ButtonLink } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Switch } from '@/lib/ui/Switch';
import { useResource } from '@/lib/useResource';
import { sections } from '../../navigation';
import { KindIcon, StatusBadge } from './EntryParts';
import { formatSimilarity } from './scores';
import { useEntryActions } from './useEntryActions';

const POLL_MS = 2000;

/** No such entry in this company, or an address that cannot name one (the API checks ids are UUIDs). */
const isMissing = (error: ApiError) => error.code === 'KB_ENTRY_NOT_FOUND' || 'id' in error.fields;

export function KnowledgeEntryPage() {
  const { id = '' } = useParams();
  const entry = useResource(useCallback((signal: AbortSignal) => api.knowledge.entry(id, signal), [id]));
  // What an action answered since the entry was loaded; a newer load replaces it.
  const [changed, setChanged] = useState<EntryView | undefined>();
  const [loaded, setLoaded] = useState(entry.data);
  if (loaded !== entry.data) {
    setLoaded(entry.data);
    setChanged(undefined);
  }
  const view = entry.data && { ...entry.data, ...changed };

  const { reload, loading } = entry;
  const indexing = view?.status === 'indexing';
  useEffect(() => {
    if (!indexing || loading) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [indexing, loading, reload]);

  return (
    <>
      <Link
        to={sections.knowledge.path}
        className="mb-3 inline-flex items-center gap-1.5 text-sm font-medium text-zinc-500 transition-colors hover:text-zinc-900"
      >
        <ArrowLeft aria-hidden size={16} />
        {t.knowledge.entry.back}
      </Link>
      {entry.error && !view && isMissing(entry.error) && <EntryNotFound />}
      {entry.error && !view && !isMissing(entry.error) && (
        <Alert title={t.errors.loadFailed} onRetry={entry.reload} className="mt-3">
          {entry.error.message}
        </Alert>
      )}
      {!entry.error && !view && <EntrySkeleton />}
      {view && (
        <EntryDetails
          entry={view}
          onChanged={(next) => {
            setChanged(next);
            reload();
          }}
        />
      )}
    </>
  );
}

function EntryDetails({ entry, onChanged }: { entry: EntryDetailView; onChanged(entry: EntryView): void }) {
  const isOwner = useAuthStore((state) => state.session?.user.role === 'owner');
  const navigate = useNavigate();
  const actions = useEntryActions({ onChanged, onDeleted: () => navigate(sections.knowledge.path) });
  const text = t.knowledge.entry;
  const busy = actions.busy.has(entry.id);

  return (
    <>
      <PageHeader
        title={entry.title}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <StatusBadge status={entry.status} />
            <span>{t.knowledge.kinds[entry.kind]}</span>
            {!entry.enabled && <span className="font-medium text-zinc-700">{t.knowledge.off}</span>}
          </span>
        }
        actions={
          isOwner && (
            <>
              <Button variant="secondary" icon={Pencil} disabled={busy} onClick={() => actions.edit(entry)}>
                {text.edit}
              </Button>
              <Button
                variant="secondary"
                icon={RefreshCw}
                disabled={busy || entry.status === 'indexing'}
                onClick={() => actions.reindex(entry)}
              >
                {text.reindex}
              </Button>
              <Button
                variant="ghost"
                icon={Trash2}
                disabled={busy}
                onClick={() => actions.remove(entry)}
                className="text-red-600 hover:bg-red-50 hover:text-red-700"
              >
                {text.delete}
              </Button>
            </>
          )
        }
      />
      {entry.status === 'indexing' && (
        <Alert tone="info" className="mb-6">
          {text.indexing}
        </Alert>
      )}
      {entry.status === 'error' && (
        <Alert title={text.errorTitle} className="mb-6">
          {entry.error ?? t.knowledge.statuses.error}
        </Alert>
      )}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,340px)]">
        <div className="space-y-6">
          <ContentCard entry={entry} />
          <RecentQuestions entry={entry} />
        </div>
        <Card>
          <CardHeader title={text.details} />
          <div className="space-y-4 px-5 py-4">
            <Switch
              checked={entry.enabled}
              onChange={(enabled) => actions.toggle(entry, enabled)}
              disabled={!isOwner || busy}
              label={t.knowledge.columns.enabled}
              description={isOwner ? t.knowledge.enabledLabel(entry.title) : t.knowledge.managerReadOnly}
            />
            <dl className="space-y-3 border-t border-zinc-100 pt-4 text-sm">
              <Detail label={text.kind}>{t.knowledge.kinds[entry.kind]}</Detail>
              <Detail label={text.size}>
                {formatBytes(entry.sizeBytes)}
                {entry.kind === 'document' &&
                  entry.status === 'ready' &&
                  ` · ${t.knowledge.fragments(entry.chunkCount, formatCount(entry.chunkCount))}`}
              </Detail>
              <Detail label={text.used}>
                {t.knowledge.used(entry.useCount)}
                {entry.lastUsedAt && (
                  <span className="block text-xs text-zinc-500">
                    {t.knowledge.lastUsed(formatDateTime(entry.lastUsedAt))}
                  </span>
                )}
              </Detail>
              <Detail label={text.indexedAt}>
                {entry.indexedAt ? formatDateTime(entry.indexedAt) : text.notIndexed}
              </Detail>
              <Detail label={text.createdAt}>
                {formatDateTime(entry.createdAt)}
                {entry.createdBy && <span className="block text-xs text-zinc-500">{entry.createdBy}</span>}
              </Detail>
              {entry.updatedAt !== entry.createdAt && (
                <Detail label={text.updatedAt}>{formatDateTime(entry.updatedAt)}</Detail>
              )}
              {entry.dialogId && (
                <Detail label={text.dialog}>
                  <Link
                    to={`${sections.dialogs.path}/${entry.dialogId}`}
                    className="text-brand-700 font-medium hover:underline"
                  >
                    {text.openDialog}
                  </Link>
                </Detail>
              )}
            </dl>
          </div>
        </Card>
      </div>
      {actions.dialogs}
    </>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500">{label}</dt>
      <dd className="mt-0.5 text-zinc-900">{children}</dd>
    </div>
  );
}

function ContentCard({ entry }: { entry: EntryDetailView }) {
  const text = t.knowledge.entry;
  if (entry.kind === 'qa') {
    return (
      <Card>
        <CardHeader title={text.questions} description={t.knowledge.phrasings(entry.questions.length)} />
        <ul className="space-y-2 px-5 py-4">
          {entry.questions.map((question) => (
            <li key={question} className="rounded-lg bg-zinc-50 px-3 py-2 text-sm text-zinc-900">
              {question}
            </li>
          ))}
        </ul>
        <div className="border-t border-zinc-100 px-5 py-4">
          <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase">{text.answer}</h3>
          <p className="mt-2 text-sm leading-relaxed break-words whitespace-pre-line text-zinc-900">{entry.answer}</p>
        </div>
      </Card>
    );
  }
  if (entry.body === null) {
    return (
      <Card>
        <CardHeader title={text.file} />
        <div className="flex items-center gap-3 px-5 py-4">
          <KindIcon entry={entry} />
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-zinc-900">{entry.fileName}</p>
            <p className="text-xs text-zinc-500">{formatBytes(entry.sizeBytes)}</p>
          </div>
        </div>
        <p className="border-t border-zinc-100 px-5 py-3 text-[13px] text-zinc-500">
          {t.knowledge.text.fileDescription}
        </p>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader title={text.text} />
      <div className="max-h-[32rem] overflow-y-auto px-5 py-4">
        <p className="font-mono text-[13px] leading-relaxed break-words whitespace-pre-wrap text-zinc-800">
          {entry.body}
        </p>
      </div>
    </Card>
  );
}

function RecentQuestions({ entry }: { entry: EntryDetailView }) {
  const text = t.knowledge.entry;
  const check = t.knowledge.check;
  return (
    <Card>
      <CardHeader title={text.recent} description={text.recentDescription} />
      {entry.recentQuestions.length === 0 ? (
        <p className="px-5 py-6 text-sm text-zinc-500">{text.recentEmpty}</p>
      ) : (
        <ul className="divide-y divide-zinc-100">
          {entry.recentQuestions.map((recent) => {
            const Mark = recent.passed ? CircleCheck : CircleMinus;
            return (
              <li key={`${recent.at}:${recent.question}`} className="flex items-start gap-3 px-5 py-3">
                <Mark
                  aria-hidden
                  size={16}
                  className={recent.passed ? 'mt-0.5 shrink-0 text-emerald-500' : 'mt-0.5 shrink-0 text-zinc-400'}
                />
                <div className="min-w-0 flex-1">
                  <p className="text-sm break-words text-zinc-900">«{recent.question}»</p>
                  <p className="mt-0.5 text-xs text-zinc-500">
                    {recent.passed ? check.passed : check.notPassed}
                    {recent.score !== null && ` · ${check.scores.vectorOnly(formatSimilarity(recent.score))}`}
                    {` · ${formatDateTime(recent.at)}`}
                  </p>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}

function EntryNotFound() {
  return (
    <Card className="mt-3">
      <EmptyState
        icon={FileSearch}
        title={t.knowledge.entry.notFound.title}
        description={t.knowledge.entry.notFound.text}
      >
        <ButtonLink to={sections.knowledge.path} variant="secondary">
          {t.knowledge.entry.back}
        </ButtonLink>
      </EmptyState>
    </Card>
  );
}

function EntrySkeleton() {
  return (
    <div aria-busy="true">
      <div className="mb-6">
        <Skeleton className="h-7 w-72 max-w-full" />
        <Skeleton className="mt-2 h-5 w-48 rounded-full" />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,340px)]">
        <Skeleton className="h-64 rounded-xl" />
        <Skeleton className="h-80 rounded-xl" />
      </div>
    </div>
  );
}
