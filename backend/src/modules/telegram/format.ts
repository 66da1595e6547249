// Telegram messages in parse_mode HTML (https://core.telegram.org/bots/api#html-style), built
// from parts rather than by pasting strings: every piece of text is escaped on the way out, so a
// lead's name like `<Ремонт & Ко>` can never open a tag, and only the supported tags exist. The
// builder also keeps a message within Telegram's 4096 characters by shortening what people
// wrote, never the template around it.

export const MESSAGE_LENGTH_LIMIT = 4096;

const ELLIPSIS = '…';

/**
 * Text for parse_mode HTML: `&`, `<` and `>` become entities, the only three the docs require.
 * Quotes stay as they are; they matter inside attribute values only, which the builder escapes.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

const escapeAttribute = (value: string) => escapeHtml(value).replaceAll('"', '&quot;');

type Tag = 'b' | 'i' | 'u' | 's' | 'tg-spoiler' | 'code' | 'pre' | 'blockquote' | 'a';

/** Something people typed (a name, a comment): escaped, and the first thing shortened. */
export interface UserText {
  readonly kind: 'user';
  readonly text: string;
}

export interface Element {
  readonly kind: 'element';
  readonly tag: Tag;
  readonly href?: string;
  readonly children: readonly Part[];
}

/** A plain string is the template's own text: escaped too, but never shortened. */
export type Part = string | UserText | Element;

const element = (tag: Tag, children: Part[], href?: string): Element => ({ kind: 'element', tag, href, children });

export const userText = (text: string): UserText => ({ kind: 'user', text });
export const bold = (...children: Part[]) => element('b', children);
export const italic = (...children: Part[]) => element('i', children);
export const underline = (...children: Part[]) => element('u', children);
export const strikethrough = (...children: Part[]) => element('s', children);
export const spoiler = (...children: Part[]) => element('tg-spoiler', children);
export const code = (...children: Part[]) => element('code', children);
export const pre = (...children: Part[]) => element('pre', children);
export const blockquote = (...children: Part[]) => element('blockquote', children);
export const link = (href: string, ...children: Part[]) => element('a', children, href);

export interface HtmlMessage {
  text: string;
  parse_mode: 'HTML';
}

type Token = { kind: 'markup'; html: string } | { kind: 'text'; text: string; shortenable: boolean };

function flatten(parts: readonly Part[], tokens: Token[]): Token[] {
  for (const part of parts) {
    if (typeof part === 'string') tokens.push({ kind: 'text', text: part, shortenable: false });
    else if (part.kind === 'user') tokens.push({ kind: 'text', text: part.text, shortenable: true });
    else {
      const attributes = part.href === undefined ? '' : ` href="${escapeAttribute(part.href)}"`;
      tokens.push({ kind: 'markup', html: `<${part.tag}${attributes}>` });
      flatten(part.children, tokens);
      tokens.push({ kind: 'markup', html: `</${part.tag}>` });
    }
  }
  return tokens;
}

// Telegram measures the text left once tags and entities are parsed, which is exactly the
// unescaped text of the parts; JavaScript lengths are UTF-16 code units, the unit entity offsets
// use, and never fewer than the characters Telegram counts.
const visibleLength = (tokens: readonly Token[]) =>
  tokens.reduce((sum, token) => sum + (token.kind === 'text' ? token.text.length : 0), 0);

// Cuts at a code-unit boundary that does not split a surrogate pair (an emoji, say).
function shorten(text: string, keep: number): string {
  let end = Math.max(0, keep);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * Renders the parts as one parse_mode HTML message, ready to spread into sendMessage. When the
 * visible text would exceed `maxLength`, user parts are shortened with «…», the longest first,
 * and as many of them as it takes. Cuts happen in the unescaped text, so no tag or entity is
 * ever split. Throws when the template alone does not fit, which is a bug in the template.
 */
export function buildHtmlMessage(parts: readonly Part[], maxLength = MESSAGE_LENGTH_LIMIT): HtmlMessage {
  const tokens = flatten(parts, []);
  let excess = visibleLength(tokens) - maxLength;
  const candidates = tokens
    .filter((token): token is Extract<Token, { kind: 'text' }> => token.kind === 'text' && token.shortenable)
    .sort((a, b) => b.text.length - a.text.length);
  for (const token of candidates) {
    if (excess <= 0) break;
    const before = token.text.length;
    if (before <= ELLIPSIS.length) continue;
    token.text = shorten(token.text, before - excess - ELLIPSIS.length);
    excess -= before - token.text.length;
  }
  if (excess > 0) {
    throw new RangeError(`the message template alone is longer than ${maxLength} characters`);
  }
  const text = tokens.map((token) => (token.kind === 'markup' ? token.html : escapeHtml(token.text))).join('');
  return { text, parse_mode: 'HTML' };
}
