// A lead's stage, changed where it is shown: in the list's row and on the lead's page. A refusal
// asks for its reason first, in a dialog; the other stages change at once.
import type { LeadView } from '@aimax/backend/contracts';
import { ChevronDown } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { api, type LeadStatus, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Button } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { TextAreaField } from '@/lib/ui/TextAreaField';
import { LEAD_STATUSES } from './pipeline';

const toneClasses: Record<LeadStatus, string> = {
  new: 'bg-brand-50 text-brand-700 ring-brand-200 hover:bg-brand-100',
  in_progress: 'bg-amber-50 text-amber-800 ring-amber-200 hover:bg-amber-100',
  measurement: 'bg-sky-50 text-sky-800 ring-sky-200 hover:bg-sky-100',
  contract: 'bg-emerald-50 text-emerald-700 ring-emerald-200 hover:bg-emerald-100',
  rejected: 'bg-red-50 text-red-700 ring-red-200 hover:bg-red-100',
};

interface StatusControlProps {
  lead: Pick<LeadView, 'id' | 'name' | 'status'>;
  onChanged(lead: LeadView): void;
  size?: 'sm' | 'md';
}

export function StatusControl({ lead, onChanged, size = 'sm' }: StatusControlProps) {
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const text = t.leads;

  const change = async (status: LeadStatus, reason?: string) => {
    setBusy(true);
    try {
      const updated = await api.leads.changeStatus(lead.id, reason === undefined ? { status } : { status, reason });
      onChanged(updated);
      toast(text.status.changed(text.statuses[status]));
      return true;
    } catch (caught) {
      const error = toApiError(caught);
      if (error.fields.reason) throw error;
      toast(error.message, 'error');
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    // Clicks here (the dialog's included: React passes them up through the portal) are not the row's.
    // biome-ignore lint/a11y/noStaticElementInteractions: it only stops the row's click; the controls inside are its own
    // biome-ignore lint/a11y/useKeyWithClickEvents: the row opens by its link for keyboards; nothing to mirror here
    <div onClick={(event) => event.stopPropagation()} className="inline-block">
      <div className="relative inline-flex">
        <select
          aria-label={text.status.labelFor(lead.name)}
          value={lead.status}
          disabled={busy}
          onChange={(event) => {
            const status = event.target.value as LeadStatus;
            if (status === 'rejected') setRejecting(true);
            else void change(status);
          }}
          className={cx(
            'focus-visible:outline-brand-500 cursor-pointer appearance-none rounded-full font-medium ring-1 ring-inset transition-colors outline-none focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-wait disabled:opacity-70',
            size === 'sm' ? 'py-1 pr-7 pl-2.5 text-xs' : 'py-2 pr-9 pl-3.5 text-sm',
            toneClasses[lead.status],
          )}
        >
          {LEAD_STATUSES.map((status) => (
            <option key={status} value={status}>
              {text.statuses[status]}
            </option>
          ))}
        </select>
        <ChevronDown
          aria-hidden
          size={size === 'sm' ? 13 : 15}
          className={cx(
            'pointer-events-none absolute top-1/2 -translate-y-1/2 opacity-70',
            size === 'sm' ? 'right-2' : 'right-3',
          )}
        />
      </div>
      <RejectDialog
        open={rejecting}
        busy={busy}
        onClose={() => setRejecting(false)}
        onConfirm={async (reason) => {
          if (await change('rejected', reason)) setRejecting(false);
        }}
      />
    </div>
  );
}

interface RejectDialogProps {
  open: boolean;
  busy: boolean;
  onClose(): void;
  /** Throws the API's error when the reason itself was refused, for the field to show. */
  onConfirm(reason: string): Promise<void>;
}

function RejectDialog({ open, busy, onClose, onConfirm }: RejectDialogProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const text = t.leads.reject;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setError(text.required);
      return;
    }
    setError(undefined);
    try {
      await onConfirm(reason.trim());
      setReason('');
    } catch (caught) {
      setError(toApiError(caught).fields.reason);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} busy={busy} title={text.title} description={text.description} size="sm">
      <form onSubmit={submit} noValidate>
        <TextAreaField
          label={text.reason}
          name="reason"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder={text.placeholder}
          maxLength={500}
          error={error}
          data-autofocus
        />
        <DialogActions>
          <Button type="button" variant="secondary" onClick={onClose} disabled={busy}>
            {text.cancel}
          </Button>
          <Button type="submit" variant="danger" loading={busy}>
            {text.confirm}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
