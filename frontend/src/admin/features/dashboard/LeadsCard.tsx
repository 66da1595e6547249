import type { LeadListView } from '@aimax/backend/contracts';
import { ArrowRight, Inbox } from 'lucide-react';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { ButtonLink } from '@/lib/ui/Button';
import { Card } from '@/lib/ui/Card';
import { Skeleton } from '@/lib/ui/Skeleton';
import type { Resource } from '@/lib/useResource';
import { sections } from '../../navigation';

/** How many leads the widget has brought, and when the last one came; the way to all of them. */
export function LeadsCard({ leads }: { leads: Resource<LeadListView> }) {
  const text = t.dashboard.leads;
  const latest = leads.data?.leads[0];
  return (
    <Card aria-labelledby="leads-card-title">
      <div className="p-5">
        <div className="flex items-center justify-between">
          <h2 id="leads-card-title" className="text-sm font-medium text-zinc-500">
            {text.title}
          </h2>
          <span className="flex size-8 items-center justify-center rounded-lg bg-emerald-50 text-emerald-600">
            <Inbox aria-hidden size={16} />
          </span>
        </div>
        {leads.data ? (
          <p className="mt-1 text-3xl font-semibold tracking-tight text-zinc-900 tabular-nums">
            {text.total(leads.data.total)}
          </p>
        ) : leads.error ? (
          <p className="mt-1 text-3xl font-semibold text-zinc-300">{t.common.noValue}</p>
        ) : (
          <Skeleton className="mt-2 h-8 w-28" />
        )}
        <p className="mt-2 text-sm text-zinc-500">
          {latest ? text.latest(formatDateTime(latest.createdAt)) : leads.data && text.none}
        </p>
        <ButtonLink to={sections.leads.path} variant="secondary" className="mt-5 w-full">
          {text.open}
          <ArrowRight aria-hidden size={15} />
        </ButtonLink>
      </div>
    </Card>
  );
}
