import { useCallback } from 'react';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { PageHeader } from '@/lib/ui/PageHeader';
import { useResource } from '@/lib/useResource';
import { ConversionSection } from './ConversionSection';
import { GettingStarted } from './GettingStarted';
import { LeadsCard } from './LeadsCard';
import { ManagerShortcuts } from './ManagerShortcuts';
import { PlanCard } from './PlanCard';

export function DashboardPage() {
  const session = useAuthStore((state) => state.session);
  // The newest lead is enough: the answer carries the count, and says whether the widget works.
  const leads = useResource(useCallback((signal: AbortSignal) => api.leads.list({ limit: 1, offset: 0 }, signal), []));
  // The dashboard route is open to company members only, who always have a tenant.
  if (!session?.tenant) return null;
  const { user, tenant } = session;
  const isOwner = user.role === 'owner';

  return (
    <>
      <PageHeader title={t.dashboard.greeting(user.name)} description={t.dashboard.subtitle(tenant.name)} />
      <div className="mb-6">
        <ConversionSection isOwner={isOwner} />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">{isOwner ? <GettingStarted /> : <ManagerShortcuts />}</div>
        <div className="space-y-6">
          <LeadsCard leads={leads} />
          <PlanCard plan={tenant.plan} expiresAt={tenant.planExpiresAt} showBillingLink={isOwner} />
        </div>
      </div>
    </>
  );
}
