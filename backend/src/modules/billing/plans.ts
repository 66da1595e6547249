// The plans, in one place: what each costs a month, what it allows a month, and which features
// and AI models come with it. Prices are in roubles, VAT not charged (the usual УСН case).
import type { Plan } from '../../db/schema.ts';

/** What a month of a plan allows. Documents and storage are totals held, not monthly flows. */
export interface PlanLimits {
  /** Visitors' chat sessions started in a month. */
  sessions: number;
  /** Visitors' free messages answered by the AI in a month. */
  messages: number;
  /** AI tokens (prompt and completion) in a month. */
  tokens: number;
  /** Knowledge-base documents held. */
  kbDocuments: number;
  /** Files held (logos, avatars, estimates, documents), in bytes. */
  storageBytes: number;
}

export type Resource = keyof PlanLimits;
/** Counted per month in tenant_usage. */
export const MONTHLY_RESOURCES = ['sessions', 'messages', 'tokens'] as const satisfies readonly Resource[];
export type MonthlyResource = (typeof MONTHLY_RESOURCES)[number];

export interface PlanFeatures {
  /** amoCRM deals and outgoing webhooks; Telegram alerts and Metrika goals come with every plan. */
  integrations: boolean;
  customDomain: boolean;
  /** No «Работает на AI Max» in the widget, nor «Смета сформирована в AI Max» on the estimate. */
  whiteLabel: boolean;
  /** The AI models a company may choose instead of the platform's default (LLM_MODEL). */
  models: readonly string[];
}

export interface PlanDefinition {
  id: Plan;
  name: string;
  priceRub: number;
  limits: PlanLimits;
  features: PlanFeatures;
}

const MB = 1024 * 1024;
const GPT_MINI = 'openai/gpt-4o-mini';

export const PLANS_CATALOGUE: Record<Plan, PlanDefinition> = {
  free: {
    id: 'free',
    name: 'Free',
    priceRub: 0,
    limits: { sessions: 100, messages: 300, tokens: 150_000, kbDocuments: 5, storageBytes: 50 * MB },
    features: { integrations: false, customDomain: false, whiteLabel: false, models: [] },
  },
  start: {
    id: 'start',
    name: 'Старт',
    priceRub: 2_990,
    limits: { sessions: 1_000, messages: 5_000, tokens: 2_500_000, kbDocuments: 50, storageBytes: 500 * MB },
    features: { integrations: true, customDomain: false, whiteLabel: false, models: [GPT_MINI] },
  },
  business: {
    id: 'business',
    name: 'Бизнес',
    priceRub: 7_990,
    limits: { sessions: 5_000, messages: 30_000, tokens: 15_000_000, kbDocuments: 300, storageBytes: 2_048 * MB },
    features: {
      integrations: true,
      customDomain: true,
      whiteLabel: false,
      models: [GPT_MINI, 'openai/gpt-4o', 'anthropic/claude-sonnet-4'],
    },
  },
  enterprise: {
    id: 'enterprise',
    name: 'Enterprise',
    priceRub: 24_990,
    limits: { sessions: 50_000, messages: 300_000, tokens: 150_000_000, kbDocuments: 2_000, storageBytes: 20_480 * MB },
    features: {
      integrations: true,
      customDomain: true,
      whiteLabel: true,
      models: [GPT_MINI, 'openai/gpt-4o', 'anthropic/claude-sonnet-4', 'anthropic/claude-opus-4'],
    },
  },
};

/** The plan in force: a paid plan whose term has ended counts as Free until the renewal. */
export function effectivePlan(tenant: { plan: Plan; planExpiresAt: Date | null }, now = new Date()): PlanDefinition {
  const expired = tenant.plan !== 'free' && tenant.planExpiresAt !== null && tenant.planExpiresAt <= now;
  return PLANS_CATALOGUE[expired ? 'free' : tenant.plan];
}

/** The cheapest plan that has `feature`, to name where a company is told what unlocks it. */
export function firstPlanWith(feature: 'integrations' | 'customDomain' | 'whiteLabel'): PlanDefinition {
  const plans = Object.values(PLANS_CATALOGUE).sort((a, b) => a.priceRub - b.priceRub);
  return plans.find((plan) => plan.features[feature]) ?? PLANS_CATALOGUE.enterprise;
}

/** The model a reply uses: the company's choice when its plan allows it, else the platform's default. */
export function allowedModel(features: PlanFeatures, chosen: string | null, platformDefault: string): string {
  return chosen && features.models.includes(chosen) ? chosen : platformDefault;
}
