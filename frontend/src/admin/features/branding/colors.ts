// Colours as the owner types them, and the text colour that stays readable on top of them.

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * The colour in the API's form, `#rrggbb` in lower case (as the server stores it), or null when
 * the text is not a colour. Forgives what people type: a missing `#`, the short `#abc`, spaces.
 */
export function parseHexColor(text: string): string | null {
  const digits = HEX.exec(text.trim())?.[1];
  if (!digits) return null;
  const full = digits.length === 3 ? [...digits].map((digit) => digit + digit).join('') : digits;
  return `#${full.toLowerCase()}`;
}

/** WCAG relative luminance of an `#rrggbb` colour, 0 (black) to 1 (white). */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export const LIGHT_TEXT = '#ffffff';
export const DARK_TEXT = '#18181b';

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/**
 * White or near-black, whichever contrasts more with `background` (`#rrggbb`): owners pick any
 * brand colour, and a yellow button with white text would be unreadable.
 */
export function readableTextOn(background: string): string {
  const level = luminance(background);
  return contrast(level, luminance(LIGHT_TEXT)) >= contrast(level, luminance(DARK_TEXT)) ? LIGHT_TEXT : DARK_TEXT;
}
