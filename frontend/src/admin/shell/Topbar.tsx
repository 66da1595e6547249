import type { SessionView } from '@aimax/backend/contracts';
import { Building2, Menu as MenuIcon, ShieldCheck } from 'lucide-react';
import { t } from '@/lib/i18n';
import { planInForce } from '@/lib/plans';
import { Badge } from '@/lib/ui/Badge';
import { IconButton } from '@/lib/ui/Button';
import { UserMenu } from './UserMenu';

interface TopbarProps {
  session: SessionView;
  onOpenNavigation(): void;
}

export function Topbar({ session, onOpenNavigation }: TopbarProps) {
  const { tenant, user } = session;
  return (
    <header className="sticky top-0 z-30 flex h-16 items-center gap-3 border-b border-zinc-200/80 bg-white/80 px-4 backdrop-blur-md sm:px-6 lg:px-10">
      <IconButton icon={MenuIcon} label={t.common.openMenu} onClick={onOpenNavigation} className="-ml-1 lg:hidden" />
      <div className="flex min-w-0 flex-1 items-center gap-2.5">
        {tenant ? (
          <>
            <Building2 aria-hidden size={16} className="hidden shrink-0 text-zinc-400 sm:block" />
            <span className="truncate text-sm font-medium text-zinc-900">{tenant.name}</span>
            <Badge tone="brand">{t.shell.planBadge(t.plans[planInForce(tenant)])}</Badge>
          </>
        ) : (
          <>
            <ShieldCheck aria-hidden size={16} className="text-brand-500 shrink-0" />
            <span className="truncate text-sm font-medium text-zinc-900">{t.shell.platformName}</span>
          </>
        )}
      </div>
      <UserMenu user={user} />
    </header>
  );
}
