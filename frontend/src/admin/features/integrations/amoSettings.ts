// The amoCRM settings form and the API's settings apart. The form holds ids as the selects' texts
// (empty for the API's null: the main pipeline, its first stage, the user who connected), and each
// mapping row's amoCRM field as one choice, `lead:123` or `contact:45`, since one select picks both
// the entity and the field. Which fields a value may fill is decided here: a number fits a numeric
// field, an answer with options fits a list field (its options matched to the list's values),
// anything fits a text field.
import type { AmoAccountView, AmoFieldView, AmoMappingRule, AmoSettingsInput } from '@aimax/backend/contracts';

export type AmoSource = AmoAccountView['sources'][number];
export type AmoEntity = AmoMappingRule['entity'];

export interface MappingRow {
  /** Stable across edits, for React; not sent. */
  key: string;
  source: string;
  /** `lead:<field id>` or `contact:<field id>`; empty until a field is chosen. */
  target: string;
  /** The answer's option id → the list field's value id, as the selects' texts. */
  values: Record<string, string>;
}

export type AmoValues = {
  pipelineId: string;
  statusId: string;
  responsibleUserId: string;
  tags: string[];
  attachExistingContact: boolean;
  mapping: MappingRow[];
};

const TEXT_FIELDS = ['text', 'textarea'];
const LIST_FIELDS = ['select', 'multiselect', 'radiobutton'];
/** amoCRM checks a url field's value is a link: only the links we have fit it. */
const LINK_SOURCES = ['page_url', 'dialog_url'];

export const isListField = (field: AmoFieldView) => LIST_FIELDS.includes(field.type);

/** Whether amoCRM would take the source's value in the field; fields of other types take none of ours. */
export function fits(source: AmoSource, field: AmoFieldView): boolean {
  if (TEXT_FIELDS.includes(field.type)) return true;
  if (field.type === 'numeric') return source.kind === 'number';
  if (isListField(field)) return source.kind === 'choice';
  if (field.type === 'url') return LINK_SOURCES.includes(source.source);
  return false;
}

export const targetOf = (entity: AmoEntity, fieldId: number) => `${entity}:${fieldId}`;

export function parseTarget(target: string): { entity: AmoEntity; fieldId: number } | null {
  const match = /^(lead|contact):(\d+)$/.exec(target);
  return match ? { entity: match[1] as AmoEntity, fieldId: Number(match[2]) } : null;
}

export interface FieldChoice {
  target: string;
  entity: AmoEntity;
  field: AmoFieldView;
}

/** The account's field a row's target names, if the account still has it. */
export function fieldAt(account: AmoAccountView, target: string): FieldChoice | null {
  const parsed = parseTarget(target);
  if (!parsed) return null;
  const fields = parsed.entity === 'lead' ? account.leadFields : account.contactFields;
  const field = fields.find((each) => each.id === parsed.fieldId);
  return field ? { target, entity: parsed.entity, field } : null;
}

/** The deal's and the contact's fields the source fits, less those other rows already fill. */
export function fieldChoices(account: AmoAccountView, source: AmoSource, taken: ReadonlySet<string>): FieldChoice[] {
  const choicesOf = (entity: AmoEntity, fields: AmoFieldView[]) =>
    fields
      .filter((field) => fits(source, field) && !taken.has(targetOf(entity, field.id)))
      .map((field) => ({ target: targetOf(entity, field.id), entity, field }));
  return [...choicesOf('lead', account.leadFields), ...choicesOf('contact', account.contactFields)];
}

// «ё» is often typed as «е»: an answer and an amoCRM value differing only so are the same.
const normalized = (text: string) => text.trim().toLocaleLowerCase('ru-RU').replaceAll('\u0451', '\u0435');

/** Each answer option matched to the list value of the same name, so the usual case needs no clicks. */
export function suggestValues(options: AmoSource['options'], enums: AmoFieldView['enums']): Record<string, string> {
  const suggested: Record<string, string> = {};
  for (const option of options) {
    const same = enums.find((each) => normalized(each.value) === normalized(option.label));
    if (same) suggested[option.id] = String(same.id);
  }
  return suggested;
}

/** A list field filled by an answer with options takes the options matched to its values. */
function valuesFor(source: AmoSource | undefined, choice: FieldChoice | null): Record<string, string> {
  if (source?.kind !== 'choice' || !choice || !isListField(choice.field)) return {};
  return suggestValues(source.options, choice.field.enums);
}

/** The row filled from another source: its field kept if the new value fits it too. */
export function withSource(row: MappingRow, source: string, account: AmoAccountView): MappingRow {
  const found = account.sources.find((each) => each.source === source);
  const current = fieldAt(account, row.target);
  const target = found && current && fits(found, current.field) ? row.target : '';
  return { ...row, source, target, values: valuesFor(found, target ? current : null) };
}

/** The row writing into another field, its options matched afresh. */
export function withTarget(row: MappingRow, target: string, account: AmoAccountView): MappingRow {
  const source = account.sources.find((each) => each.source === row.source);
  return { ...row, target, values: valuesFor(source, fieldAt(account, target)) };
}

let rowsMade = 0;

/** A new row filled from the first source no row uses yet, its field still to choose. */
export function newRow(account: AmoAccountView, rows: readonly MappingRow[]): MappingRow {
  const used = new Set(rows.map((row) => row.source));
  const source = account.sources.find((each) => !used.has(each.source)) ?? account.sources[0];
  rowsMade += 1;
  return { key: `new-${rowsMade}`, source: source?.source ?? '', target: '', values: {} };
}

const textOf = (id: number | null) => (id === null ? '' : String(id));
const idOf = (text: string) => (text === '' ? null : Number(text));

export const amoValuesOf = (settings: AmoSettingsInput): AmoValues => ({
  pipelineId: textOf(settings.pipelineId),
  statusId: textOf(settings.statusId),
  responsibleUserId: textOf(settings.responsibleUserId),
  tags: settings.tags,
  attachExistingContact: settings.attachExistingContact,
  mapping: settings.mapping.map((rule, index) => ({
    key: `saved-${index}`,
    source: rule.source,
    target: targetOf(rule.entity, rule.fieldId),
    values: Object.fromEntries(Object.entries(rule.values ?? {}).map(([option, value]) => [option, String(value)])),
  })),
});

function ruleOf(row: MappingRow): AmoMappingRule {
  const target = parseTarget(row.target);
  // Sorted, so the same choices read the same whichever was made first.
  const values = Object.entries(row.values)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([option, value]) => [option, Number(value)] as const);
  return {
    source: row.source,
    entity: target?.entity ?? 'lead',
    // A field not chosen yet goes as 0, which the server refuses under the row's field select.
    fieldId: target?.fieldId ?? 0,
    ...(values.length > 0 ? { values: Object.fromEntries(values) } : {}),
  };
}

export const amoInputOf = (values: AmoValues): AmoSettingsInput => ({
  pipelineId: idOf(values.pipelineId),
  statusId: idOf(values.statusId),
  responsibleUserId: idOf(values.responsibleUserId),
  tags: values.tags,
  attachExistingContact: values.attachExistingContact,
  mapping: values.mapping.map(ruleOf),
});

/** Whether saving would send something other than what is saved. */
export const amoSettingsChanged = (values: AmoValues, saved: AmoSettingsInput): boolean =>
  JSON.stringify(amoInputOf(values)) !== JSON.stringify(amoInputOf(amoValuesOf(saved)));

type Pipeline = AmoAccountView['pipelines'][number];

/** The pipeline a deal goes to: the chosen one, or the account's main one. */
export function pipelineAt(account: AmoAccountView, pipelineId: string): Pipeline | undefined {
  if (pipelineId) return account.pipelines.find((pipeline) => String(pipeline.id) === pipelineId);
  return account.pipelines.find((pipeline) => pipeline.isMain) ?? account.pipelines[0];
}

export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 50;

export type TagCheck = { ok: true; tag: string } | { ok: false; problem: 'empty' | 'duplicate' | 'tooLong' | 'full' };

/** Whether a typed tag may join the list, as the API would judge it; «Сайт» and «сайт» count as one tag. */
export function checkNewTag(draft: string, tags: readonly string[]): TagCheck {
  const tag = draft.trim().replace(/\s+/g, ' ');
  if (!tag) return { ok: false, problem: 'empty' };
  if (tag.length > MAX_TAG_LENGTH) return { ok: false, problem: 'tooLong' };
  if (tags.some((each) => normalized(each) === normalized(tag))) return { ok: false, problem: 'duplicate' };
  if (tags.length >= MAX_TAGS) return { ok: false, problem: 'full' };
  return { ok: true, tag };
}

export interface SelectOption {
  value: string;
  label: string;
}

/**
 * The options with the chosen one kept when the account no longer has it (a pipeline or a field
 * deleted in amoCRM), so the select shows what is saved rather than silently another option.
 */
export function withMissing(options: SelectOption[], value: string, label: string): SelectOption[] {
  return value === '' || options.some((option) => option.value === value) ? options : [...options, { value, label }];
}
