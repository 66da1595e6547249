// What an invoice asks for a plan and a term: the monthly price times the months, less the
// discount a longer term earns, in whole roubles (kept in kopecks, as every amount of money is).
import type { PlanDefinition } from '../billing/plans.ts';

export const TERMS = [1, 3, 6, 12] as const;
export type Term = (typeof TERMS)[number];

/** Per cent off for paying several months ahead. */
export const TERM_DISCOUNTS: Record<Term, number> = { 1: 0, 3: 5, 6: 10, 12: 15 };

export interface Quote {
  termMonths: Term;
  monthlyPriceKopecks: number;
  discountPercent: number;
  amountKopecks: number;
}

export function quote(plan: Pick<PlanDefinition, 'priceRub'>, termMonths: Term): Quote {
  const discountPercent = TERM_DISCOUNTS[termMonths];
  const roubles = Math.round((plan.priceRub * termMonths * (100 - discountPercent)) / 100);
  return { termMonths, monthlyPriceKopecks: plan.priceRub * 100, discountPercent, amountKopecks: roubles * 100 };
}
