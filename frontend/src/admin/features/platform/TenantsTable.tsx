import type { PlatformTenantView } from '@aimax/backend/contracts';
import { Gauge, ReceiptText, SearchX } from 'lucide-react';
import { formatCount, formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Badge } from '@/lib/ui/Badge';
import { Button, ButtonLink } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { EmptyState } from '@/lib/ui/EmptyState';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Table, Td, Th, Tr } from '@/lib/ui/Table';
import { sections } from '../../navigation';

interface TenantsTableProps {
  tenants: PlatformTenantView[];
  /** A newer page is loading: the rows shown are dimmed until it arrives. */
  stale: boolean;
  onChangeStatus(tenant: PlatformTenantView): void;
  onOpenPlan(tenant: PlatformTenantView): void;
}

export function TenantsTable({ tenants, stale, onChangeStatus, onOpenPlan }: TenantsTableProps) {
  const text = t.platform.tenants;
  if (tenants.length === 0) {
    return <EmptyState icon={SearchX} title={text.empty} description={text.emptyHint} />;
  }
  return (
    <div className={cx('transition-opacity', stale && 'opacity-60')} aria-busy={stale}>
      <Table>
        <thead>
          <tr>
            <Th>{text.columns.name}</Th>
            <Th>{text.columns.plan}</Th>
            <Th className="text-right">{text.columns.month}</Th>
            <Th className="text-right">{text.columns.members}</Th>
            {/* The least needed column gives way first: with the month's figures the table is wide. */}
            <Th className="hidden 2xl:table-cell">{text.columns.created}</Th>
            <Th>{text.columns.status}</Th>
            <Th className="w-px">
              <span className="sr-only">{text.columns.actions}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {tenants.map((tenant) => (
            <Tr key={tenant.id}>
              <Td className="min-w-52">
                <div className="font-medium text-zinc-900">{tenant.name}</div>
                <div className="text-xs text-zinc-500">{tenant.ownerEmail ?? text.noOwner}</div>
              </Td>
              <Td className="whitespace-nowrap">
                <Badge tone={tenant.plan === 'free' ? 'neutral' : 'brand'}>{t.plans[tenant.plan]}</Badge>
                {tenant.planExpiresAt && (
                  <div className="mt-1 text-xs text-zinc-500">{text.planUntil(formatDate(tenant.planExpiresAt))}</div>
                )}
              </Td>
              <Td className="text-right whitespace-nowrap tabular-nums">
                <div className="text-zinc-900">
                  {text.sessions(tenant.sessionsThisMonth, formatCount(tenant.sessionsThisMonth))}
                </div>
                <div className="text-xs text-zinc-500">
                  {text.messages(tenant.messagesThisMonth, formatCount(tenant.messagesThisMonth))}
                </div>
              </Td>
              <Td className="text-right tabular-nums">{tenant.membersCount}</Td>
              <Td className="hidden whitespace-nowrap text-zinc-500 2xl:table-cell">{formatDate(tenant.createdAt)}</Td>
              <Td>
                <Badge dot tone={tenant.status === 'active' ? 'success' : 'danger'}>
                  {t.tenantStatuses[tenant.status]}
                </Badge>
              </Td>
              <Td>
                <div className="flex justify-end gap-2">
                  <ButtonLink
                    size="sm"
                    variant="secondary"
                    icon={ReceiptText}
                    to={`${sections.invoices.path}?tenantId=${tenant.id}`}
                    aria-label={text.invoicesLabel(tenant.name)}
                  >
                    {text.invoices}
                  </ButtonLink>
                  <Button
                    size="sm"
                    variant="secondary"
                    icon={Gauge}
                    onClick={() => onOpenPlan(tenant)}
                    aria-label={text.planLabel(tenant.name)}
                  >
                    {text.plan}
                  </Button>
                  <Button
                    size="sm"
                    variant="secondary"
                    onClick={() => onChangeStatus(tenant)}
                    aria-label={`${tenant.status === 'active' ? text.suspend : text.reactivate}: ${tenant.name}`}
                  >
                    {tenant.status === 'active' ? text.suspend : text.reactivate}
                  </Button>
                </div>
              </Td>
            </Tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

export function TenantsTableSkeleton() {
  return (
    <div aria-busy="true">
      <div className="h-9 border-b border-zinc-100 bg-zinc-50/60" />
      {[0, 1, 2, 3, 4].map((row) => (
        <div key={row} className="flex items-center gap-6 border-b border-zinc-100 px-5 py-4 last:border-b-0">
          <Skeleton className="h-3.5 w-40" />
          <Skeleton className="h-3.5 w-48" />
          <Skeleton className="h-5 w-14 rounded-full" />
          <Skeleton className="h-3.5 w-20" />
          <Skeleton className="ml-auto h-5 w-24 rounded-full" />
          <Skeleton className="h-8 w-20 rounded-lg" />
          <Skeleton className="h-8 w-28 rounded-lg" />
        </div>
      ))}
    </div>
  );
}
