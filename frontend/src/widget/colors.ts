// The text colour that stays readable on a company's brand colour: owners pick any colour, and
// white text on a yellow launcher would vanish. The loader and the frame both need it; the admin's
// branding page has its own copy, kept out of the widget bundles.

/** WCAG relative luminance of an `#rrggbb` colour, 0 (black) to 1 (white). */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

const LIGHT = '#ffffff';
const DARK = '#18181b';
const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

/** White or near-black, whichever contrasts more with `background` (`#rrggbb`, as the API sends). */
export function readableTextOn(background: string): string {
  const level = luminance(background);
  return contrast(level, luminance(LIGHT)) >= contrast(level, luminance(DARK)) ? LIGHT : DARK;
}
