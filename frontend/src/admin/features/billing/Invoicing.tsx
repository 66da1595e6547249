// Paying by invoice on the Billing page: the company's requisites beside the invoice form, and
// the invoices issued so far. The requisites load once; a save answers with what was kept.
// An invoice paid while the page is open changes the plan, which the page is told of.
import type { BillingProfileView, PlanView } from '@aimax/backend/contracts';
import { useState } from 'react';
import { api, type Plan } from '@/lib/api';
import { t } from '@/lib/i18n';
import { Alert } from '@/lib/ui/Alert';
import { Card } from '@/lib/ui/Card';
import { Skeleton } from '@/lib/ui/Skeleton';
import { useResource } from '@/lib/useResource';
import { BillingProfileCard } from './BillingProfileCard';
import { InvoiceHistory } from './InvoiceHistory';
import { IssueInvoiceCard } from './IssueInvoiceCard';
import { usePaymentUpdates } from './usePaymentUpdates';

const loadProfile = (signal: AbortSignal) => api.billing.profile(signal);
const loadInvoices = (signal: AbortSignal) => api.billing.invoices(signal);

interface InvoicingProps {
  plans: readonly PlanView[];
  /** The plan the company has bought, whether or not it is still in force. */
  purchased: Plan;
  /** An invoice has just been paid: the plan in force and its term are no longer what was loaded. */
  onPlanChanged(): void;
}

export function Invoicing({ plans, purchased, onPlanChanged }: InvoicingProps) {
  const profile = useResource(loadProfile);
  if (profile.error && !profile.data) {
    return (
      <Alert title={t.errors.loadFailed} onRetry={profile.reload}>
        {profile.error.message}
      </Alert>
    );
  }
  if (!profile.data) return <InvoicingSkeleton />;
  return (
    <InvoicingForms
      plans={plans}
      purchased={purchased}
      onPlanChanged={onPlanChanged}
      initialProfile={profile.data.profile}
    />
  );
}

interface InvoicingFormsProps extends InvoicingProps {
  initialProfile: BillingProfileView | null;
}

function InvoicingForms({ plans, purchased, onPlanChanged, initialProfile }: InvoicingFormsProps) {
  const [profile, setProfile] = useState(initialProfile);
  const invoices = useResource(loadInvoices);
  usePaymentUpdates(invoices, onPlanChanged);
  return (
    <>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <BillingProfileCard profile={profile} onSaved={setProfile} />
        <IssueInvoiceCard plans={plans} purchased={purchased} profile={profile} onIssued={invoices.reload} />
      </div>
      <InvoiceHistory invoices={invoices} />
    </>
  );
}

function InvoicingSkeleton() {
  return (
    <div aria-busy="true" className="grid items-start gap-6 lg:grid-cols-2">
      {['profile', 'invoice'].map((card) => (
        <Card key={card}>
          <div className="border-b border-zinc-100 px-5 py-4">
            <Skeleton className="h-4 w-44" />
            <Skeleton className="mt-2 h-3 w-64 max-w-full" />
          </div>
          <div className="space-y-5 px-5 py-5">
            {[0, 1, 2].map((field) => (
              <div key={field}>
                <Skeleton className="h-3.5 w-28" />
                <Skeleton className="mt-2 h-10 w-full rounded-lg" />
              </div>
            ))}
          </div>
        </Card>
      ))}
    </div>
  );
}
