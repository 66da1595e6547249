import type { BillingView } from '@aimax/backend/contracts';
import { CalendarDays, Gem } from 'lucide-react';
import { formatDate, formatRubles } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Card } from '@/lib/ui/Card';

interface CurrentPlanCardProps {
  /** The plan in force. */
  plan: BillingView['plan'];
  /** Until when it is paid; ignored for Free, which has no term. */
  expiresAt: string | null;
}

export function CurrentPlanCard({ plan, expiresAt }: CurrentPlanCardProps) {
  const text = t.billing.current;
  const term = plan.id !== 'free' && expiresAt ? text.until(formatDate(expiresAt)) : text.noExpiry;
  return (
    <Card className="relative overflow-hidden" aria-labelledby="current-plan-title">
      <div
        aria-hidden
        className="from-brand-500 absolute inset-x-0 top-0 h-1 bg-gradient-to-r via-violet-500 to-fuchsia-500"
      />
      <div className="p-5">
        <div className="flex items-center justify-between">
          <h2 id="current-plan-title" className="text-sm font-medium text-zinc-500">
            {text.title}
          </h2>
          <span className="bg-brand-50 text-brand-600 flex size-8 items-center justify-center rounded-lg">
            <Gem aria-hidden size={16} />
          </span>
        </div>
        <p className="mt-1 text-3xl font-semibold tracking-tight text-zinc-900">{t.plans[plan.id]}</p>
        <p className="mt-1 text-sm font-medium text-zinc-700 tabular-nums">
          {plan.priceRub === 0 ? text.free : text.perMonth(formatRubles(plan.priceRub))}
        </p>
        <p className="mt-3 flex items-center gap-1.5 text-sm text-zinc-600">
          <CalendarDays aria-hidden size={15} className="text-zinc-400" />
          {term}
        </p>
      </div>
    </Card>
  );
}
