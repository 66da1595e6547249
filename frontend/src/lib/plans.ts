// The plan a company works on, as the API counts it: a paid plan whose term has ended counts as
// Free until it is renewed. The session carries the plan bought and its term.
import type { Plan } from './api';

export interface PlanTerm {
  plan: Plan;
  planExpiresAt: string | null;
}

export const planExpired = ({ plan, planExpiresAt }: PlanTerm, now = Date.now()): boolean =>
  plan !== 'free' && planExpiresAt !== null && Date.parse(planExpiresAt) <= now;

export const planInForce = (term: PlanTerm, now = Date.now()): Plan => (planExpired(term, now) ? 'free' : term.plan);
