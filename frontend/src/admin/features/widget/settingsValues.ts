// The widget settings form holds flat values; the API takes and gives nested objects. Form keys
// are the API's field paths (`metrika.goals.opened`), and the sites stay one list, so the
// server's field errors (`allowedOrigins.2`) land under the right input or list item.
import type { DEFAULT_GOALS, WidgetSettingsInput, WidgetSettingsView } from '@aimax/backend/contracts';

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

export type WidgetValues = {
  allowedOrigins: string[];
  'metrika.counterId': string;
  'metrika.goals.opened': string;
  'metrika.goals.step': string;
  'metrika.goals.contacts': string;
  'metrika.goals.estimate': string;
};

export const goalField = (goal: Goal) => `metrika.goals.${goal}` as const;

export const widgetValuesOf = (view: WidgetSettingsView): WidgetValues => ({
  allowedOrigins: view.allowedOrigins,
  'metrika.counterId': view.metrika.counterId,
  'metrika.goals.opened': view.metrika.goals.opened,
  'metrika.goals.step': view.metrika.goals.step,
  'metrika.goals.contacts': view.metrika.goals.contacts,
  'metrika.goals.estimate': view.metrika.goals.estimate,
});

/** The request body; a goal left empty goes back to its default name. */
export const widgetInputOf = (values: WidgetValues): WidgetSettingsInput => {
  const goal = (name: Goal) => values[goalField(name)].trim() || defaultGoals[name];
  return {
    allowedOrigins: values.allowedOrigins,
    metrika: {
      counterId: values['metrika.counterId'].trim(),
      goals: { opened: goal('opened'), step: goal('step'), contacts: goal('contacts'), estimate: goal('estimate') },
    },
  };
};

/** Whether saving would send something other than what is saved. */
export const widgetSettingsChanged = (values: WidgetValues, saved: WidgetSettingsView): boolean =>
  JSON.stringify(widgetInputOf(values)) !== JSON.stringify(widgetInputOf(widgetValuesOf(saved)));
