import { describe, expect, it } from 'vitest';
import type { EntryView, KnowledgeView } from '@/lib/api';
import {
  entriesOfTab,
  isIndexing,
  type NearMiss,
  openNearMisses,
  pairOf,
  phrasingsToSend,
  tabCounts,
  withEntry,
  withoutEntry,
  withPhrasing,
} from './entries';

let nextId = 1;

function entry(overrides: Partial<EntryView> = {}): EntryView {
  return {
    id: `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`,
    kind: 'document',
    title: 'Цены',
    body: 'Ремонт ванной от 150 000 ₽',
    fileName: null,
    questions: [],
    answer: null,
    dialogId: null,
    status: 'ready',
    error: null,
    enabled: true,
    sizeBytes: 40,
    chunkCount: 1,
    useCount: 0,
    lastUsedAt: null,
    indexedAt: '2026-03-05T10:00:00.000Z',
    createdBy: 'Анна Петрова',
    createdAt: '2026-03-05T10:00:00.000Z',
    updatedAt: '2026-03-05T10:00:00.000Z',
    ...overrides,
  };
}

const pair = (questions: string[], overrides: Partial<EntryView> = {}) =>
  entry({ kind: 'qa', title: questions[0] ?? '', body: null, questions, answer: 'От 150 000 ₽', ...overrides });

function view(entries: EntryView[]): KnowledgeView {
  return {
    entries,
    warning: null,
    search: { vectors: 'pgvector', model: 'local-ngram-v1-384' },
    documents: { used: entries.filter((each) => each.kind === 'document').length, limit: 5 },
    settings: { topK: 4, minSimilarity: 0.45, qaSimilarity: 0.7 },
  };
}

const nearMiss = (question: string, at: string, entryId: string | null = null): NearMiss => ({
  question,
  entryId,
  entryTitle: entryId ? 'Сколько стоит ремонт ванной?' : null,
  score: 0.62,
  at,
});

describe('isIndexing', () => {
  it('asks for the list again while an entry is being indexed', () => {
    expect(isIndexing([entry(), entry({ status: 'indexing' })])).toBe(true);
  });

  it('stops once every entry is ready or failed', () => {
    expect(isIndexing([entry(), entry({ status: 'error', error: 'Файл повреждён' })])).toBe(false);
    expect(isIndexing([])).toBe(false);
  });
});

describe('the tabs', () => {
  const entries = [entry(), pair(['Сколько стоит?']), entry({ fileName: 'Прайс.xlsx', body: null })];

  it('show all entries, the documents or the pairs', () => {
    expect(entriesOfTab(entries, 'all')).toEqual(entries);
    expect(entriesOfTab(entries, 'document').map((each) => each.kind)).toEqual(['document', 'document']);
    expect(entriesOfTab(entries, 'qa')).toEqual([entries[1]]);
  });

  it('count what each tab shows', () => {
    expect(tabCounts(entries)).toEqual({ all: 3, document: 2, qa: 1 });
  });
});

describe('withEntry and withoutEntry', () => {
  it('puts a changed entry in its place', () => {
    const first = entry();
    const second = entry();
    const changed = { ...second, enabled: false };
    expect(withEntry(view([first, second]), changed).entries).toEqual([first, changed]);
  });

  it('puts a new entry first and counts a new document against the plan', () => {
    const existing = entry();
    const added = entry({ status: 'indexing' });
    const next = withEntry(view([existing]), added);
    expect(next.entries).toEqual([added, existing]);
    expect(next.documents).toEqual({ used: 2, limit: 5 });
  });

  it('does not count a pair against the plan', () => {
    expect(withEntry(view([entry()]), pair(['Сколько стоит?'])).documents.used).toBe(1);
  });

  it('takes a deleted entry out and frees its document', () => {
    const kept = entry();
    const deleted = entry();
    const next = withoutEntry(view([kept, deleted]), deleted.id);
    expect(next.entries).toEqual([kept]);
    expect(next.documents.used).toBe(1);
  });
});

describe('withPhrasing', () => {
  it('adds the question at the end, spaces tidied', () => {
    expect(withPhrasing(['Сколько стоит ремонт ванной?'], '  а почём   ванная? ')).toEqual([
      'Сколько стоит ремонт ванной?',
      'а почём ванная?',
    ]);
  });

  it('refuses a phrasing the pair has, whatever its case, spaces or «ё»', () => {
    expect(withPhrasing(['Сколько стоит ремонт ванной?'], 'сколько  стоит РЕМОНТ ванной?')).toBeNull();
    expect(withPhrasing(['Где вы находитесь?'], 'где вы находитесь?')).toBeNull();
    expect(withPhrasing(['Ещё вопрос'], 'еще вопрос')).toBeNull();
  });

  it('refuses a blank question', () => {
    expect(withPhrasing(['Сколько стоит?'], '   ')).toBeNull();
  });
});

describe('phrasingsToSend', () => {
  it('leaves out the blank phrasings', () => {
    expect(phrasingsToSend(['Сколько стоит?', ' ', 'А почём?', ''])).toEqual(['Сколько стоит?', 'А почём?']);
  });

  it('sends the first one when all are blank, for the server to say what is missing', () => {
    expect(phrasingsToSend(['', ' '])).toEqual(['']);
  });
});

describe('openNearMisses', () => {
  const bath = pair(['Сколько стоит ремонт ванной?']);

  it('keeps the questions no pair has yet, newest first', () => {
    const older = nearMiss('а почём ванная?', '2026-03-05T10:00:00.000Z', bath.id);
    const newer = nearMiss('ванна под ключ цена', '2026-03-06T10:00:00.000Z', bath.id);
    expect(openNearMisses([older, newer], [bath])).toEqual([newer, older]);
  });

  it('drops a question that became a phrasing of some pair', () => {
    const handled = nearMiss('А почём ванная?', '2026-03-05T10:00:00.000Z', bath.id);
    const withIt = { ...bath, questions: [...bath.questions, 'а почём  ванная?'] };
    expect(openNearMisses([handled], [withIt])).toEqual([]);
  });

  it('shows a question asked again once, as last asked', () => {
    const first = nearMiss('а почём ванная?', '2026-03-05T10:00:00.000Z', bath.id);
    const again = nearMiss('А почём ванная?', '2026-03-07T10:00:00.000Z', bath.id);
    expect(openNearMisses([first, again], [bath])).toEqual([again]);
  });

  it('does not count a document’s text as a phrasing', () => {
    const document = entry({ questions: ['а почём ванная?'] });
    expect(openNearMisses([nearMiss('а почём ванная?', '2026-03-05T10:00:00.000Z')], [document])).toHaveLength(1);
  });
});

describe('pairOf', () => {
  it('finds the pair a near miss came close to', () => {
    const bath = pair(['Сколько стоит ремонт ванной?']);
    expect(pairOf(nearMiss('а почём ванная?', '2026-03-05T10:00:00.000Z', bath.id), [entry(), bath])).toBe(bath);
  });

  it('finds nothing once the pair is deleted', () => {
    expect(pairOf(nearMiss('а почём ванная?', '2026-03-05T10:00:00.000Z', null), [entry()])).toBeUndefined();
    const gone = nearMiss('а почём ванная?', '2026-03-05T10:00:00.000Z', '00000000-0000-4000-8000-999999999999');
    expect(pairOf(gone, [pair(['Сколько стоит?'])])).toBeUndefined();
  });
});
