import type { LeadView } from '@aimax/backend/contracts';
import { formatRubles, formatRublesRange } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';

/** The estimate as the visitor got it: the priced lines, their total and the range they were told. */
export function EstimateCard({ estimate }: { estimate: LeadView['estimate'] }) {
  const text = t.leads.estimate;
  return (
    <Card aria-labelledby="lead-estimate-title">
      <CardHeader titleId="lead-estimate-title" title={text.title} description={text.description} />
      <div className="px-5 py-5">
        <div className="from-brand-50 ring-brand-100 rounded-xl bg-gradient-to-br to-violet-50 px-4 py-3.5 ring-1">
          <p className="text-brand-800 text-[13px] font-medium">{text.range}</p>
          <p className="mt-0.5 text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums">
            {formatRublesRange(estimate.range)}
          </p>
        </div>
        <table className="mt-4 w-full text-sm">
          <thead className="sr-only">
            <tr>
              <th scope="col">{text.work}</th>
              <th scope="col">{text.amount}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100">
            {estimate.lines.map((line) => (
              <tr key={line.title}>
                <td className="py-2.5 pr-4 align-top">
                  <div className="font-medium text-zinc-900">{line.title}</div>
                  {line.details && <div className="mt-0.5 text-[13px] text-zinc-500">{line.details}</div>}
                </td>
                <td className="py-2.5 text-right align-top whitespace-nowrap text-zinc-900 tabular-nums">
                  {formatRubles(line.amount)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t border-zinc-200">
              <th scope="row" className="pt-3 text-left font-semibold text-zinc-900">
                {text.total}
              </th>
              <td className="pt-3 text-right font-semibold whitespace-nowrap text-zinc-900 tabular-nums">
                {formatRubles(estimate.total)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </Card>
  );
}
