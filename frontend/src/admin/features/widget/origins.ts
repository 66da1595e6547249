// The sites the widget may be shown on, as the API stores them: origins such as
// https://remont.ru, lower case, without a path or a trailing slash. Owners type what they see in
// the address bar (remont.ru, https://Remont.ru/contacts, ремонт.рф); it is turned into that form
// here, and what cannot be is refused before it reaches the list.

/** The API keeps at most this many sites. */
export const MAX_ORIGINS = 20;

/** What the API accepts (settingsSchemas.ts); punycode keeps Cyrillic domains within it. */
const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/;

/**
 * The origin of a site address, or null when it is not one. A missing scheme means https; a
 * path, a query or a login are dropped; a host needs a dot (a typo such as «remont» would
 * otherwise pass), localhost aside, for trying the widget on one's own machine.
 */
export function toOrigin(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text.includes('://') ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
  return ORIGIN.test(url.origin) ? url.origin : null;
}

export type OriginCheck = { ok: true; origin: string } | { ok: false; problem: 'invalid' | 'duplicate' | 'full' };

/** Whether a typed address can join the list, and as which origin. */
export function checkNewOrigin(input: string, list: readonly string[]): OriginCheck {
  const origin = toOrigin(input);
  if (!origin) return { ok: false, problem: 'invalid' };
  if (list.includes(origin)) return { ok: false, problem: 'duplicate' };
  if (list.length >= MAX_ORIGINS) return { ok: false, problem: 'full' };
  return { ok: true, origin };
}
