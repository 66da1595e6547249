// What the visitor types into the funnel, checked before it is sent so that mistakes are explained
// at once, in Russian. The server checks again and has the last word (its field errors are shown
// the same way): a phone number can look right here and still not exist.
import type { PublicStep } from '@aimax/backend/contracts';
import { t } from '../i18n';

const text = t.funnel;

export type NumberResult = { value: number; error?: undefined } | { value?: undefined; error: string };

/** A number as people write it: `54`, `54,5`, `1 200`. */
export function parseNumberInput(
  raw: string,
  step: Pick<PublicStep, 'min' | 'max' | 'unit' | 'integer'>,
): NumberResult {
  const compact = raw.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!compact) return { error: text.numberRequired };
  if (!/^\d+(\.\d+)?$/.test(compact)) return { error: text.numberInvalid };
  const value = Number(compact);
  if (step.integer && !Number.isInteger(value)) return { error: text.numberWhole };
  if (step.min !== undefined && value < step.min) return { error: text.numberTooSmall(step.min, step.unit) };
  if (step.max !== undefined && value > step.max) return { error: text.numberTooLarge(step.max, step.unit) };
  return { value };
}

export interface ContactsInput {
  name: string;
  phone: string;
  consent: boolean;
}

export type ContactsErrors = Partial<Record<keyof ContactsInput, string>>;

const digitsOf = (phone: string) => phone.replace(/\D/g, '');

/**
 * A Russian number in the form people read, `+7 900 123-45-67`, from `89001234567`, `9001234567`
 * or `+7 (900) 123 45 67`; anything else (a foreign number, a half-typed one) as it was typed.
 */
export function formatPhone(raw: string): string {
  const trimmed = raw.trim();
  const digits = digitsOf(trimmed);
  const foreign = trimmed.startsWith('+') && !trimmed.startsWith('+7');
  const national = digits.length === 10 ? digits : digits.length === 11 && /^[78]/.test(digits) ? digits.slice(1) : '';
  if (foreign || !national) return trimmed;
  return `+7 ${national.slice(0, 3)} ${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8)}`;
}

function phoneError(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!trimmed) return text.phoneRequired;
  if (/[^\d\s()+-]/.test(trimmed)) return text.phoneInvalid;
  const digits = digitsOf(trimmed);
  if (trimmed.startsWith('+') && !trimmed.startsWith('+7')) {
    return digits.length >= 8 && digits.length <= 15 ? undefined : text.phoneInvalid;
  }
  return digits.length === 10 || (digits.length === 11 && /^[78]/.test(digits)) ? undefined : text.phoneInvalid;
}

export function validateContacts(input: ContactsInput): ContactsErrors {
  const errors: ContactsErrors = {};
  const name = input.name.trim();
  if (!name) errors.name = text.nameRequired;
  else if (name.length > 100) errors.name = text.nameTooLong;
  const phone = phoneError(input.phone);
  if (phone) errors.phone = phone;
  if (!input.consent) errors.consent = text.consentRequired;
  return errors;
}

/** The contacts as the API takes them, once they passed validateContacts. */
export const contactsValue = (input: ContactsInput) => ({
  name: input.name.trim(),
  phone: formatPhone(input.phone),
  consent: true as const,
});
