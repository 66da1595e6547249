// One lead: who left it and how to reach them, its stage, responsible member and history with
// notes, what they answered, the estimate they got, where they came from and the whole
// conversation, with the estimate's PDF a click away.
import type { LeadView } from '@aimax/backend/contracts';
import { ArrowLeft, ExternalLink, FileSearch, FileText } from 'lucide-react';
import { useCallback, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { type ApiError, api } from '@/lib/api';
import { formatDateTime, formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Button, ButtonLink } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Skeleton } from '@/lib/ui/Skeleton';
import { useResource } from '@/lib/useResource';
import { sections } from '../../navigation';
import { AnswersCard } from './AnswersCard';
import { AssigneeCard } from './AssigneeCard';
import { ContactsCard } from './ContactsCard';
import { EstimateCard } from './EstimateCard';
import { HistoryCard } from './HistoryCard';
import { SourceCard } from './SourceCard';
import { StatusControl } from './StatusControl';
import { Transcript } from './Transcript';
import { useEstimatePdf } from './useEstimatePdf';

/** No such lead in this company, or an address that cannot name one (the API checks ids are UUIDs). */
const isMissing = (error: ApiError) => error.code === 'LEAD_NOT_FOUND' || 'id' in error.fields;

export function LeadPage() {
  const { id = '' } = useParams();
  // The list's page the manager came from, so «back» returns there.
  const listSearch = (useLocation().state as { listSearch?: string } | null)?.listSearch ?? '';
  const lead = useResource(useCallback((signal: AbortSignal) => api.leads.get(id, signal), [id]));
  const backTo = `${sections.leads.path}${listSearch}`;

  return (
    <>
      <Link
        to={backTo}
        className="mb-3 inline-flex items-center gap-1.5 text-sm font-medium text-zinc-500 transition-colors hover:text-zinc-900"
      >
        <ArrowLeft aria-hidden size={16} />
        {t.leads.back}
      </Link>
      {lead.error && !lead.data && isMissing(lead.error) && <LeadNotFound backTo={backTo} />}
      {lead.error && !lead.data && !isMissing(lead.error) && (
        <Alert title={t.errors.loadFailed} onRetry={lead.reload} className="mt-3">
          {lead.error.message}
        </Alert>
      )}
      {!lead.error && !lead.data && <LeadSkeleton />}
      {lead.data && <LeadDetails key={lead.data.id} initial={lead.data} />}
    </>
  );
}

function LeadDetails({ initial }: { initial: LeadView }) {
  // Each change answers with the lead as it now is, which replaces the one loaded.
  const [lead, setLead] = useState(initial);
  const pdf = useEstimatePdf(lead.id);
  const text = t.leads.pdf;
  return (
    <>
      <PageHeader
        title={lead.name}
        description={t.leads.receivedAt(formatDateTime(lead.createdAt))}
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <StatusControl lead={lead} onChanged={setLead} size="md" />
            <Button icon={FileText} loading={pdf.busy} onClick={pdf.open}>
              {pdf.busy ? text.busy : text.button}
            </Button>
          </div>
        }
      />
      {pdf.blocked && (
        <Alert tone="info" className="-mt-2 mb-6">
          {text.ready(formatTime(pdf.blocked.expiresAt))}{' '}
          <a
            href={pdf.blocked.url}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-1 font-medium underline"
          >
            {text.open}
            <ExternalLink aria-hidden size={13} />
          </a>
        </Alert>
      )}
      {/* On wide screens contacts and source stand beside the rest. On a phone the columns dissolve
          into one, ordered by what a manager needs first: whom to call, then what they were promised. */}
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,340px)]">
        <div className="max-lg:contents lg:space-y-6">
          <div className="max-lg:order-4">
            <EstimateCard estimate={lead.estimate} />
          </div>
          <div className="max-lg:order-5">
            <AnswersCard answers={lead.answers} funnelVersion={lead.funnelVersion} />
          </div>
          <div className="max-lg:order-7">
            <Transcript messages={lead.transcript} />
          </div>
        </div>
        <div className="max-lg:contents lg:space-y-6">
          <div className="max-lg:order-1">
            <ContactsCard lead={lead} />
          </div>
          <div className="max-lg:order-2">
            <AssigneeCard lead={lead} onChanged={setLead} />
          </div>
          <div className="max-lg:order-3">
            <HistoryCard lead={lead} onChanged={setLead} />
          </div>
          <div className="max-lg:order-6">
            <SourceCard pageUrl={lead.pageUrl} utm={lead.utm} />
          </div>
        </div>
      </div>
    </>
  );
}

function LeadNotFound({ backTo }: { backTo: string }) {
  return (
    <Card className="mt-3">
      <EmptyState icon={FileSearch} title={t.leads.notFound.title} description={t.leads.notFound.text}>
        <ButtonLink to={backTo} variant="secondary">
          {t.leads.back}
        </ButtonLink>
      </EmptyState>
    </Card>
  );
}

function LeadSkeleton() {
  return (
    <div aria-busy="true">
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <Skeleton className="h-7 w-52" />
          <Skeleton className="mt-2 h-4 w-64 max-w-full" />
        </div>
        <Skeleton className="h-10 w-36 rounded-lg" />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,340px)]">
        <div className="space-y-6 max-lg:order-2">
          {['estimate', 'answers'].map((card) => (
            <Card key={card}>
              <div className="border-b border-zinc-100 px-5 py-4">
                <Skeleton className="h-4 w-32" />
                <Skeleton className="mt-2 h-3 w-56 max-w-full" />
              </div>
              <div className="space-y-3 px-5 py-5">
                <Skeleton className="h-16 w-full rounded-xl" />
                <Skeleton className="h-4 w-full" />
                <Skeleton className="h-4 w-3/4" />
              </div>
            </Card>
          ))}
        </div>
        <Card className="max-lg:order-1">
          <div className="border-b border-zinc-100 px-5 py-4">
            <Skeleton className="h-4 w-24" />
          </div>
          <div className="space-y-4 px-5 py-5">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-4 w-36" />
          </div>
        </Card>
      </div>
    </div>
  );
}
