// A lead as amoCRM's complex-lead request carries it: the deal with its budget, stage, tags and
// mapped fields, and the contact with the phone (or the existing contact's id). Each mapped value
// is put the way its field's type takes it; a value a field cannot take is left out, not forced.
import { formatPhone } from '../../../lib/phone.ts';
import { type LeadSnapshot, sourceValue } from '../leadSnapshot.ts';
import type { AmoSettingsInput } from '../schemas.ts';
import type { AmoComplexLead, AmoCustomField, AmoFieldValue } from './api.ts';

const LIST_TYPES = new Set(['select', 'radiobutton', 'multiselect', 'category']);
const NUMBER_TYPES = new Set(['numeric', 'price', 'monetary']);

/** The words a lead's name carries to find it again after a crash: unique per delivery. */
export const leadMarker = (deliveryId: string) => `AM-${deliveryId.replace(/-/g, '').slice(0, 10)}`;

function fieldValue(
  field: AmoCustomField,
  rule: AmoSettingsInput['mapping'][number],
  lead: LeadSnapshot,
): AmoFieldValue | null {
  const value = sourceValue(lead, rule.source);
  if (!value) return null;
  if (LIST_TYPES.has(field.type)) {
    const chosen = Array.isArray(value.raw) ? value.raw : [String(value.raw)];
    const labels = value.text.split(', ');
    const enums = chosen.flatMap((option, index) => {
      const mapped = rule.values?.[option];
      if (mapped) return [mapped];
      // Unmapped options still land when the list has the same wording.
      const label = (labels[index] ?? value.text).trim().toLowerCase();
      const same = field.enums?.find((each) => each.value.trim().toLowerCase() === label);
      return same ? [same.id] : [];
    });
    if (enums.length === 0) return null;
    const ids = field.type === 'multiselect' ? enums : enums.slice(0, 1);
    return { field_id: field.id, values: ids.map((id) => ({ enum_id: id })) };
  }
  if (NUMBER_TYPES.has(field.type)) {
    const number = typeof value.raw === 'number' ? value.raw : Number(String(value.raw).replace(',', '.'));
    return Number.isFinite(number) ? { field_id: field.id, values: [{ value: number }] } : null;
  }
  if (field.type === 'checkbox' || field.type === 'date' || field.type === 'date_time' || field.type === 'birthday') {
    return null;
  }
  return { field_id: field.id, values: [{ value: value.text.slice(0, 10_000) }] };
}

export interface AmoFields {
  lead: AmoCustomField[];
  contact: AmoCustomField[];
}

function mapped(settings: AmoSettingsInput, fields: AmoFields, lead: LeadSnapshot, entity: 'lead' | 'contact') {
  return settings.mapping.flatMap((rule) => {
    if (rule.entity !== entity) return [];
    const field = fields[entity].find((each) => each.id === rule.fieldId);
    const value = field && fieldValue(field, rule, lead);
    return value ? [value] : [];
  });
}

const tagsOf = (settings: AmoSettingsInput, lead: LeadSnapshot): { name: string }[] => {
  const names = ['AI Max', lead.utm.utm_source, lead.utm.utm_campaign, ...settings.tags]
    .filter((name): name is string => Boolean(name?.trim()))
    .map((name) => name.trim().slice(0, 50));
  return [...new Set(names)].map((name) => ({ name }));
};

export function complexLead(options: {
  lead: LeadSnapshot;
  settings: AmoSettingsInput;
  fields: AmoFields;
  marker: string;
  existingContactId: number | null;
}): AmoComplexLead {
  const { lead, settings, fields, marker } = options;
  const responsible = settings.responsibleUserId ?? undefined;
  const contactFields = mapped(settings, fields, lead, 'contact');
  const phone: AmoFieldValue = { field_code: 'PHONE', values: [{ value: lead.phone, enum_code: 'WORK' }] };
  const contact = options.existingContactId
    ? { id: options.existingContactId }
    : {
        first_name: lead.name || 'Посетитель сайта',
        ...(responsible ? { responsible_user_id: responsible } : {}),
        custom_fields_values: [...(lead.phone ? [phone] : []), ...contactFields],
      };
  const leadFields = mapped(settings, fields, lead, 'lead');
  return {
    name: `Заявка с сайта: ${lead.name || 'посетитель'} · ${marker}`,
    price: Math.round(lead.estimate.total),
    ...(settings.pipelineId ? { pipeline_id: settings.pipelineId } : {}),
    ...(settings.statusId ? { status_id: settings.statusId } : {}),
    ...(responsible ? { responsible_user_id: responsible } : {}),
    ...(leadFields.length > 0 ? { custom_fields_values: leadFields } : {}),
    request_id: marker,
    _embedded: { tags: tagsOf(settings, lead), contacts: [contact] },
  };
}

/** The note on the deal: everything the visitor answered, the estimate and where to answer them. */
export function leadNote(lead: LeadSnapshot, marker: string): string {
  const utm = Object.entries(lead.utm)
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');
  return [
    `Заявка из чата AI Max (${marker})`,
    '',
    `Имя: ${lead.name}`,
    `Телефон: ${lead.phone ? formatPhone(lead.phone) : '—'}`,
    '',
    ...lead.answers.map((answer) => `${answer.question}: ${answer.answer}`),
    '',
    `Смета: ${lead.estimate.text}`,
    ...(lead.pageUrl ? [`Страница: ${lead.pageUrl}`] : []),
    ...(utm ? [`UTM: ${utm}`] : []),
    `Диалог: ${lead.dialogUrl}`,
  ].join('\n');
}

const digits = (phone: string) => phone.replace(/\D/g, '');

/** Whether a contact has the phone, however amoCRM stored it (8…, +7…, with spaces). */
export function hasPhone(
  contact: { custom_fields_values: { field_code: string | null; values: { value: string }[] }[] | null },
  phone: string,
): boolean {
  const wanted = digits(phone).slice(-10);
  return (contact.custom_fields_values ?? []).some(
    (field) => field.field_code === 'PHONE' && field.values.some((each) => digits(each.value).slice(-10) === wanted),
  );
}
