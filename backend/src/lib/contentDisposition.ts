import path from 'node:path';

// Control characters (CR and LF among them) and the Unicode controls that can disguise a name:
// bidirectional overrides and isolates, zero-width characters, the BOM.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

// Half of a UTF-16 pair cannot be encoded (encodeURIComponent throws on it).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A file name safe to put in a header and to save: unsafe characters and path separators
 * removed, at most 150 characters, and, when `extension` is given, ending in it, so that a name
 * such as `invoice.html` cannot make a saved PDF open as a page.
 */
export function safeFileName(name: string, extension?: string): string {
  let clean = name.replace(UNSAFE, '').replace(/[/\\]/g, '_').trim().slice(0, 150).replace(LONE_SURROGATE, '');
  if (extension && path.extname(clean).toLowerCase() !== `.${extension.toLowerCase()}`) {
    clean = `${clean.replace(/\.+$/, '') || 'file'}.${extension}`;
  }
  return clean || 'file';
}

/**
 * A Content-Disposition header for a file name in any script: RFC 6266's `filename*` carries the
 * real (UTF-8, RFC 5987) name, and `filename` an ASCII stand-in for the rare client that ignores it.
 */
export function contentDisposition(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const safe = safeFileName(name);
  const ascii = /^[\x20-\x7e]+$/.test(safe) ? safe.replace(/["\\]/g, '_') : `download${path.extname(safe)}`;
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}

// encodeURIComponent leaves ' ( ) * unencoded, which RFC 5987's attr-char does not allow.
const encodeRfc5987 = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
