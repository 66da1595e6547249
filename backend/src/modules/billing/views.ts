import { quote, TERMS } from '../invoices/pricing.ts';
import type { UsageReport } from './limitsService.ts';
import { PLANS_CATALOGUE, type PlanDefinition } from './plans.ts';
import type { PlanView, UsageItem, UsageView } from './schemas.ts';

export const planView = (plan: PlanDefinition): PlanView => ({
  id: plan.id,
  name: plan.name,
  priceRub: plan.priceRub,
  limits: plan.limits,
  features: { ...plan.features, models: [...plan.features.models] },
  terms:
    plan.priceRub === 0
      ? []
      : TERMS.map((months) => {
          const price = quote(plan, months);
          return { months, discountPercent: price.discountPercent, amountKopecks: price.amountKopecks };
        }),
});

export const catalogueView = () => Object.values(PLANS_CATALOGUE).map(planView);

const levelOf = (used: number, limit: number): UsageItem['level'] =>
  used >= limit ? 'reached' : used >= limit * 0.8 ? 'warning' : 'ok';

const item = (resource: UsageItem['resource'], used: number, limit: number): UsageItem => ({
  resource,
  used,
  limit,
  level: levelOf(used, limit),
});

/** The last day of the month that starts on `start` (YYYY-MM-DD). */
function monthEnd(start: string): string {
  const [year, month] = start.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

export function usageView(report: UsageReport): UsageView {
  const { limits } = report.plan;
  return {
    plan: planView(report.plan),
    purchased: {
      id: report.purchased,
      expiresAt: report.planExpiresAt?.toISOString() ?? null,
      expired: report.purchased !== report.plan.id,
    },
    period: { start: report.periodStart, end: monthEnd(report.periodStart) },
    usage: [
      item('sessions', report.sessions, limits.sessions),
      item('messages', report.messages, limits.messages),
      item('tokens', report.tokens, limits.tokens),
      item('storageBytes', report.storageBytes, limits.storageBytes),
    ],
    limitedSessions: report.limitedSessions,
  };
}
