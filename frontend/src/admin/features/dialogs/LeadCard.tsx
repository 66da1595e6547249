import type { DialogView } from '@aimax/backend/contracts';
import { ArrowUpRight } from 'lucide-react';
import { Link } from 'react-router';
import { t } from '@/lib/i18n';
import { Badge } from '@/lib/ui/Badge';
import { Card, CardHeader } from '@/lib/ui/Card';
import { leadPath } from '../leads/LeadsTable';
import { statusTone } from '../leads/pipeline';

/** The lead the visitor left in this dialog: its stage, a click from the lead's page. */
export function LeadCard({ lead }: { lead: NonNullable<DialogView['lead']> }) {
  const text = t.dialogs.lead;
  return (
    <Card aria-labelledby="dialog-lead-title">
      <CardHeader titleId="dialog-lead-title" title={text.title} />
      <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
        <Badge tone={statusTone[lead.status]} dot>
          {t.leads.statuses[lead.status]}
        </Badge>
        <Link
          to={leadPath(lead.id)}
          className="text-brand-700 hover:text-brand-800 inline-flex items-center gap-1 text-sm font-medium hover:underline"
        >
          {text.open}
          <ArrowUpRight aria-hidden size={15} />
        </Link>
      </div>
    </Card>
  );
}
