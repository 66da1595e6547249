import type { LeadView } from '@aimax/backend/contracts';
import { Phone, ShieldCheck } from 'lucide-react';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { buttonClasses } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { PhoneLink } from './PhoneLink';

/** Who left the lead and how to reach them, with the moment they agreed to be contacted. */
export function ContactsCard({ lead }: { lead: LeadView }) {
  const text = t.leads.contacts;
  return (
    <Card aria-labelledby="lead-contacts-title">
      <CardHeader titleId="lead-contacts-title" title={text.title} />
      <dl className="space-y-4 px-5 py-5 text-sm">
        <div>
          <dt className="text-xs font-medium text-zinc-500">{text.name}</dt>
          <dd className="mt-0.5 font-medium break-words text-zinc-900">{lead.name}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500">{text.phone}</dt>
          <dd className="mt-0.5 flex flex-wrap items-center justify-between gap-2">
            <PhoneLink phone={lead.phone} className="text-base" />
            <a href={`tel:${lead.phone}`} className={buttonClasses('secondary', 'sm')}>
              <Phone aria-hidden size={14} />
              {t.leads.call}
            </a>
          </dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-zinc-500">{text.consent}</dt>
          <dd className="mt-0.5 flex items-center gap-1.5 text-zinc-700">
            <ShieldCheck aria-hidden size={15} className="shrink-0 text-emerald-500" />
            {formatDateTime(lead.consentAt)}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
