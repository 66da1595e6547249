// What stops a funnel from being saved, placed where the owner fixes it. The rules (shared with
// the server, which checks the same) name each problem by its path in the funnel; the editor shows
// the message beside the field of that path, counts it on its card, and lists it above the cards.
import type { FunnelConfig, FunnelProblem } from '@aimax/backend/contracts';
import { funnelProblems } from '@aimax/backend/funnel-rules';
import { t } from '@/lib/i18n';
import { type CardId, type CustomId, STEPS, type StepId, valueAt } from './draft';

export interface PlacedProblem {
  /** The field the message is shown under: its input is named after this path. */
  field: string;
  /** The card the field is on; null for a problem no field holds, listed above the cards only. */
  card: CardId | null;
  message: string;
}

const PRICE_TABLE_CARDS: Record<string, CardId> = {
  perM2: 'prices',
  rangePercent: 'prices',
  includedRooms: 'rooms',
  perExtraRoomPercent: 'rooms',
  replanning: 'replanning',
  designProjectPerM2: 'designProject',
  timingPercent: 'timing',
};

const isStep = (key: string | undefined): key is StepId => STEPS.some((step) => step === key);

/**
 * The card a path is on: `steps.area.min` → area, `pricing.timingPercent.asap` → timing,
 * `custom.1.title` → the second question of the company's own (in `config`). The order of the
 * steps (`order`) is on no card: it is shown over the steps.
 */
export function cardOf(path: string, config?: FunnelConfig): CardId | null {
  const [root, key] = path.split('.');
  if (root === 'steps') return isStep(key) ? key : null;
  if (root === 'custom' && key !== undefined && /^\d+$/.test(key)) {
    return (config?.custom?.[Number(key)]?.id as CustomId | undefined) ?? null;
  }
  if (root === 'pricing' && key !== undefined) return PRICE_TABLE_CARDS[key] ?? null;
  return null;
}

/**
 * The field a path is shown under. Codes are not edited: an option's problems go under its label,
 * and a question's under its short name, which its code is made from.
 */
export const fieldOf = (path: string): string =>
  path
    .replace(/^((?:steps\.\w+|custom\.\d+)\.options\.\d+)\.id$/, '$1.label')
    .replace(/^(custom\.\d+)\.id$/, '$1.label');

/**
 * Each problem with its field and card. A number field left empty or not a number holds NaN, which
 * the rules call merely «некорректное»: it is asked for as a number instead.
 */
export function placeProblems(problems: readonly FunnelProblem[], config: FunnelConfig): PlacedProblem[] {
  const placed: PlacedProblem[] = [];
  for (const { path, message } of problems) {
    const field = fieldOf(path);
    // One message a field: the rules may find two things wrong with an option (its code and label).
    if (placed.some((problem) => problem.field === field)) continue;
    const notANumber = Number.isNaN(valueAt(config, path));
    placed.push({ field, card: cardOf(path, config), message: notANumber ? t.funnel.problems.number : message });
  }
  return placed;
}

/** The problems of a funnel being edited, placed. */
export const problemsOf = (config: FunnelConfig): PlacedProblem[] => placeProblems(funnelProblems(config), config);

/** The server's field errors (FUNNEL_INVALID), keyed by the same paths as the rules' problems. */
export const problemsOfFields = (fields: Record<string, string>): FunnelProblem[] =>
  Object.entries(fields).map(([path, message]) => ({ path, message }));

/** The message for each field. */
export const messagesByField = (problems: readonly PlacedProblem[]): Record<string, string> =>
  Object.fromEntries(problems.map((problem) => [problem.field, problem.message]));

/** How many problems each card holds. */
export function countsByCard(problems: readonly PlacedProblem[]): Partial<Record<CardId, number>> {
  const counts: Partial<Record<CardId, number>> = {};
  for (const { card } of problems) if (card) counts[card] = (counts[card] ?? 0) + 1;
  return counts;
}
