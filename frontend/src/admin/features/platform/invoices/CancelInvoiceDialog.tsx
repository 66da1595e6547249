// Cancelling an unpaid invoice: the reason is asked for, kept with the invoice and shown to the
// company in its history.
import type { PlatformInvoiceView } from '@aimax/backend/contracts';
import { useEffect, useState } from 'react';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { TextAreaField } from '@/lib/ui/TextAreaField';
import { useForm } from '@/lib/useForm';

interface CancelInvoiceDialogProps {
  /** The invoice; kept while the dialog closes, so its content stays during the animation. */
  invoice: PlatformInvoiceView | null;
  open: boolean;
  onClose(): void;
  onCancelled(): void;
}

export function CancelInvoiceDialog({ invoice, open, onClose, onCancelled }: CancelInvoiceDialogProps) {
  const [busy, setBusy] = useState(false);
  const text = t.platform.invoices;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      size="sm"
      title={invoice ? text.cancelTitle(invoice.number) : ''}
      description={invoice ? text.cancelText(invoice.tenantName) : undefined}
    >
      {/* Mounted on each opening, so the reason starts empty. */}
      {invoice && <CancelForm invoice={invoice} onBusy={setBusy} onClose={onClose} onCancelled={onCancelled} />}
    </Dialog>
  );
}

interface CancelFormProps {
  invoice: PlatformInvoiceView;
  onBusy(busy: boolean): void;
  onClose(): void;
  onCancelled(): void;
}

function CancelForm({ invoice, onBusy, onClose, onCancelled }: CancelFormProps) {
  const text = t.platform.invoices;
  const form = useForm({ reason: '' });
  const { submitting } = form;
  useEffect(() => onBusy(submitting), [submitting, onBusy]);

  const submit = form.onSubmit(async ({ reason }) => {
    const cancelled = await api.platform.cancelInvoice(invoice.id, { reason });
    toast(text.cancelledDone(cancelled.number));
    onCancelled();
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="space-y-4">
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextAreaField
        {...form.field('reason')}
        label={text.reason}
        placeholder={text.reasonPlaceholder}
        maxLength={500}
        rows={3}
      />
      <DialogActions>
        <Button variant="secondary" onClick={onClose} disabled={submitting}>
          {text.keep}
        </Button>
        <Button type="submit" variant="danger" loading={submitting}>
          {text.cancelSubmit}
        </Button>
      </DialogActions>
    </form>
  );
}
