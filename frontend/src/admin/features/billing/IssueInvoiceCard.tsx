// Paying by invoice: a paid plan and a term, what that comes to (the plan's quote for the term),
// and the invoice issued as a PDF. The PDF's tab is opened within the click, before the invoice
// exists, since a tab opened after the request would be blocked as a pop-up.
import type { BillingProfileView, PlanView, SignedLinkView } from '@aimax/backend/contracts';
import { ExternalLink, FileText, Mail } from 'lucide-react';
import { useState } from 'react';
import { type ApiError, api, type PaidPlan, type Plan, type TermMonths, toApiError } from '@/lib/api';
import { formatKopecks, formatRubles, formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { openPendingTab } from '@/lib/pendingTab';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { needsSupport, SupportContacts } from '../support/SupportContacts';
import { type InvoiceQuote, quoteOf } from './invoiceQuote';
import { OptionCards } from './OptionCards';

const text = t.billing.invoice;

type PaidPlanView = PlanView & { id: PaidPlan };
const isPaid = (plan: PlanView): plan is PaidPlanView => plan.id !== 'free' && plan.terms.length > 0;

/** What the owner is told once an invoice is issued: where its PDF went. */
type Outcome =
  | { kind: 'opened'; number: string }
  | { kind: 'blocked'; number: string; link: SignedLinkView }
  | { kind: 'noPdf'; number: string };

interface IssueInvoiceCardProps {
  plans: readonly PlanView[];
  /** The plan bought; a paid one is offered first, as renewing it extends its term. */
  purchased: Plan;
  /** The buyer; no invoice without it. */
  profile: BillingProfileView | null;
  onIssued(): void;
}

export function IssueInvoiceCard({ plans, purchased, profile, onIssued }: IssueInvoiceCardProps) {
  const paidPlans = plans.filter(isPaid);
  const [planId, setPlanId] = useState<PaidPlan>(purchased === 'free' ? 'start' : purchased);
  const [months, setMonths] = useState(1);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const plan = paidPlans.find((candidate) => candidate.id === planId) ?? paidPlans[0];
  const quote = plan ? quoteOf(plan, months) : null;

  const issue = async () => {
    if (!plan || !quote) return;
    const tab = openPendingTab(text.busy);
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const issued = await api.billing.issueInvoice({ plan: plan.id, termMonths: quote.months as TermMonths });
      const { number } = issued.invoice;
      toast(text.issued(number));
      onIssued();
      if (!issued.pdf) {
        tab.close();
        setOutcome({ kind: 'noPdf', number });
      } else if (tab.go(issued.pdf.url)) {
        setOutcome({ kind: 'opened', number });
      } else {
        setOutcome({ kind: 'blocked', number, link: issued.pdf });
      }
    } catch (caught) {
      tab.close();
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card aria-labelledby="issue-invoice-title">
      <CardHeader titleId="issue-invoice-title" title={text.title} description={text.description} />
      <div className="space-y-5 px-5 py-5">
        <OptionCards<PaidPlan>
          label={text.plan}
          options={paidPlans.map((option) => ({
            value: option.id,
            title: t.plans[option.id],
            note: text.perMonth(formatRubles(option.priceRub)),
          }))}
          value={planId}
          onChange={setPlanId}
          className="grid-cols-1 min-[400px]:grid-cols-3"
        />
        {plan && (
          <OptionCards<number>
            label={text.term}
            options={plan.terms.map((term) => ({
              value: term.months,
              title: t.months(term.months),
              badge: term.discountPercent > 0 ? text.discount(term.discountPercent) : undefined,
            }))}
            value={months}
            onChange={setMonths}
            className="grid-cols-2 sm:grid-cols-4 lg:grid-cols-2"
          />
        )}
        {plan && quote && <QuoteSummary planId={plan.id} quote={quote} />}
        {profile ? (
          <p className="flex items-start gap-2 text-[13px] text-zinc-600">
            <Mail aria-hidden size={15} className="mt-px shrink-0 text-zinc-400" />
            {text.emailed(profile.email)}
          </p>
        ) : (
          <Alert tone="info">{text.needsProfile}</Alert>
        )}
        {error && (
          <Alert>
            {error.message}
            {needsSupport(error.code) && <SupportContacts />}
          </Alert>
        )}
        <Button
          icon={FileText}
          loading={busy}
          disabled={!profile || !quote}
          onClick={issue}
          className="w-full sm:w-auto"
        >
          {busy ? text.busy : text.submit}
        </Button>
        {outcome && !busy && <IssuedNote outcome={outcome} />}
      </div>
    </Card>
  );
}

function QuoteSummary({ planId, quote }: { planId: PaidPlan; quote: InvoiceQuote }) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-zinc-50/70 p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <p className="text-sm text-zinc-600">{text.total}</p>
        <p className="text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums">
          {formatKopecks(quote.amountKopecks)}
        </p>
      </div>
      <div className="mt-1 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-[13px] text-zinc-500">
        <p>{text.summary(t.plans[planId], t.months(quote.months))}</p>
        {quote.months > 1 && <p className="tabular-nums">{text.monthly(formatKopecks(quote.perMonthKopecks))}</p>}
      </div>
      {quote.discountPercent > 0 && (
        <p className="mt-1 text-right text-[13px] text-zinc-500 tabular-nums">
          {text.withoutDiscount} <s>{formatKopecks(quote.undiscountedKopecks)}</s>{' '}
          <span className="font-medium text-emerald-700">{text.discount(quote.discountPercent)}</span>
        </p>
      )}
    </div>
  );
}

function IssuedNote({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'noPdf') return <Alert tone="warning">{text.pdfLater(outcome.number)}</Alert>;
  if (outcome.kind === 'opened') return <Alert tone="success">{text.opened(outcome.number)}</Alert>;
  return (
    <Alert tone="success">
      <p>{text.ready(outcome.number, formatTime(outcome.link.expiresAt))}</p>
      <a
        href={outcome.link.url}
        target="_blank"
        rel="noopener noreferrer"
        className="mt-1 inline-flex items-center gap-1 font-medium underline-offset-2 hover:underline"
      >
        {text.open}
        <ExternalLink aria-hidden size={14} />
      </a>
    </Alert>
  );
}
