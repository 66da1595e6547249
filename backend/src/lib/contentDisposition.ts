import path from 'node:path';

/**
 * A Content-Disposition header for a file name in any script: RFC 6266's `filename*` carries the
 * real (UTF-8) name, and `filename` an ASCII stand-in for the rare client that ignores it.
 */
export function contentDisposition(name: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = /^[\x20-\x7e]+$/.test(name) ? name.replace(/["\\]/g, '_') : `download${path.extname(name)}`;
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
