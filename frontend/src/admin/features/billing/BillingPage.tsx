// The owner's Billing section: the plan in force, this month's usage against its limits, paying
// for a plan by invoice (the company's requisites, the invoice, the invoices so far, paid by
// transfer or online), and the plans to compare. An invoice paid here reloads the plan.
import type { BillingView } from '@aimax/backend/contracts';
import { useEffect } from 'react';
import { api } from '@/lib/api';
import { formatDate, formatDayMonth, formatMonth } from '@/lib/format';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { Alert } from '@/lib/ui/Alert';
import { Card, CardHeader } from '@/lib/ui/Card';
import { PageHeader } from '@/lib/ui/PageHeader';
import { Skeleton } from '@/lib/ui/Skeleton';
import { useResource } from '@/lib/useResource';
import { CurrentPlanCard } from './CurrentPlanCard';
import { Invoicing } from './Invoicing';
import { PlansTable } from './PlansTable';
import { UsageList, UsageListSkeleton } from './UsageList';
import { dayAfter } from './usage';

const loadBilling = (signal: AbortSignal) => api.billing.get(signal);

export function BillingPage() {
  const billing = useResource(loadBilling);
  const purchased = billing.data?.purchased;
  // The top bar's plan badge reads the session, loaded at sign-in: it follows the plan loaded here.
  useEffect(() => {
    if (purchased) useAuthStore.getState().planChanged({ plan: purchased.id, planExpiresAt: purchased.expiresAt });
  }, [purchased]);
  return (
    <>
      <PageHeader title={t.billing.title} description={t.billing.subtitle} />
      {billing.error && !billing.data && (
        <Alert title={t.errors.loadFailed} onRetry={billing.reload}>
          {billing.error.message}
        </Alert>
      )}
      {!billing.error && !billing.data && <BillingSkeleton />}
      {billing.data && <Billing billing={billing.data} onPlanChanged={billing.reload} />}
    </>
  );
}

function Billing({ billing, onPlanChanged }: { billing: BillingView; onPlanChanged(): void }) {
  const { purchased, period } = billing;
  return (
    <div className="space-y-6">
      {purchased.expired && (
        <Alert tone="warning" title={t.billing.expired.title(t.plans[purchased.id], formatDate(purchased.expiresAt))}>
          {t.billing.expired.text}
        </Alert>
      )}
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <CurrentPlanCard plan={billing.plan} expiresAt={purchased.expiresAt} />
        <Card className="lg:col-span-2" aria-labelledby="usage-title">
          <CardHeader
            titleId="usage-title"
            title={t.billing.usage.title(formatMonth(period.start))}
            description={t.billing.usage.resets(formatDayMonth(dayAfter(period.end)))}
          />
          <div className="p-5">
            <UsageList usage={billing.usage} limitedSessions={billing.limitedSessions} />
          </div>
        </Card>
      </div>
      <Invoicing plans={billing.plans} purchased={purchased.id} onPlanChanged={onPlanChanged} />
      <PlansTable plans={billing.plans} current={billing.plan.id} />
    </div>
  );
}

function BillingSkeleton() {
  return (
    <div aria-busy="true" className="space-y-6">
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <Card className="space-y-3 p-5">
          <Skeleton className="h-3.5 w-28" />
          <Skeleton className="h-8 w-32" />
          <Skeleton className="h-3.5 w-24" />
          <Skeleton className="h-3.5 w-36" />
        </Card>
        <Card className="lg:col-span-2">
          <div className="border-b border-zinc-100 px-5 py-4">
            <Skeleton className="h-4 w-56" />
            <Skeleton className="mt-2 h-3 w-80 max-w-full" />
          </div>
          <div className="p-5">
            <UsageListSkeleton />
          </div>
        </Card>
      </div>
      <Card className="space-y-4 p-5">
        <Skeleton className="h-4 w-44" />
        {[0, 1, 2, 3, 4].map((row) => (
          <Skeleton key={row} className="h-5 w-full" />
        ))}
      </Card>
    </div>
  );
}
