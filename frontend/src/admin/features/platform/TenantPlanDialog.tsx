// A company's plan as the platform operator handles it: this month's usage against its limits,
// and putting it on another plan by hand (a deal made outside the invoices). A paid plan is put
// on for a term, which the operator gives as the last day paid for.
import type { PlatformTenantView } from '@aimax/backend/contracts';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, type Plan } from '@/lib/api';
import { formatDate, formatMonth } from '@/lib/format';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { Skeleton } from '@/lib/ui/Skeleton';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';
import { useResource } from '@/lib/useResource';
import { UsageList, UsageListSkeleton } from '../billing/UsageList';
import { PlanPicker } from './PlanPicker';
import { dateInputValue } from './planTerm';

interface TenantPlanDialogProps {
  /** The company; kept while the dialog closes, so its content stays during the animation. */
  tenant: PlatformTenantView | null;
  open: boolean;
  onClose(): void;
  /** The plan was changed: the dialog is done, and the list is out of date. */
  onChanged(): void;
}

export function TenantPlanDialog({ tenant, open, onClose, onChanged }: TenantPlanDialogProps) {
  const [busy, setBusy] = useState(false);
  const text = t.platform.plan;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      title={text.title}
      description={tenant ? text.description(tenant.name) : undefined}
    >
      {/* Mounted on each opening, so the usage and the form start from what the server holds now. */}
      {tenant && <TenantPlan tenant={tenant} onBusy={setBusy} onCancel={onClose} onChanged={onChanged} />}
    </Dialog>
  );
}

interface TenantPlanProps {
  tenant: PlatformTenantView;
  onBusy(busy: boolean): void;
  onCancel(): void;
  onChanged(): void;
}

function TenantPlan({ tenant, onBusy, onCancel, onChanged }: TenantPlanProps) {
  const text = t.platform.plan;
  const usage = useResource(
    useCallback((signal: AbortSignal) => api.platform.tenantUsage(tenant.id, signal), [tenant.id]),
  );
  const form = useForm<{ plan: Plan; paidThrough: string }>({
    plan: tenant.plan,
    paidThrough: dateInputValue(tenant.planExpiresAt),
  });
  const { submitting } = form;
  useEffect(() => onBusy(submitting), [submitting, onBusy]);

  const submit = form.onSubmit(async ({ plan, paidThrough }) => {
    if (plan !== 'free' && !paidThrough) {
      const message = text.paidUntilRequired;
      throw new ApiError({ status: 0, code: 'VALIDATION_FAILED', message, fields: { paidThrough: message } });
    }
    const updated = await api.platform.setTenantPlan(tenant.id, {
      plan,
      paidThrough: plan === 'free' ? null : paidThrough,
    });
    toast(text.done(updated.name, t.plans[updated.plan]));
    onChanged();
  });

  return (
    <div className="space-y-6">
      <section aria-labelledby={usage.data ? 'tenant-usage-title' : undefined}>
        {usage.data ? (
          <h3 id="tenant-usage-title" className="mb-4 text-sm font-semibold text-zinc-900">
            {t.billing.usage.title(formatMonth(usage.data.period.start))}
          </h3>
        ) : (
          <Skeleton className="mb-4 h-4 w-48" />
        )}
        {usage.error && !usage.data && (
          <Alert title={t.errors.loadFailed} onRetry={usage.reload}>
            {usage.error.message}
          </Alert>
        )}
        {!usage.error && !usage.data && <UsageListSkeleton />}
        {usage.data && (
          <>
            {usage.data.purchased.expired && (
              <Alert tone="warning" className="mb-4">
                {t.billing.expired.title(t.plans[usage.data.purchased.id], formatDate(usage.data.purchased.expiresAt))}
              </Alert>
            )}
            <UsageList usage={usage.data.usage} limitedSessions={usage.data.limitedSessions} />
          </>
        )}
      </section>
      <form
        ref={form.formRef}
        onSubmit={submit}
        noValidate
        aria-labelledby="tenant-plan-title"
        className="space-y-4 border-t border-zinc-100 pt-5"
      >
        <h3 id="tenant-plan-title" className="text-sm font-semibold text-zinc-900">
          {text.change}
        </h3>
        {form.formError && <Alert>{form.formError}</Alert>}
        <PlanPicker
          label={text.planLabel}
          value={form.values.plan}
          onChange={(plan) => form.setValue('plan', plan)}
          error={form.errorOf('plan')}
        />
        {form.values.plan !== 'free' && (
          <TextField
            {...form.field('paidThrough')}
            label={text.paidUntil}
            type="date"
            min={dateInputValue(Date.now())}
            hint={text.paidUntilHint}
            className="sm:max-w-xs"
          />
        )}
        <DialogActions>
          <Button variant="secondary" onClick={onCancel} disabled={submitting}>
            {t.common.cancel}
          </Button>
          <Button type="submit" loading={submitting}>
            {text.submit}
          </Button>
        </DialogActions>
      </form>
    </div>
  );
}
