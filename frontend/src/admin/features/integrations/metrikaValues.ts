// The Metrika form holds flat values; the API takes and gives nested objects. Form keys are the
// API's field paths (`goals.step`), so the server's field errors land under the right input.
import type { DEFAULT_GOALS, MetrikaInput } from '@aimax/backend/contracts';

/**
 * The goal names the API uses until the company picks its own (backend metrika.ts). Typed by the
 * API's own constant, so a change there fails the type check here instead of drifting apart.
 */
export const defaultGoals: typeof DEFAULT_GOALS = {
  opened: 'aimax_open',
  step: 'aimax_step_{step}',
  contacts: 'aimax_lead',
  estimate: 'aimax_estimate_pdf',
};

export type Goal = keyof typeof DEFAULT_GOALS;

/** In the order the visitor reaches them. */
export const goals: readonly Goal[] = ['opened', 'step', 'contacts', 'estimate'];

export type MetrikaValues = {
  counterId: string;
  'goals.opened': string;
  'goals.step': string;
  'goals.contacts': string;
  'goals.estimate': string;
};

export const goalField = (goal: Goal) => `goals.${goal}` as const;

export const metrikaValuesOf = (saved: MetrikaInput): MetrikaValues => ({
  counterId: saved.counterId,
  'goals.opened': saved.goals.opened,
  'goals.step': saved.goals.step,
  'goals.contacts': saved.goals.contacts,
  'goals.estimate': saved.goals.estimate,
});

/** The request body; a goal left empty goes back to its default name. */
export const metrikaInputOf = (values: MetrikaValues): MetrikaInput => {
  const goal = (name: Goal) => values[goalField(name)].trim() || defaultGoals[name];
  return {
    counterId: values.counterId.trim(),
    goals: { opened: goal('opened'), step: goal('step'), contacts: goal('contacts'), estimate: goal('estimate') },
  };
};

/** Whether saving would send something other than what is saved. */
export const metrikaChanged = (values: MetrikaValues, saved: MetrikaInput): boolean =>
  JSON.stringify(metrikaInputOf(values)) !== JSON.stringify(metrikaInputOf(metrikaValuesOf(saved)));
