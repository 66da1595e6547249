// The funnel being edited: its cards in order, the edits the editor makes to it (options, prices,
// switches, starting a card over from the default funnel), and whether it differs from the saved
// one. Edits return a new funnel; the one given is never changed. Prices are keyed by option ids,
// so every edit of a choice's options keeps its prices in step with them.
import type { FunnelConfig, FunnelOption } from '@aimax/backend/contracts';
import { locale } from '@/lib/i18n';

export type StepId = keyof FunnelConfig['steps'];
export type ChoiceStepId = 'objectType' | 'repairType' | 'replanning' | 'designProject' | 'timing';
export type OptionalStepId = 'replanning' | 'designProject' | 'timing';
/** A card of the editor: a step, or the prices per m² and the range around the total. */
export type CardId = StepId | 'prices';

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

/** Adds an option labelled `label`; its prices start empty, for the owner to fill in. */
export function addOption(config: FunnelConfig, step: ChoiceStepId, label: string): FunnelConfig {
  return edited(config, (draft) => {
    const options = draft.steps[step].options;
    options.push({
      id: newOptionId(
        label,
        options.map((option) => option.id),
      ),
      label: label.trim(),
    });
  });
}

export function renameOption(config: FunnelConfig, step: ChoiceStepId, index: number, label: string): FunnelConfig {
  return edited(config, (draft) => {
    const option = draft.steps[step].options[index];
    if (option) option.label = label;
  });
}

/** Removes an option and every price it had. */
export function removeOption(config: FunnelConfig, step: ChoiceStepId, index: number): FunnelConfig {
  const removed = config.steps[step].options[index];
  if (!removed) return config;
  return edited(config, (draft) => {
    draft.steps[step].options.splice(index, 1);
    const { pricing } = draft;
    if (step === 'objectType') pricing.perM2 = withoutKey(pricing.perM2, removed.id);
    else if (step === 'repairType') {
      pricing.perM2 = Object.fromEntries(
        Object.entries(pricing.perM2).map(([object, prices]) => [object, withoutKey(prices, removed.id)]),
      );
    } else pricing[OPTION_PRICES[step]] = withoutKey(pricing[OPTION_PRICES[step]], removed.id);
  });
}

/** Moves an option up (`-1`) or down (`1`) the list. */
export function moveOption(config: FunnelConfig, step: ChoiceStepId, index: number, offset: -1 | 1): FunnelConfig {
  const target = index + offset;
  const { options } = config.steps[step];
  if (target < 0 || target >= options.length) return config;
  return edited(config, (draft) => {
    const moved = draft.steps[step].options;
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
    if (card !== 'prices') {
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
