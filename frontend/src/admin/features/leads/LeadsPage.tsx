// The company's leads, newest first, a page at a time, by stage of the pipeline (with the count
// of each), responsible member and period. Filters and page are kept in the address, so a
// reload, or the way back from a lead, lands on the same list.
import { FilterX, Inbox } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { api, type LeadFilter } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { Alert } from '@/lib/ui/Alert';
import { Button, ButtonLink } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Pagination } from '@/lib/ui/Pagination';
import { useResource } from '@/lib/useResource';
import { sections } from '../../navigation';
import { ExportMenu } from './ExportMenu';
import { FiltersBar, StatusTabs } from './LeadsFilters';
import { LeadsTable, LeadsTableSkeleton } from './LeadsTable';
import { filterFromParams, hasFilters, paramsFromFilter } from './pipeline';

const PAGE_SIZE = 20;

export function LeadsPage() {
  const [params, setParams] = useSearchParams();
  const { search } = useLocation();
  const offset = Math.max(0, Math.floor(Number(params.get('offset')) || 0));
  const searchKey = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address's text stands for the params object, which is new every render
  const filter = useMemo(() => filterFromParams(params), [searchKey]);
  const list = useResource(
    useCallback(
      (signal: AbortSignal) => api.leads.list({ ...filter, limit: PAGE_SIZE, offset }, signal),
      [filter, offset],
    ),
  );
  const assignees = useResource(useCallback((signal: AbortSignal) => api.leads.assignees(signal), []));

  const show = (next: LeadFilter, nextOffset = 0) => setParams(paramsFromFilter(next, nextOffset), { replace: true });
  const filtered = hasFilters(filter);

  const text = t.leads;
  return (
    <>
      <PageHeader
        title={text.title}
        description={list.data?.total ? `${text.subtitle} · ${text.total(list.data.total)}` : text.subtitle}
        actions={<ExportMenu filter={filter} />}
      />
      <div className="mb-4 space-y-4">
        <StatusTabs
          counts={list.data?.counts}
          status={filter.status}
          onChange={(status) => show(status ? { ...filter, status } : { ...filter, status: undefined })}
        />
        <FiltersBar filter={filter} members={assignees.data?.members ?? []} onChange={(next) => show(next)} />
      </div>
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
          {list.data.total > 0 ? (
            <>
              <LeadsTable leads={list.data.leads} stale={list.loading} listSearch={search} onChanged={list.reload} />
              <div className="border-t border-zinc-100">
                <Pagination
                  offset={offset}
                  limit={PAGE_SIZE}
                  total={list.data.total}
                  onOffsetChange={(next) => show(filter, next)}
                />
              </div>
            </>
          ) : filtered ? (
            <EmptyState
              icon={FilterX}
              title={text.filters.nothing}
              description={text.filters.nothingText}
              className="py-16"
            >
              <Button variant="secondary" onClick={() => show({})}>
                {text.filters.reset}
              </Button>
            </EmptyState>
          ) : (
            <NoLeads />
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
