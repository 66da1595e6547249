// Yandex Metrika goals the chat reaches on the company's page. The frame names the goal (the
// company chose the names; `{step}` in the step goal becomes the step's id) and posts it to the
// loader, which calls `ym` there: the counter lives on the company's page, not in our frame.
import type { WidgetConfigView } from '@aimax/backend/contracts';

export type GoalKind = 'opened' | 'step' | 'contacts' | 'estimate';

/** The goal's name for this company, or null when it has no Metrika counter set. */
export function goalName(metrika: WidgetConfigView['metrika'], kind: GoalKind, stepId = ''): string | null {
  if (!metrika) return null;
  const name = metrika.goals[kind];
  return kind === 'step' ? name.replaceAll('{step}', stepId) : name;
}
