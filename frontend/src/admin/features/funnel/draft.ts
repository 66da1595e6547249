// The funnel being edited: its cards in order, the edits the editor makes to it (the order of the
// steps, the company's own questions, options, prices, switches, starting a card over from the
// default funnel), and whether it differs from the saved one. Edits return a new funnel; the one
// given is never changed. Prices are keyed by option ids, so every edit of a choice's options
// keeps its prices in step with them.
import type { FunnelConfig, FunnelOption } from '@aimax/backend/contracts';
import { stepOrder } from '@aimax/backend/funnel-rules';
import { locale, t } from '@/lib/i18n';

export type StepId = keyof FunnelConfig['steps'];
export type ChoiceStepId = 'objectType' | 'repairType' | 'replanning' | 'designProject' | 'timing';
export type OptionalStepId = 'replanning' | 'designProject' | 'timing';
export type CustomStep = NonNullable<FunnelConfig['custom']>[number];
export type CustomKind = CustomStep['kind'];
/** A question of the company's own is known by its id, `q_` and a code. */
export type CustomId = `q_${string}`;
/** A step the chat asks: a built-in one or one of the company's own. */
export type StepKey = StepId | CustomId;
/** A card of the editor: a step, or the prices per m² and the range around the total. */
export type CardId = StepKey | 'prices';
/** Whose options an options list edits: a built-in choice's or a question's of the company. */
export type OptionsOwner = ChoiceStepId | CustomId;

export const STEPS = [
  'objectType',
  'repairType',
  'area',
  'rooms',
  'replanning',
  'designProject',
  'timing',
  'contacts',
] as const satisfies readonly StepId[];

export const CARDS: readonly CardId[] = [...STEPS, 'prices'];

/** The steps answered by picking an option, in the funnel's order. */
export const CHOICE_STEPS: readonly ChoiceStepId[] = [
  'objectType',
  'repairType',
  'replanning',
  'designProject',
  'timing',
];
const OPTIONAL_STEPS: readonly OptionalStepId[] = ['replanning', 'designProject', 'timing'];

export const isChoiceStep = (id: CardId): id is ChoiceStepId => CHOICE_STEPS.some((step) => step === id);
export const isOptionalStep = (id: CardId): id is OptionalStepId => OPTIONAL_STEPS.some((step) => step === id);
export const isCustomId = (id: string): id is CustomId => id.startsWith('q_');

export const CUSTOM_KINDS: readonly CustomKind[] = ['single', 'multiple', 'number', 'text'];
export const MAX_CUSTOM = 10;
const CONTACTS = 'contacts';

/** The price table behind each optional step's options: a sum, a price per m², a percentage. */
export const OPTION_PRICES = {
  replanning: 'replanning',
  designProject: 'designProjectPerM2',
  timing: 'timingPercent',
} as const satisfies Record<OptionalStepId, keyof FunnelConfig['pricing']>;

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;

/** A copy of `config` changed by `change`, so edits read as plain assignments. */
function edited(config: FunnelConfig, change: (draft: FunnelConfig) => void): FunnelConfig {
  const draft = structuredClone(config);
  change(draft);
  return draft;
}

const withoutKey = <T>(record: Record<string, T>, key: string): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([name]) => name !== key));

// Russian letters, from а (U+0430) to я (U+044F), in Latin ones; the hard and soft signs have
// none. Written by code point, as the interface's Russian lives in the catalogue alone.
// biome-ignore format: one letter per entry would run to 32 lines
const LATIN = ['a', 'b', 'v', 'g', 'd', 'e', 'zh', 'z', 'i', 'y', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u', 'f', 'kh', 'ts', 'ch', 'sh', 'shch', '', 'y', '', 'e', 'yu', 'ya'];
const FIRST_LETTER = 0x430;
const YO = 0x451;

const latinOf = (char: string): string => {
  const code = char.codePointAt(0) ?? 0;
  if (code === YO) return 'e';
  return LATIN[code - FIRST_LETTER] ?? char;
};

/** A code for an option from its label: «Коммерческое помещение» → `kommercheskoe_pomeshchenie`. */
export function slugOf(label: string): string {
  const slug = [...label.toLowerCase()]
    .map(latinOf)
    .join('')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  // A code starts with a letter.
  return /^[a-z]/.test(slug) ? slug : '';
}

/** A code for a new option, unique among `taken`: its label's slug, or `option_N`. */
export function newOptionId(label: string, taken: readonly string[]): string {
  const slug = slugOf(label);
  if (slug) {
    let id = slug;
    for (let suffix = 2; taken.includes(id); suffix += 1) id = `${slug}_${suffix}`;
    return id;
  }
  let number = taken.length + 1;
  while (taken.includes(`option_${number}`)) number += 1;
  return `option_${number}`;
}

/** The options list of a choice or of a question of the company's, made if it has none yet. */
function optionsIn(draft: FunnelConfig, owner: OptionsOwner): FunnelOption[] {
  if (!isCustomId(owner)) return draft.steps[owner].options;
  const step = draft.custom?.find((question) => question.id === owner);
  if (!step) return [];
  step.options ??= [];
  return step.options;
}

/** The options of a choice or of a question of the company's. */
export function optionsOf(config: FunnelConfig, owner: OptionsOwner): readonly FunnelOption[] {
  return isCustomId(owner) ? (customStep(config, owner)?.options ?? []) : config.steps[owner].options;
}

/** The path of an options list, as the rules name its problems. */
export const optionsPath = (config: FunnelConfig, owner: OptionsOwner): string =>
  isCustomId(owner) ? `${customPath(config, owner)}.options` : `steps.${owner}.options`;

/** Adds an option labelled `label`; its prices start empty, for the owner to fill in. */
export function addOption(config: FunnelConfig, owner: OptionsOwner, label: string): FunnelConfig {
  return edited(config, (draft) => {
    const options = optionsIn(draft, owner);
    options.push({
      id: newOptionId(
        label,
        options.map((option) => option.id),
      ),
      label: label.trim(),
    });
  });
}

export function renameOption(config: FunnelConfig, owner: OptionsOwner, index: number, label: string): FunnelConfig {
  return edited(config, (draft) => {
    const option = optionsIn(draft, owner)[index];
    if (option) option.label = label;
  });
}

/** Removes an option and every price it had. */
export function removeOption(config: FunnelConfig, owner: OptionsOwner, index: number): FunnelConfig {
  const removed = optionsOf(config, owner)[index];
  if (!removed) return config;
  return edited(config, (draft) => {
    optionsIn(draft, owner).splice(index, 1);
    const { pricing } = draft;
    if (isCustomId(owner)) return;
    if (owner === 'objectType') pricing.perM2 = withoutKey(pricing.perM2, removed.id);
    else if (owner === 'repairType') {
      pricing.perM2 = Object.fromEntries(
        Object.entries(pricing.perM2).map(([object, prices]) => [object, withoutKey(prices, removed.id)]),
      );
    } else pricing[OPTION_PRICES[owner]] = withoutKey(pricing[OPTION_PRICES[owner]], removed.id);
  });
}

/** Moves an option up (`-1`) or down (`1`) the list. */
export function moveOption(config: FunnelConfig, owner: OptionsOwner, index: number, offset: -1 | 1): FunnelConfig {
  const target = index + offset;
  if (target < 0 || target >= optionsOf(config, owner).length) return config;
  return edited(config, (draft) => {
    const moved = optionsIn(draft, owner);
    [moved[index], moved[target]] = [moved[target] as FunnelOption, moved[index] as FunnelOption];
  });
}

export function setStepEnabled(config: FunnelConfig, step: OptionalStepId, enabled: boolean): FunnelConfig {
  return edited(config, (draft) => {
    draft.steps[step].enabled = enabled;
  });
}

export function setTitle(config: FunnelConfig, step: StepId, title: string): FunnelConfig {
  return edited(config, (draft) => {
    draft.steps[step].title = title;
  });
}

export function setConsentText(config: FunnelConfig, consentText: string): FunnelConfig {
  return edited(config, (draft) => {
    draft.steps.contacts.consentText = consentText;
  });
}

/** Sets the line under a step's question; an empty one is none. */
export function setHint(config: FunnelConfig, step: StepKey, hint: string): FunnelConfig {
  return edited(config, (draft) => {
    const target = isCustomId(step) ? draft.custom?.find((question) => question.id === step) : draft.steps[step];
    if (!target) return;
    if (hint === '') delete target.hint;
    else target.hint = hint;
  });
}

/** Sets the link to the company's personal-data policy; an empty one is none. */
export function setConsentUrl(config: FunnelConfig, consentUrl: string): FunnelConfig {
  return edited(config, (draft) => {
    if (consentUrl === '') delete draft.steps.contacts.consentUrl;
    else draft.steps.contacts.consentUrl = consentUrl;
  });
}

// ——— The order of the steps ———

/**
 * Every step in the order the chat asks them, the contacts last. An order that names a step twice,
 * one unknown or misses one (which the rules report) is shown as near to it as can be: each step
 * once, at its first place, the missing ones before the contacts.
 */
export function stepsInOrder(config: FunnelConfig): StepKey[] {
  const known: StepKey[] = [...STEPS, ...(config.custom ?? []).map((step) => step.id as CustomId)];
  const ordered = stepOrder(config).filter((id): id is StepKey => known.some((step) => step === id));
  const steps = [...new Set([...ordered, ...known])].filter((id) => id !== CONTACTS);
  return [...steps, CONTACTS];
}

/** Puts the steps in this order (the contacts, wherever given, stay last), writing the whole of it. */
export function reorderSteps(config: FunnelConfig, steps: readonly StepKey[]): FunnelConfig {
  return edited(config, (draft) => {
    draft.order = [...steps.filter((id) => id !== CONTACTS), CONTACTS];
  });
}

/** Moves a step up (`-1`) or down (`1`) the funnel; the contacts stay last. */
export function moveStep(config: FunnelConfig, step: StepKey, offset: -1 | 1): FunnelConfig {
  const steps = stepsInOrder(config);
  const index = steps.indexOf(step);
  const target = index + offset;
  // The contacts are the last place: nothing moves into it, and they do not move.
  if (step === CONTACTS || index < 0 || target < 0 || target >= steps.length - 1) return config;
  [steps[index], steps[target]] = [steps[target] as StepKey, steps[index] as StepKey];
  return reorderSteps(config, steps);
}

// ——— The company's own questions ———

export const customStep = (config: FunnelConfig, id: string): CustomStep | undefined =>
  config.custom?.find((step) => step.id === id);

/** The path of a question of the company's (`custom.2`), as the rules name its fields. */
export const customPath = (config: FunnelConfig, id: string): string =>
  `custom.${config.custom?.findIndex((step) => step.id === id) ?? -1}`;

const MAX_CUSTOM_CODE = 40;

/** An id for a question, unique among `taken`: `q_` and its label's slug, or `q_question_N`. */
export function newCustomId(label: string, taken: readonly string[]): CustomId {
  const slug = slugOf(label);
  const fits = (code: string, suffix: string) =>
    `q_${code.slice(0, MAX_CUSTOM_CODE - suffix.length).replace(/_+$/, '')}${suffix}` as CustomId;
  if (slug) {
    let id = fits(slug, '');
    for (let number = 2; taken.includes(id); number += 1) id = fits(slug, `_${number}`);
    return id;
  }
  let number = taken.length + 1;
  while (taken.includes(`q_question_${number}`)) number += 1;
  return `q_question_${number}`;
}

/** The short name a question gets from its text until the owner writes one: «Какой этаж?» → «Какой этаж». */
export const labelFromTitle = (title: string): string =>
  title
    .trim()
    .replace(/[?!.:…\s]+$/u, '')
    .slice(0, 60)
    .trim();

/** Adds a question of this kind before the contacts, asked, its texts for the owner to write. */
export function addCustomStep(config: FunnelConfig, kind: CustomKind, id: CustomId): FunnelConfig {
  const step: CustomStep = { id, kind, title: '', label: '', enabled: true };
  if (kind === 'single' || kind === 'multiple') step.options = [];
  if (kind === 'number') Object.assign(step, { min: 1, max: 100, integer: true });
  return edited(config, (draft) => {
    draft.custom = [...(draft.custom ?? []), step];
    draft.order = [...stepsInOrder(config).filter((entry) => entry !== CONTACTS), id, CONTACTS];
  });
}

/** Removes a question and its place in the order. */
export function removeCustomStep(config: FunnelConfig, id: CustomId): FunnelConfig {
  return edited(config, (draft) => {
    draft.order = stepsInOrder(config).filter((entry) => entry !== id);
    draft.custom = (draft.custom ?? []).filter((step) => step.id !== id);
  });
}

/** Whether the chat asks this step: the required ones always, the others while switched on. */
export function isAsked(config: FunnelConfig, step: StepKey): boolean {
  if (isCustomId(step)) return customStep(config, step)?.enabled ?? false;
  return !isOptionalStep(step) || config.steps[step].enabled;
}

/** A card's name: a built-in step's own, or a question's short name (its text until it has one). */
export function cardName(config: FunnelConfig, card: CardId): string {
  if (!isCustomId(card)) return t.funnel.cards.names[card];
  const step = customStep(config, card);
  return step?.label.trim() || labelFromTitle(step?.title ?? '') || t.funnel.cards.customName;
}

/** The step's question and the line under it, as the chat asks it. */
export function questionOf(config: FunnelConfig, step: StepKey): { title: string; hint: string } {
  const source = isCustomId(step) ? customStep(config, step) : config.steps[step];
  return { title: source?.title.trim() ?? '', hint: source?.hint?.trim() ?? '' };
}

/** Changes a question of the company's; `undefined` values remove their field. */
export function updateCustomStep(config: FunnelConfig, id: CustomId, changes: Partial<CustomStep>): FunnelConfig {
  return edited(config, (draft) => {
    const step = draft.custom?.find((question) => question.id === id);
    if (!step) return;
    Object.assign(step, changes);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete step[key as keyof CustomStep];
    }
  });
}

/** Sets a question's text, and its short name with it while that is still the one taken from the text. */
export function setCustomTitle(config: FunnelConfig, id: CustomId, title: string): FunnelConfig {
  const step = customStep(config, id);
  if (!step) return config;
  const follows = step.label === labelFromTitle(step.title);
  return updateCustomStep(config, id, follows ? { title, label: labelFromTitle(title) } : { title });
}

/**
 * Gives each question not yet saved the id its short name makes (`q_pomeshcheniya`), in the
 * questions and the order, before the funnel is sent. Until then a new question keeps the id it
 * was added with, so that its card stays put while its name is typed; once saved, an id stays,
 * as leads keep answers by it.
 */
export function nameNewQuestions(config: FunnelConfig, saved: FunnelConfig): FunnelConfig {
  const savedIds = new Set((saved.custom ?? []).map((step) => step.id));
  const renamed = new Map<string, string>();
  const taken = (config.custom ?? []).filter((step) => savedIds.has(step.id)).map((step) => step.id);
  for (const step of config.custom ?? []) {
    if (savedIds.has(step.id)) continue;
    const id = newCustomId(step.label, taken);
    taken.push(id);
    if (id !== step.id) renamed.set(step.id, id);
  }
  if (renamed.size === 0) return config;
  return edited(config, (draft) => {
    for (const step of draft.custom ?? []) step.id = renamed.get(step.id) ?? step.id;
    if (draft.order) draft.order = draft.order.map((id) => renamed.get(id) ?? id);
  });
}

/** The value at a field's path (`pricing.perM2.new_build.cosmetic`), as the rules name fields. */
export function valueAt(config: FunnelConfig, path: string): unknown {
  let value: unknown = config;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A copy with the value at `path` set, or removed when `value` is undefined. */
function setAt(config: FunnelConfig, path: string, value: unknown): FunnelConfig {
  return edited(config, (draft) => {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let parent = draft as unknown as Record<string, unknown>;
    for (const key of keys) {
      parent[key] ??= {};
      parent = parent[key] as Record<string, unknown>;
    }
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  });
}

/** The numbers every funnel has, by their paths. */
export type NumberPath =
  | 'steps.area.min'
  | 'steps.area.max'
  | 'steps.rooms.max'
  | 'pricing.includedRooms'
  | 'pricing.perExtraRoomPercent'
  | 'pricing.rangePercent.low'
  | 'pricing.rangePercent.high';

/**
 * Sets one of the numbers every funnel has. One left empty (or not a number) is kept as NaN,
 * which the rules refuse: the field is reported rather than saved as something the owner did not type.
 */
export const setNumber = (config: FunnelConfig, path: NumberPath, value: number | undefined): FunnelConfig =>
  setAt(config, path, value ?? Number.NaN);

/** The path of an option's price: in the table per m² for a pair of options, or in its step's table. */
export const perM2Path = (object: string, repair: string) => `pricing.perM2.${object}.${repair}`;
export const optionPricePath = (step: OptionalStepId, option: string) => `pricing.${OPTION_PRICES[step]}.${option}`;

/** Sets a price at its path, or clears it (undefined): a price left empty is one the owner must fill in. */
export const setPrice = (config: FunnelConfig, path: string, value: number | undefined): FunnelConfig =>
  setAt(config, path, value);

/** Prices per m² for these object and repair types: the default's where it has one, else `current`'s. */
function perM2Over(
  objects: readonly FunnelOption[],
  repairs: readonly FunnelOption[],
  defaults: FunnelConfig['pricing']['perM2'],
  current: FunnelConfig['pricing']['perM2'],
) {
  return Object.fromEntries(
    objects.map((object) => [
      object.id,
      Object.fromEntries(
        repairs.flatMap((repair) => {
          const price = defaults[object.id]?.[repair.id] ?? current[object.id]?.[repair.id];
          return price === undefined ? [] : [[repair.id, price]];
        }),
      ),
    ]),
  );
}

/**
 * The card as the default funnel has it: its texts, options and prices. Whether an optional step
 * is asked stays as the owner set it, and prices of options the default does not know are kept.
 */
export function resetCard(config: FunnelConfig, defaults: FunnelConfig, card: CardId): FunnelConfig {
  return edited(config, ({ steps, pricing }) => {
    if (isCustomId(card)) return;
    if (card !== 'prices') {
      // What the default has not (a hint, a policy link) goes too.
      delete steps[card].hint;
      if (card === 'contacts') delete steps.contacts.consentUrl;
      Object.assign(steps[card], structuredClone(defaults.steps[card]), { enabled: steps[card].enabled });
    }
    if (card === 'prices' || card === 'objectType' || card === 'repairType') {
      const { objectType, repairType } = steps;
      pricing.perM2 = perM2Over(objectType.options, repairType.options, defaults.pricing.perM2, pricing.perM2);
    }
    if (card === 'prices') pricing.rangePercent = { ...defaults.pricing.rangePercent };
    if (card === 'rooms') {
      pricing.includedRooms = defaults.pricing.includedRooms;
      pricing.perExtraRoomPercent = defaults.pricing.perExtraRoomPercent;
    }
    if (isOptionalStep(card)) pricing[OPTION_PRICES[card]] = { ...defaults.pricing[OPTION_PRICES[card]] };
  });
}

/** The same funnel, whatever order the prices were typed in. */
export function sameFunnel(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameFunnel(item, b[i]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every((key) => key in bRecord && sameFunnel((a as Record<string, unknown>)[key], bRecord[key]))
  );
}

/** The same funnel as `saved`, an order written out in full or no questions of its own being none. */
export const sameSteps = (config: FunnelConfig, saved: FunnelConfig): boolean =>
  sameFunnel(
    { ...config, order: stepsInOrder(config), custom: config.custom ?? [] },
    { ...saved, order: stepsInOrder(saved), custom: saved.custom ?? [] },
  );

export const isDefaultCard = (config: FunnelConfig, defaults: FunnelConfig, card: CardId): boolean =>
  sameFunnel(resetCard(config, defaults, card), config);

/**
 * A number as the owner types it: spaces between thousands and a decimal comma are fine. Empty
 * text is no number (undefined); anything else that is not one, or a fraction where only whole
 * numbers go, is NaN.
 */
export function parseNumber(text: string, integer = false): number | undefined {
  const normalized = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (normalized === '') return undefined;
  if (!/^[-−]?\d+(\.\d+)?$/.test(normalized)) return Number.NaN;
  const number = Number(normalized.replace('−', '-'));
  return integer && !Number.isInteger(number) ? Number.NaN : number;
}

const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });

/** A number as the field shows it, «15 000» or «2,5», which parseNumber reads back; empty for none. */
export const numberText = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? '' : numberFormat.format(value);
