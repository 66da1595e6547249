import type { LeadView } from '@aimax/backend/contracts';
import { useCallback, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Card, CardHeader } from '@/lib/ui/Card';
import { SelectField } from '@/lib/ui/SelectField';
import { useResource } from '@/lib/useResource';

/** Who in the company is responsible for the lead; an owner or a manager can change it, or clear it. */
export function AssigneeCard({ lead, onChanged }: { lead: LeadView; onChanged(lead: LeadView): void }) {
  const members = useResource(useCallback((signal: AbortSignal) => api.leads.assignees(signal), []));
  const [busy, setBusy] = useState(false);
  const text = t.leads.assignee;

  const assign = async (assigneeId: string | null) => {
    setBusy(true);
    try {
      onChanged(await api.leads.assign(lead.id, assigneeId));
      toast(assigneeId ? text.changed : text.cleared);
    } catch (caught) {
      toast(toApiError(caught).message, 'error');
    } finally {
      setBusy(false);
    }
  };

  const options = [
    { value: '', label: text.nobody },
    ...(members.data?.members ?? []).map((member) => ({ value: member.id, label: member.name })),
  ];
  // A member removed since keeps showing until someone else is picked.
  if (lead.assignee && !options.some((option) => option.value === lead.assignee?.id)) {
    options.push({ value: lead.assignee.id, label: lead.assignee.name });
  }

  return (
    <Card aria-labelledby="lead-assignee-title">
      <CardHeader titleId="lead-assignee-title" title={text.title} />
      <div className="px-5 py-5">
        <SelectField
          label={text.label}
          name="assigneeId"
          value={lead.assignee?.id ?? ''}
          disabled={busy || !members.data}
          onChange={(event) => void assign(event.target.value || null)}
          options={options}
        />
      </div>
    </Card>
  );
}
