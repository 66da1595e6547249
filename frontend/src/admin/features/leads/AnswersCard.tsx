import type { LeadView } from '@aimax/backend/contracts';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';

/** The funnel's questions and what the visitor chose, in the order they were asked. */
export function AnswersCard({ answers }: { answers: LeadView['answers'] }) {
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
    </Card>
  );
}
