// The company's leads, newest first, a page at a time; the page is kept in the address so a
// reload, or the way back from a lead, lands on the same one.
import { Inbox } from 'lucide-react';
import { useCallback } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { Alert } from '@/lib/ui/Alert';
import { ButtonLink } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Pagination } from '@/lib/ui/Pagination';
import { useResource } from '@/lib/useResource';
import { sections } from '../../navigation';
import { LeadsTable, LeadsTableSkeleton } from './LeadsTable';

const PAGE_SIZE = 20;

export function LeadsPage() {
  const [params, setParams] = useSearchParams();
  const { search } = useLocation();
  const offset = Math.max(0, Math.floor(Number(params.get('offset')) || 0));
  const list = useResource(
    useCallback((signal: AbortSignal) => api.leads.list({ limit: PAGE_SIZE, offset }, signal), [offset]),
  );

  const goTo = (next: number) => setParams(next > 0 ? { offset: String(next) } : {}, { replace: true });

  const text = t.leads;
  return (
    <>
      <PageHeader
        title={text.title}
        description={list.data?.total ? `${text.subtitle} · ${text.total(list.data.total)}` : text.subtitle}
      />
      {list.error && (
        <Alert title={t.errors.loadFailed} onRetry={list.reload} className="mb-4">
          {list.error.message}
        </Alert>
      )}
      {!list.error && !list.data && (
        <Card className="overflow-hidden">
          <LeadsTableSkeleton />
        </Card>
      )}
      {list.data && (
        <Card className="overflow-hidden">
          {list.data.total === 0 ? (
            <NoLeads />
          ) : (
            <>
              <LeadsTable leads={list.data.leads} stale={list.loading} listSearch={search} />
              <div className="border-t border-zinc-100">
                <Pagination offset={offset} limit={PAGE_SIZE} total={list.data.total} onOffsetChange={goTo} />
              </div>
            </>
          )}
        </Card>
      )}
    </>
  );
}

/** Before the first lead: where leads come from, and for the owner the way to the widget's code. */
function NoLeads() {
  const isOwner = useAuthStore((state) => state.session?.user.role === 'owner');
  const text = t.leads.empty;
  return (
    <EmptyState icon={Inbox} title={text.title} description={text.text} className="py-16">
      {isOwner && (
        <ButtonLink to={sections.widget.path} icon={sections.widget.icon}>
          {text.toWidget}
        </ButtonLink>
      )}
    </EmptyState>
  );
}
