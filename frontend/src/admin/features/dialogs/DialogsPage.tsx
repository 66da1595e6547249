// The company's dialogs, the latest activity first, a page at a time, by who answers (with the
// count of each), period and search, kept live by the company's stream. Filters and page are kept
// in the address, so a reload, or the way back from a dialog, lands on the same list.
import { FilterX, MessagesSquare } from 'lucide-react';
import { useMemo } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import type { DialogFilter } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { Alert } from '@/lib/ui/Alert';
import { Button, ButtonLink } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { EmptyState } from '@/lib/ui/EmptyState';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Pagination } from '@/lib/ui/Pagination';
import { sections } from '../../navigation';
import { FiltersBar, StateTabs } from './DialogsFilters';
import { DialogsList, DialogsListSkeleton } from './DialogsList';
import { filterFromParams, hasFilters, paramsFromFilter } from './filters';
import { HandoffSettingsButton } from './HandoffSettings';
import { SoundToggle } from './SoundToggle';
import { useDialogFeed } from './useDialogFeed';
import { useLiveDialogList } from './useLiveDialogList';
import { useWaitingAlerts } from './useWaitingAlerts';

const PAGE_SIZE = 20;

export function DialogsPage() {
  const [params, setParams] = useSearchParams();
  const { search } = useLocation();
  const offset = Math.max(0, Math.floor(Number(params.get('offset')) || 0));
  const searchKey = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the address's text stands for the params object, which is new every render
  const filter = useMemo(() => filterFromParams(params), [searchKey]);
  const list = useLiveDialogList(filter, offset, PAGE_SIZE);
  const alerts = useWaitingAlerts();
  useDialogFeed({
    onOpen: () => {
      list.onOpen();
      alerts.onOpen();
    },
    onDialog: (dialog) => {
      list.onDialog(dialog);
      alerts.onDialog(dialog);
    },
  });

  const show = (next: DialogFilter, nextOffset = 0) => setParams(paramsFromFilter(next, nextOffset), { replace: true });
  const text = t.dialogs;
  return (
    <>
      <PageHeader
        title={text.title}
        description={list.data?.total ? `${text.subtitle} · ${text.total(list.data.total)}` : text.subtitle}
        actions={
          <>
            <HandoffSettingsButton />
            <SoundToggle />
          </>
        }
      />
      <div className="mb-4 space-y-4">
        <StateTabs
          counts={list.data?.counts}
          state={filter.state}
          onChange={(state) => show(state ? { ...filter, state } : { ...filter, state: undefined })}
        />
        <FiltersBar filter={filter} onChange={(next) => show(next)} />
      </div>
      {list.error && (
        <Alert title={t.errors.loadFailed} onRetry={list.reload} className="mb-4">
          {list.error.message}
        </Alert>
      )}
      {!list.error && !list.data && (
        <Card className="overflow-hidden">
          <DialogsListSkeleton />
        </Card>
      )}
      {list.data && (
        <Card className="overflow-hidden">
          {list.data.total > 0 ? (
            <>
              <DialogsList dialogs={list.data.dialogs} stale={list.loading} listSearch={search} />
              <div className="border-t border-zinc-100">
                <Pagination
                  offset={offset}
                  limit={PAGE_SIZE}
                  total={list.data.total}
                  onOffsetChange={(next) => show(filter, next)}
                />
              </div>
            </>
          ) : hasFilters(filter) ? (
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
            <NoDialogs />
          )}
        </Card>
      )}
    </>
  );
}

/** Before the first visitor writes: where dialogs come from, and for the owner the way to the widget's code. */
function NoDialogs() {
  const isOwner = useAuthStore((state) => state.session?.user.role === 'owner');
  const text = t.dialogs.empty;
  return (
    <EmptyState icon={MessagesSquare} title={text.title} description={text.text} className="py-16">
      {isOwner && (
        <ButtonLink to={sections.widget.path} icon={sections.widget.icon}>
          {text.toWidget}
        </ButtonLink>
      )}
    </EmptyState>
  );
}
