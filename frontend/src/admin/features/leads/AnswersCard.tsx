import type { LeadView } from '@aimax/backend/contracts';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';

/** The funnel's questions and what the visitor chose, in the order they were asked; a lead names the version that asked them. */
export function AnswersCard({
  answers,
  funnelVersion,
}: Pick<LeadView, 'answers'> & { funnelVersion?: LeadView['funnelVersion'] }) {
  const text = t.leads.answers;
  return (
    <Card aria-labelledby="lead-answers-title">
      <CardHeader titleId="lead-answers-title" title={text.title} description={text.description} />
      {answers.length === 0 ? (
        <p className="px-5 py-5 text-sm text-zinc-500">{text.empty}</p>
      ) : (
        <dl className="divide-y divide-zinc-100">
          {answers.map(({ question, answer }) => (
            <div key={question} className="grid gap-1 px-5 py-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)] sm:gap-4">
              <dt className="text-sm text-zinc-500">{question}</dt>
              <dd className="text-sm font-medium text-zinc-900">{answer}</dd>
            </div>
          ))}
        </dl>
      )}
      {funnelVersion !== undefined && (
        <p className="border-t border-zinc-100 px-5 py-3 text-[13px] text-zinc-500">{text.version(funnelVersion)}</p>
      )}
    </Card>
  );
}
