// Every plan side by side, the company's own highlighted. On a phone the table scrolls sideways
// under its first column, which stays in place so each row keeps its name.
import type { PlanView } from '@aimax/backend/contracts';
import { Check, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatBytes, formatCompact, formatCount, formatRubles } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Badge } from '@/lib/ui/Badge';
import { Card, CardHeader } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';

interface Row {
  label: string;
  value(plan: PlanView): ReactNode;
}

const text = t.billing.plans;

function Included({ value }: { value: boolean }) {
  return value ? (
    <Check aria-label={text.yes} role="img" size={18} strokeWidth={2.5} className="text-emerald-500" />
  ) : (
    <X aria-label={text.no} role="img" size={18} className="text-zinc-300" />
  );
}

/** «openai/gpt-4o» → «gpt-4o»: the provider is in the name of the model already. */
const modelName = (id: string) => id.slice(id.indexOf('/') + 1);

function Models({ models }: { models: readonly string[] }) {
  if (models.length === 0) return <span className="text-zinc-500">{text.platformModel}</span>;
  return (
    <ul className="space-y-0.5 text-[13px]">
      {models.map((model) => (
        <li key={model}>{modelName(model)}</li>
      ))}
    </ul>
  );
}

const rows: Row[] = [
  {
    label: text.rows.price,
    value: (plan) => (
      <span className="font-semibold whitespace-nowrap text-zinc-900">
        {plan.priceRub === 0 ? text.free : text.perMonth(formatRubles(plan.priceRub))}
      </span>
    ),
  },
  { label: text.rows.sessions, value: (plan) => formatCount(plan.limits.sessions) },
  { label: text.rows.messages, value: (plan) => formatCount(plan.limits.messages) },
  { label: text.rows.tokens, value: (plan) => formatCompact(plan.limits.tokens) },
  { label: text.rows.kbDocuments, value: (plan) => formatCount(plan.limits.kbDocuments) },
  { label: text.rows.storage, value: (plan) => formatBytes(plan.limits.storageBytes) },
  { label: text.rows.integrations, value: (plan) => <Included value={plan.features.integrations} /> },
  { label: text.rows.customDomain, value: (plan) => <Included value={plan.features.customDomain} /> },
  { label: text.rows.whiteLabel, value: (plan) => <Included value={plan.features.whiteLabel} /> },
  { label: text.rows.models, value: (plan) => <Models models={plan.features.models} /> },
];

// The first column stays put while the plans scroll under it, so it needs a background of its
// own, and a hairline (a shadow, as borders stay behind in a collapsed table) to edge it.
const rowHeader =
  'sticky left-0 z-10 w-36 bg-white px-4 text-left font-normal text-zinc-600 shadow-[1px_0_0_var(--color-zinc-100)] sm:w-56 sm:px-5';

export function PlansTable({ plans, current }: { plans: readonly PlanView[]; current: PlanView['id'] }) {
  return (
    <Card className="overflow-hidden" aria-labelledby="plans-title">
      <CardHeader title={text.title} description={text.description} titleId="plans-title" />
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[42rem] table-fixed border-collapse text-sm">
          <thead>
            <tr>
              <th scope="col" className={cx(rowHeader, 'pt-4 pb-3 align-bottom text-xs font-medium text-zinc-500')}>
                {text.feature}
              </th>
              {plans.map((plan) => (
                <th
                  key={plan.id}
                  scope="col"
                  className={cx(
                    'px-4 pt-4 pb-3 text-left align-bottom',
                    plan.id === current && 'bg-brand-50/70 rounded-t-xl',
                  )}
                >
                  {plan.id === current && (
                    <Badge tone="brand" className="mb-1.5">
                      {text.current}
                    </Badge>
                  )}
                  <span className="block text-base font-semibold text-zinc-900">{t.plans[plan.id]}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className="border-t border-zinc-100">
                <th scope="row" className={cx(rowHeader, 'py-3')}>
                  {row.label}
                </th>
                {plans.map((plan) => (
                  <td
                    key={plan.id}
                    className={cx(
                      'px-4 py-3 align-middle text-zinc-800 tabular-nums',
                      plan.id === current && 'bg-brand-50/70',
                    )}
                  >
                    {row.value(plan)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
