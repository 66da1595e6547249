// What an invoice for a plan and a term will ask, as the API quotes it in the plan's `terms`,
// and what that comes to a month against the plan's monthly price.
import type { PlanView } from '@aimax/backend/contracts';

export interface InvoiceQuote {
  months: number;
  discountPercent: number;
  amountKopecks: number;
  /** The amount spread over the months, to the kopeck. */
  perMonthKopecks: number;
  /** The monthly price times the months: what the term would cost without its discount. */
  undiscountedKopecks: number;
}

/** The quote for `months` of `plan`; null when the plan is not sold for that term (Free is not sold at all). */
export function quoteOf(plan: PlanView, months: number): InvoiceQuote | null {
  const term = plan.terms.find((candidate) => candidate.months === months);
  if (!term) return null;
  return {
    months,
    discountPercent: term.discountPercent,
    amountKopecks: term.amountKopecks,
    perMonthKopecks: Math.round(term.amountKopecks / months),
    undiscountedKopecks: plan.priceRub * 100 * months,
  };
}
