import type { LeadView } from '@aimax/backend/contracts';
import { ExternalLink } from 'lucide-react';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';
import { utmTagsOf } from './utm';

/** Where the visitor came from: the page the widget was on and the campaign's UTM tags. */
export function SourceCard({ pageUrl, utm }: Pick<LeadView, 'pageUrl' | 'utm'>) {
  const text = t.leads.source;
  const tags = utmTagsOf(utm);
  return (
    <Card aria-labelledby="lead-source-title">
      <CardHeader titleId="lead-source-title" title={text.title} />
      <dl className="space-y-4 px-5 py-5 text-sm">
        <div>
          <dt className="text-xs font-medium text-zinc-500">{text.page}</dt>
          <dd className="mt-0.5">
            {pageUrl ? (
              <a
                href={pageUrl}
                target="_blank"
                rel="noopener noreferrer"
                className="text-brand-700 hover:text-brand-800 inline-flex items-start gap-1 break-all hover:underline"
              >
                {pageUrl.replace(/^https?:\/\//, '')}
                <ExternalLink aria-hidden size={13} className="mt-1 shrink-0" />
              </a>
            ) : (
              <span className="text-zinc-500">{text.unknownPage}</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500">{text.utm}</dt>
          <dd className="mt-1.5">
            {tags.length > 0 ? (
              <ul className="flex flex-wrap gap-1.5">
                {tags.map(([name, value]) => (
                  <li
                    key={name}
                    className="inline-flex max-w-full items-center gap-1.5 rounded-md bg-zinc-100 px-2 py-1 text-xs ring-1 ring-zinc-200 ring-inset"
                  >
                    <span className="font-mono text-zinc-500">{name}</span>
                    <span className="font-medium break-all text-zinc-800">{value}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <span className="text-zinc-500">{text.noUtm}</span>
            )}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
