// The owner's side of the knowledge base: entries made from pasted text, uploaded files and curated
// question-and-answer pairs; edited, switched off, deleted, indexed again. Each change that needs
// (re)indexing bumps the entry's revision and queues a job in the same transaction, so an entry is
// never left waiting for an index nobody will build (indexer.ts does the work).
import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { TenantContext } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { type KbEntryKind, kbEntries, kbJobs, kbMatches, users } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { ensureRoom } from '../billing/limitsService.ts';

export type KbEntryRow = typeof kbEntries.$inferSelect;

/** The longest pasted document; a longer one is an upload. */
export const MAX_TEXT_CHARS = 200_000;
/** The largest uploaded document. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/**
 * The most passages one document may become. Writing a document's chunks and vectors is one
 * transaction, and on the embedded database one transaction holds the only connection: 60 000
 * price-list rows kept every request waiting for minutes. A longer document is refused with a
 * reason; the owner splits it.
 */
export const MAX_CHUNKS = 3_000;

/** Queues (or brings forward) the entry's indexing, in the transaction that changed it. */
export async function queueIndexing(tx: Tx, target: { tenantId: string; entryId: string }): Promise<void> {
  await tx
    .insert(kbJobs)
    .values({ tenantId: target.tenantId, entryId: target.entryId })
    .onConflictDoUpdate({
      target: kbJobs.entryId,
      set: { attempts: 0, nextAttemptAt: sql`now()`, lastError: null },
    });
}

/** Documents count against the plan's `kbDocuments`; curated pairs are part of answering and do not. */
const documentsHeld = (tenantId: string) => async (tx: Tx) => {
  const [row] = await tx
    .select({ n: count() })
    .from(kbEntries)
    .where(and(eq(kbEntries.tenantId, tenantId), eq(kbEntries.kind, 'document')));
  return row?.n ?? 0;
};

export const ensureDocumentRoom = (tx: Tx, tenantId: string) =>
  ensureRoom(tx, { tenantId, resource: 'kbDocuments', adding: 1, held: documentsHeld(tenantId) });

const byteLength = (text: string) => Buffer.byteLength(text, 'utf8');

export async function addTextDocument(
  tx: Tx,
  ctx: TenantContext,
  input: { title: string; body: string },
): Promise<KbEntryRow> {
  await ensureDocumentRoom(tx, ctx.tenantId);
  return insertEntry(tx, ctx, {
    kind: 'document',
    title: input.title,
    body: input.body,
    sizeBytes: byteLength(input.body),
  });
}

/** A document from an uploaded file, already stored as `fileId`; parsing happens while indexing. */
export async function addFileDocument(
  tx: Tx,
  ctx: TenantContext,
  input: { title: string; fileId: string; fileName: string; sizeBytes: number },
): Promise<KbEntryRow> {
  await ensureDocumentRoom(tx, ctx.tenantId);
  const { title, fileId, fileName, sizeBytes } = input;
  return insertEntry(tx, ctx, { kind: 'document', title, fileId, fileName, sizeBytes });
}

export async function addQaPair(
  tx: Tx,
  ctx: TenantContext,
  input: { questions: string[]; answer: string; sourceSessionId?: string | null },
): Promise<KbEntryRow> {
  const questions = distinctQuestions(input.questions);
  return insertEntry(tx, ctx, {
    kind: 'qa',
    title: questions[0] ?? '',
    questions,
    answer: input.answer,
    sourceSessionId: input.sourceSessionId ?? null,
    sizeBytes: byteLength([...questions, input.answer].join('\n')),
  });
}

/** The phrasings of a question, trimmed, without repeats (compared as search would see them). */
export function distinctQuestions(questions: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const question of questions) {
    const text = question.trim().replace(/\s+/g, ' ');
    const key = text.toLowerCase().replaceAll('ё', 'е');
    if (!text || seen.has(key)) continue;
    seen.add(key);
    kept.push(text);
  }
  return kept;
}

async function insertEntry(
  tx: Tx,
  ctx: TenantContext,
  values: Omit<typeof kbEntries.$inferInsert, 'tenantId' | 'createdBy'> & { kind: KbEntryKind },
): Promise<KbEntryRow> {
  const [entry] = await tx
    .insert(kbEntries)
    .values({ ...values, tenantId: ctx.tenantId, createdBy: ctx.actorId })
    .returning();
  if (!entry) throw new Error('insertEntry: no row returned');
  await queueIndexing(tx, { tenantId: ctx.tenantId, entryId: entry.id });
  return entry;
}

export async function findEntry(
  tx: Tx,
  options: { tenantId: string; entryId: string; lock?: boolean },
): Promise<KbEntryRow | null> {
  const query = tx
    .select()
    .from(kbEntries)
    .where(and(eq(kbEntries.tenantId, options.tenantId), eq(kbEntries.id, options.entryId)));
  const [entry] = options.lock ? await query.for('update') : await query;
  return entry ?? null;
}

export interface EntryChanges {
  title?: string;
  body?: string;
  questions?: string[];
  answer?: string;
  enabled?: boolean;
}

/**
 * Applies the owner's edit. A change of what is searched (text, questions, answer) indexes the
 * entry again; the old chunks keep answering until the new ones are written. A file's content is
 * the file: upload a new one to change it.
 */
export async function updateEntry(
  tx: Tx,
  ctx: TenantContext,
  entryId: string,
  changes: EntryChanges,
): Promise<KbEntryRow> {
  const entry = await findEntry(tx, { tenantId: ctx.tenantId, entryId, lock: true });
  if (!entry) throw new AppError('KB_ENTRY_NOT_FOUND');
  const set: Partial<typeof kbEntries.$inferInsert> = {};
  const fields: Record<string, string> = {};
  if (entry.kind === 'document') {
    if (changes.questions !== undefined)
      fields.questions = 'У документа нет вопросов: они есть только у пар «вопрос — ответ»';
    if (changes.answer !== undefined) fields.answer = 'У документа нет ответа: он есть только у пар «вопрос — ответ»';
    if (changes.body !== undefined && entry.body === null) {
      fields.body = 'Текст загруженного файла не редактируется: загрузите исправленный файл';
    }
  } else if (changes.body !== undefined) {
    fields.body = 'У пары «вопрос — ответ» нет текста документа: измените вопрос или ответ';
  }
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION_FAILED', { fields });

  if (changes.title !== undefined && entry.kind === 'document') set.title = changes.title;
  if (changes.enabled !== undefined) set.enabled = changes.enabled;
  let reindex = false;
  if (changes.body !== undefined && changes.body !== entry.body) {
    set.body = changes.body;
    set.sizeBytes = byteLength(changes.body);
    reindex = true;
  }
  if (entry.kind === 'qa' && (changes.questions !== undefined || changes.answer !== undefined)) {
    const questions = changes.questions ? distinctQuestions(changes.questions) : entry.questions;
    const answer = changes.answer ?? entry.answer ?? '';
    if (questions.join('\n') !== entry.questions.join('\n') || answer !== entry.answer) {
      Object.assign(set, {
        questions,
        answer,
        title: questions[0] ?? entry.title,
        sizeBytes: byteLength([...questions, answer].join('\n')),
      });
      reindex = true;
    }
  }
  if (reindex) Object.assign(set, { revision: entry.revision + 1, status: 'indexing', error: null });
  if (Object.keys(set).length === 0) return entry;
  const [updated] = await tx
    .update(kbEntries)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(kbEntries.id, entry.id))
    .returning();
  if (!updated) throw new Error('updateEntry: no row returned');
  if (reindex) await queueIndexing(tx, { tenantId: ctx.tenantId, entryId: entry.id });
  return updated;
}

/** Indexes the entry again as it is (after a failure, or to pick up a new embedding model). */
export async function reindexEntry(tx: Tx, ctx: TenantContext, entryId: string): Promise<KbEntryRow> {
  const entry = await findEntry(tx, { tenantId: ctx.tenantId, entryId, lock: true });
  if (!entry) throw new AppError('KB_ENTRY_NOT_FOUND');
  const [updated] = await tx
    .update(kbEntries)
    .set({ revision: entry.revision + 1, status: 'indexing', error: null, updatedAt: sql`now()` })
    .where(eq(kbEntries.id, entry.id))
    .returning();
  if (!updated) throw new Error('reindexEntry: no row returned');
  await queueIndexing(tx, { tenantId: ctx.tenantId, entryId: entry.id });
  return updated;
}

/** Deletes the entry with its chunks, vectors (pgvector) and job; returns it for its file and Qdrant points. */
export async function deleteEntry(tx: Tx, ctx: TenantContext, entryId: string): Promise<KbEntryRow> {
  const [deleted] = await tx
    .delete(kbEntries)
    .where(and(eq(kbEntries.tenantId, ctx.tenantId), eq(kbEntries.id, entryId)))
    .returning();
  if (!deleted) throw new AppError('KB_ENTRY_NOT_FOUND');
  return deleted;
}

export interface EntrySummary extends KbEntryRow {
  createdByName: string | null;
}

export async function listEntries(tx: Tx, tenantId: string): Promise<EntrySummary[]> {
  const rows = await tx
    .select({ entry: kbEntries, createdByName: users.name })
    .from(kbEntries)
    .leftJoin(users, eq(users.id, kbEntries.createdBy))
    .where(eq(kbEntries.tenantId, tenantId))
    .orderBy(desc(kbEntries.createdAt), desc(kbEntries.id));
  return rows.map((row) => ({ ...row.entry, createdByName: row.createdByName }));
}

export async function entryWithAuthor(tx: Tx, entry: KbEntryRow): Promise<EntrySummary> {
  if (!entry.createdBy) return { ...entry, createdByName: null };
  const [author] = await tx.select({ name: users.name }).from(users).where(eq(users.id, entry.createdBy));
  return { ...entry, createdByName: author?.name ?? null };
}

/** The last visitors' questions an entry answered (or nearly answered), newest first; the owner's checks are not. */
export async function recentMatches(
  tx: Tx,
  options: { tenantId: string; entryId: string; limit: number },
): Promise<{ question: string; score: number | null; passed: boolean; createdAt: Date }[]> {
  return tx
    .select({
      question: kbMatches.question,
      score: kbMatches.score,
      passed: kbMatches.passed,
      createdAt: kbMatches.createdAt,
    })
    .from(kbMatches)
    .where(
      and(
        eq(kbMatches.tenantId, options.tenantId),
        eq(kbMatches.entryId, options.entryId),
        eq(kbMatches.source, 'chat'),
      ),
    )
    .orderBy(desc(kbMatches.createdAt))
    .limit(options.limit);
}
