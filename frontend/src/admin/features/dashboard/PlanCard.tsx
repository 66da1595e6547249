import { ArrowRight, CalendarDays, CalendarX, Gem } from 'lucide-react';
import type { Plan } from '@/lib/api';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/i18n';
import { planExpired } from '@/lib/plans';
import { ButtonLink } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { sections } from '../../navigation';

interface PlanCardProps {
  /** The plan bought, and until when; once that has passed the company works on Free. */
  plan: Plan;
  expiresAt: string | null;
  /** Billing is the owner's; a manager sees the plan without the way to change it. */
  showBillingLink: boolean;
}

export function PlanCard({ plan, expiresAt, showBillingLink }: PlanCardProps) {
  const expired = planExpired({ plan, planExpiresAt: expiresAt });
  const inForce = expired ? 'free' : plan;
  return (
    <Card className="relative overflow-hidden" aria-labelledby="plan-card-title">
      <div
        aria-hidden
        className="from-brand-500 absolute inset-x-0 top-0 h-1 bg-gradient-to-r via-violet-500 to-fuchsia-500"
      />
      <div className="p-5">
        <div className="flex items-center justify-between">
          <h2 id="plan-card-title" className="text-sm font-medium text-zinc-500">
            {t.dashboard.plan.title}
          </h2>
          <span className="bg-brand-50 text-brand-600 flex size-8 items-center justify-center rounded-lg">
            <Gem aria-hidden size={16} />
          </span>
        </div>
        <p className="mt-1 text-3xl font-semibold tracking-tight text-zinc-900">{t.plans[inForce]}</p>
        {expired ? (
          <p className="mt-2 flex items-start gap-1.5 text-sm text-amber-800">
            <CalendarX aria-hidden size={15} className="mt-0.5 shrink-0 text-amber-500" />
            {t.billing.expired.title(t.plans[plan], formatDate(expiresAt))}
          </p>
        ) : (
          <p className="mt-2 flex items-center gap-1.5 text-sm text-zinc-600">
            <CalendarDays aria-hidden size={15} className="text-zinc-400" />
            {expiresAt ? t.dashboard.plan.expires(formatDate(expiresAt)) : t.dashboard.plan.noExpiry}
          </p>
        )}
        <p className="mt-4 text-sm leading-relaxed text-zinc-500">
          {inForce === 'free' ? t.dashboard.plan.freeText : t.dashboard.plan.paidText}
        </p>
        {showBillingLink && (
          <ButtonLink to={sections.billing.path} variant="secondary" className="mt-5 w-full">
            {t.dashboard.plan.compare}
            <ArrowRight aria-hidden size={15} />
          </ButtonLink>
        )}
      </div>
    </Card>
  );
}
