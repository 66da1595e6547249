import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { PageHeader } from '@/lib/ui/PageHeader';
import { GettingStarted } from './GettingStarted';
import { ManagerShortcuts } from './ManagerShortcuts';
import { PlanCard } from './PlanCard';

export function DashboardPage() {
  const session = useAuthStore((state) => state.session);
  // The dashboard route is open to company members only, who always have a tenant.
  if (!session?.tenant) return null;
  const { user, tenant } = session;
  const isOwner = user.role === 'owner';

  return (
    <>
      <PageHeader title={t.dashboard.greeting(user.name)} description={t.dashboard.subtitle(tenant.name)} />
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">{isOwner ? <GettingStarted /> : <ManagerShortcuts />}</div>
        <PlanCard plan={tenant.plan} expiresAt={tenant.planExpiresAt} showBillingLink={isOwner} />
      </div>
    </>
  );
}
