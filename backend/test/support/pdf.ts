import { extractText } from 'unpdf';

/** The text of a PDF, with every kind of space folded to one plain space (money uses U+202F). */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
  return text.replace(/[\s\u00a0\u202f]+/g, ' ');
}
