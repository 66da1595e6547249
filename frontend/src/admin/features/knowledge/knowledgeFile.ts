// The checks a chosen document passes before it is sent. They only save a pointless upload (and a
// document of the plan's): the server reads the format from the bytes and has the last word.
import { t } from '@/lib/i18n';

/** The same limit as the server's (MAX_FILE_BYTES in backend/src/modules/knowledge/entries.ts). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const ACCEPTED_DOCUMENTS = '.pdf,.docx,.xlsx,.csv,.txt,.md';

const ACCEPTED_EXTENSION = /\.(pdf|docx|xlsx|csv|txt|md|markdown)$/i;

/** The Russian reason the file cannot be uploaded, or null when it may go to the server. */
export function documentFileProblem(file: { name: string; size: number }): string | null {
  // Browsers give these formats inconsistent types (CSV and Markdown often none): the name decides.
  if (!ACCEPTED_EXTENSION.test(file.name)) return t.knowledge.upload.wrongType;
  if (file.size > MAX_DOCUMENT_BYTES) return t.knowledge.upload.tooLarge;
  return null;
}
