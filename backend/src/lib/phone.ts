import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number as people write it: «+7 916 123-45-67» for Russian numbers (as the admin panel
 * writes them), the international format for others; anything unparsable as it was given.
 */
export function formatPhone(phone: string): string {
  const russian = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  if (russian) return `+7 ${russian[1]} ${russian[2]}-${russian[3]}-${russian[4]}`;
  return parsePhoneNumberFromString(phone)?.formatInternational() ?? phone;
}
