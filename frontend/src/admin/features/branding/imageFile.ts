// The checks a chosen image passes before it is sent. They only save a pointless upload: the
// server reads the format from the bytes and has the last word.
import { t } from '@/lib/i18n';

/** The same limit as the server's (MAX_IMAGE_BYTES in backend/src/modules/storage/images.ts). */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export const ACCEPTED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

const ACCEPTED_EXTENSION = /\.(png|jpe?g|webp)$/i;

/** The Russian reason the file cannot be uploaded, or null when it may go to the server. */
export function imageFileProblem(file: { name: string; type: string; size: number }): string | null {
  // Some systems give no type for a file; its name is then the only hint there is.
  const looksLikeImage = file.type ? ACCEPTED_IMAGE_TYPES.includes(file.type) : ACCEPTED_EXTENSION.test(file.name);
  if (!looksLikeImage) return t.branding.upload.wrongType;
  if (file.size > MAX_IMAGE_BYTES) return t.branding.upload.tooLarge;
  return null;
}
