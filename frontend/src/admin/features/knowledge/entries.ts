// How the knowledge base's list reads: which entries a tab shows, whether the list must be read
// again while entries are being indexed, and how a visitor's question joins a curated pair.
import type { EntryView, KnowledgeKind, KnowledgeView, NearMissesView } from '@/lib/api';

export type EntryTab = 'all' | KnowledgeKind;

export const ENTRY_TABS: readonly EntryTab[] = ['all', 'document', 'qa'];

/** The API's limit on a pair's phrasings. */
export const MAX_PHRASINGS = 20;

/** An entry being indexed changes status by itself, so the list is read again until none is. */
export const isIndexing = (entries: readonly Pick<EntryView, 'status'>[]) =>
  entries.some((entry) => entry.status === 'indexing');

export const entriesOfTab = <T extends Pick<EntryView, 'kind'>>(entries: readonly T[], tab: EntryTab): T[] =>
  tab === 'all' ? [...entries] : entries.filter((entry) => entry.kind === tab);

export function tabCounts(entries: readonly Pick<EntryView, 'kind'>[]): Record<EntryTab, number> {
  const documents = entries.filter((entry) => entry.kind === 'document').length;
  return { all: entries.length, document: documents, qa: entries.length - documents };
}

/** The plan's documents held, counted as the server counts them: pairs do not take room. */
const withDocumentsCounted = (view: KnowledgeView): KnowledgeView => ({
  ...view,
  documents: { ...view.documents, used: view.entries.filter((entry) => entry.kind === 'document').length },
});

/** The view with an entry as the server just answered it: in its place, or first when it is new. */
export function withEntry(view: KnowledgeView, entry: EntryView): KnowledgeView {
  const known = view.entries.some((each) => each.id === entry.id);
  const entries = known ? view.entries.map((each) => (each.id === entry.id ? entry : each)) : [entry, ...view.entries];
  return withDocumentsCounted({ ...view, entries });
}

export const withoutEntry = (view: KnowledgeView, id: string): KnowledgeView =>
  withDocumentsCounted({ ...view, entries: view.entries.filter((entry) => entry.id !== id) });

/** A phrasing as the server tells repeats apart: spaces, letter case and «ё» do not count. */
export const phrasingKey = (question: string) =>
  // «ё» read as «е», written as escapes since texts in Cyrillic belong in the catalogue.
  question.trim().replace(/\s+/g, ' ').toLowerCase().replaceAll('\u0451', '\u0435');

/** The pair's phrasings with `question` added at the end; null when the pair already has it. */
export function withPhrasing(questions: readonly string[], question: string): string[] | null {
  const key = phrasingKey(question);
  if (!key || questions.some((each) => phrasingKey(each) === key)) return null;
  return [...questions, question.trim().replace(/\s+/g, ' ')];
}

/** The phrasings a form holds, blank ones left out unless all are (then the server says what to do). */
export function phrasingsToSend(questions: readonly string[]): string[] {
  const filled = questions.filter((question) => question.trim() !== '');
  return filled.length > 0 ? filled : [...questions.slice(0, 1)];
}

export type NearMiss = NearMissesView['nearMisses'][number];

/**
 * The near misses still worth the owner's time, newest first: a question already a phrasing of
 * some pair is dealt with, and a question asked again is shown once.
 */
export function openNearMisses(nearMisses: readonly NearMiss[], entries: readonly EntryView[]): NearMiss[] {
  const known = new Set(
    entries.filter((entry) => entry.kind === 'qa').flatMap((entry) => entry.questions.map(phrasingKey)),
  );
  const seen = new Set<string>();
  return [...nearMisses]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .filter((nearMiss) => {
      const key = phrasingKey(nearMiss.question);
      if (known.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The pair a near miss came close to, when it is still there to take a new phrasing. */
export const pairOf = (nearMiss: NearMiss, entries: readonly EntryView[]): EntryView | undefined =>
  entries.find((entry) => entry.id === nearMiss.entryId && entry.kind === 'qa');
