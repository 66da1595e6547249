// The platform operator's list of companies: search, a status filter and pages, all kept in the
// address so a filtered view can be reloaded or shared; suspending and reactivating a company,
// and its plan and this month's usage.
import type { PlatformTenantView } from '@aimax/backend/contracts';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type TenantStatus } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Card } from '@/lib/ui/Card';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Pagination } from '@/lib/ui/Pagination';
import { useResource } from '@/lib/useResource';
import { PlatformSetup } from './PlatformSetup';
import { TenantFilters } from './TenantFilters';
import { TenantPlanDialog } from './TenantPlanDialog';
import { TenantsTable, TenantsTableSkeleton } from './TenantsTable';

const PAGE_SIZE = 20;

const parseStatus = (value: string | null): TenantStatus | undefined =>
  value === 'active' || value === 'suspended' ? value : undefined;

export function TenantsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = parseStatus(params.get('status'));
  const offset = Math.max(0, Math.floor(Number(params.get('offset')) || 0));

  const list = useResource(
    useCallback(
      (signal: AbortSignal) => api.platform.listTenants({ q, status, limit: PAGE_SIZE, offset }, signal),
      [q, status, offset],
    ),
  );
  const [change, setChange] = useState<{ tenant: PlatformTenantView; open: boolean } | null>(null);
  const [planOf, setPlanOf] = useState<{ tenant: PlatformTenantView; open: boolean } | null>(null);

  /** Changes filters in the address; a new filter starts again from the first page. */
  const setFilters = useCallback(
    (changes: { q?: string; status?: TenantStatus | null; offset?: number }) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          const set = (name: string, value: string | number | null | undefined) => {
            if (value === undefined) return;
            if (value === null || value === '' || value === 0) next.delete(name);
            else next.set(name, String(value));
          };
          set('q', changes.q);
          set('status', changes.status);
          set('offset', changes.offset ?? 0);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const closePlan = () => setPlanOf((current) => current && { ...current, open: false });

  const search = useCallback((value: string) => setFilters({ q: value }), [setFilters]);

  const applyChange = async (tenant: PlatformTenantView) => {
    if (tenant.status === 'active') {
      await api.platform.suspendTenant(tenant.id);
      toast(t.platform.tenants.suspendedDone(tenant.name));
    } else {
      await api.platform.reactivateTenant(tenant.id);
      toast(t.platform.tenants.reactivatedDone(tenant.name));
    }
    list.reload();
  };

  const text = t.platform.tenants;
  const target = change?.tenant;
  const suspending = target?.status === 'active';

  return (
    <>
      <PageHeader
        title={text.title}
        description={list.data ? `${text.subtitle} · ${text.total(list.data.total)}` : text.subtitle}
      />
      <PlatformSetup />
      <TenantFilters
        q={q}
        status={status}
        onSearch={search}
        onStatus={(value) => setFilters({ status: value ?? null })}
      />
      {list.error && (
        <Alert title={t.errors.loadFailed} onRetry={list.reload} className="mb-4">
          {list.error.message}
        </Alert>
      )}
      <Card className="overflow-hidden">
        {list.data ? (
          <>
            <TenantsTable
              tenants={list.data.tenants}
              stale={list.loading}
              onChangeStatus={(tenant) => setChange({ tenant, open: true })}
              onOpenPlan={(tenant) => setPlanOf({ tenant, open: true })}
            />
            <div className="border-t border-zinc-100">
              <Pagination
                offset={offset}
                limit={PAGE_SIZE}
                total={list.data.total}
                onOffsetChange={(next) => setFilters({ offset: next })}
              />
            </div>
          </>
        ) : (
          !list.error && <TenantsTableSkeleton />
        )}
      </Card>
      <ConfirmDialog
        open={change?.open ?? false}
        onClose={() => setChange((current) => current && { ...current, open: false })}
        title={target ? (suspending ? text.suspendTitle(target.name) : text.reactivateTitle(target.name)) : ''}
        description={suspending ? text.suspendText : text.reactivateText}
        confirmLabel={suspending ? text.suspend : text.reactivate}
        tone={suspending ? 'danger' : 'primary'}
        onConfirm={() => (target ? applyChange(target) : Promise.resolve())}
      />
      <TenantPlanDialog
        tenant={planOf?.tenant ?? null}
        open={planOf?.open ?? false}
        onClose={closePlan}
        onChanged={() => {
          closePlan();
          list.reload();
        }}
      />
    </>
  );
}
