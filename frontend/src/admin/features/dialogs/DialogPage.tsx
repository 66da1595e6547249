// One dialog, live: who the visitor is and who answers them, what a manager can do about it, the
// whole conversation with the composer under it, and beside it (below it on a phone) what the
// visitor answered and was estimated, where they came from, their lead and who handled the dialog.
import type { DialogStatusView, DialogView } from '@aimax/backend/contracts';
import { ArrowLeft, MessageSquareOff } from 'lucide-react';
import { useCallback } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { type ApiError, api } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { Alert } from '@/lib/ui/Alert';
import { ButtonLink } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Skeleton } from '@/lib/ui/Skeleton';
import { useResource } from '@/lib/useResource';
import { sections } from '../../navigation';
import { useKnowledgeTitles } from '../knowledge/useKnowledgeTitles';
import { usePairFromMessage } from '../knowledge/usePairFromMessage';
import { AnswersCard } from '../leads/AnswersCard';
import { EstimateCard } from '../leads/EstimateCard';
import { PhoneLink } from '../leads/PhoneLink';
import { SourceCard } from '../leads/SourceCard';
import { Composer } from './Composer';
import { Conversation } from './Conversation';
import { DialogActions, HeldNotice } from './DialogActions';
import { DialogStateBadge } from './DialogStateBadge';
import { LeadCard } from './LeadCard';
import { holdingOf } from './liveDialog';
import { TimelineCard } from './TimelineCard';
import { useDialogFeed } from './useDialogFeed';
import { useLiveDialog } from './useLiveDialog';
import { useWaitingAlerts } from './useWaitingAlerts';

/** No such dialog in this company, or an address that cannot name one (the API checks ids are UUIDs). */
const isMissing = (error: ApiError) => error.code === 'DIALOG_NOT_FOUND' || 'id' in error.fields;

export function DialogPage() {
  const { id = '' } = useParams();
  // The list's page the manager came from, so «back» returns there.
  const listSearch = (useLocation().state as { listSearch?: string } | null)?.listSearch ?? '';
  const dialog = useResource(useCallback((signal: AbortSignal) => api.dialogs.get(id, signal), [id]));
  // Other visitors may start waiting while the manager is here: the tab and the chime still tell.
  const alerts = useWaitingAlerts();
  useDialogFeed(alerts);
  const backTo = `${sections.dialogs.path}${listSearch}`;

  return (
    <>
      <Link
        to={backTo}
        className="mb-3 inline-flex items-center gap-1.5 text-sm font-medium text-zinc-500 transition-colors hover:text-zinc-900"
      >
        <ArrowLeft aria-hidden size={16} />
        {t.dialogs.back}
      </Link>
      {dialog.error && !dialog.data && isMissing(dialog.error) && <DialogNotFound backTo={backTo} />}
      {dialog.error && !dialog.data && !isMissing(dialog.error) && (
        <Alert title={t.errors.loadFailed} onRetry={dialog.reload} className="mt-3">
          {dialog.error.message}
        </Alert>
      )}
      {!dialog.error && !dialog.data && <DialogSkeleton />}
      {dialog.data && <LiveDialogDetails key={dialog.data.dialog.id} initial={dialog.data} />}
    </>
  );
}

function LiveDialogDetails({ initial }: { initial: DialogView }) {
  const { live, visitorTyping, receive, readAgain } = useLiveDialog(initial);
  const member = useAuthStore((state) => state.session?.user);
  const dialogId = initial.dialog.id;
  const { view } = live;
  const summary = view.dialog;
  const holding = holdingOf(summary, member?.id ?? '');
  // Each action answers with who holds the dialog now, applied as the stream's own state event.
  const onStatus = (status: DialogStatusView) => receive({ type: 'state', ...status });
  const knowledgeTitles = useKnowledgeTitles(live.messages);
  const pairFromMessage = usePairFromMessage(dialogId);

  return (
    <>
      <PageHeader
        title={summary.visitorName ?? t.dialogs.visitor}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
            <DialogStateBadge dialog={summary} size="md" />
            {summary.visitorPhone && <PhoneLink phone={summary.visitorPhone} />}
            <span>{t.dialogs.startedAt(formatDateTime(summary.createdAt))}</span>
          </span>
        }
        actions={<DialogActions dialogId={dialogId} holding={holding} onStatus={onStatus} onStale={readAgain} />}
      />
      {holding.kind === 'other' && <HeldNotice dialogId={dialogId} name={holding.name} onStatus={onStatus} />}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,340px)]">
        <Conversation
          messages={live.messages}
          drafts={live.drafts}
          visitorTyping={visitorTyping}
          knowledgeTitles={knowledgeTitles}
          pairFromMessage={pairFromMessage}
        >
          <Composer
            dialogId={dialogId}
            holding={holding}
            onStale={readAgain}
            onSent={(message) => {
              // Writing took the dialog, if it was not the manager's already.
              if (member && holding.kind !== 'mine') {
                receive({
                  type: 'state',
                  state: 'operator',
                  operator: { id: member.id, name: member.name || member.email },
                });
              }
              receive({ type: 'message', message });
            }}
          />
        </Conversation>
        <div className="space-y-6">
          {view.lead && <LeadCard lead={view.lead} />}
          <AnswersCard answers={view.answers} />
          {view.estimate && <EstimateCard estimate={view.estimate} />}
          <SourceCard pageUrl={view.source.pageUrl} utm={view.source.utm} />
          <TimelineCard dialog={summary} timeline={view.timeline} />
        </div>
      </div>
      {pairFromMessage.dialog}
    </>
  );
}

function DialogNotFound({ backTo }: { backTo: string }) {
  return (
    <Card className="mt-3">
      <EmptyState icon={MessageSquareOff} title={t.dialogs.notFound.title} description={t.dialogs.notFound.text}>
        <ButtonLink to={backTo} variant="secondary">
          {t.dialogs.back}
        </ButtonLink>
      </EmptyState>
    </Card>
  );
}

function DialogSkeleton() {
  return (
    <div aria-busy="true">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <Skeleton className="h-7 w-52" />
          <Skeleton className="mt-2 h-5 w-72 max-w-full rounded-full" />
        </div>
        <Skeleton className="h-10 w-48 rounded-lg" />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,340px)]">
        <Card>
          <div className="border-b border-zinc-100 px-5 py-4">
            <Skeleton className="h-4 w-28" />
          </div>
          <div className="space-y-4 px-5 py-6">
            <Skeleton className="h-10 w-2/3 rounded-2xl" />
            <Skeleton className="ml-auto h-10 w-1/2 rounded-2xl" />
            <Skeleton className="h-16 w-3/4 rounded-2xl" />
          </div>
        </Card>
        <Card>
          <div className="border-b border-zinc-100 px-5 py-4">
            <Skeleton className="h-4 w-24" />
          </div>
          <div className="space-y-3 px-5 py-5">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-4 w-48" />
          </div>
        </Card>
      </div>
    </div>
  );
}
