// Yandex Metrika goals the widget reaches on the company's page. Goal names are the company's
// choice (they must match the goals set up in Metrika); `{step}` in the step goal is replaced by
// the funnel step's id.
export const DEFAULT_GOALS = {
  opened: 'aimax_open',
  step: 'aimax_step_{step}',
  contacts: 'aimax_lead',
  estimate: 'aimax_estimate_pdf',
} as const;

export type MetrikaGoals = { [name in keyof typeof DEFAULT_GOALS]: string };

export function metrikaOf(stored: { counterId: string | null; goals: Record<string, string> | null }) {
  if (!stored.counterId) return null;
  return { counterId: stored.counterId, goals: { ...DEFAULT_GOALS, ...(stored.goals ?? {}) } as MetrikaGoals };
}
