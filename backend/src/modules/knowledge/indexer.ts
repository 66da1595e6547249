// Indexing in the background: the worker takes due `kb_jobs` rows (claimed like the outbox's
// deliveries: `FOR UPDATE SKIP LOCKED`, the attempt counted and the row leased), reads the entry,
// parses and chunks it, embeds the chunks outside any transaction, then writes chunks and vectors
// in one tenant transaction that first checks the entry is still the revision it read. An edit
// meanwhile re-queued the job, so the newer revision is indexed next; the old chunks answer until
// then. A file that cannot be read ends as «ошибка» at once; anything else (the gateway, Qdrant)
// is retried with backoff and ends as «ошибка» after the last attempt.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { type KbChunkKind, kbChunks, kbEntries, kbJobs } from '../../db/schema.ts';
import { createPeriodic } from '../../lib/periodic.ts';
import { record } from '../billing/limitsService.ts';
import { exponentialBackoff } from '../deliveries/outbox.ts';
import { bytesOf, findFile } from '../storage/files.ts';
import type { ObjectStore } from '../storage/s3Service.ts';
import { chunkDocument } from './chunk.ts';
import type { Knowledge } from './engine.ts';
import { type KbEntryRow, MAX_CHUNKS } from './entries.ts';
import { ParseError, parseDocument } from './parse.ts';
import { normalizeForSearch } from './text.ts';
import { refreshVocabulary } from './vocabulary.ts';

export interface IndexerOptions {
  db: Database;
  files: ObjectStore;
  knowledge: Knowledge;
  log: {
    info(object: object, message: string): void;
    warn(object: object, message: string): void;
    error(object: object, message: string): void;
  };
  pollIntervalMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** How long a claimed job is this worker's before another may take it. */
  leaseMs?: number;
  backoff?: (attempt: number) => number;
}

export interface Indexer {
  start(): void;
  stop(): Promise<void>;
  /** Runs soon, after a commit that queued a job. */
  kick(): void;
  /** Indexes every job due now; resolves with how many were taken. */
  runOnce(): Promise<number>;
}

interface ChunkToWrite {
  id: string;
  kind: KbChunkKind;
  ordinal: number;
  headingPath: string[];
  content: string;
  /** What the embedder sees: a question alone, or a passage with its headings. */
  embedText: string;
}

const NOTHING_DUE = Symbol('nothing due');
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000);

/** Why the owner sees «ошибка» after the last attempt, when the cause was not the file. */
const GAVE_UP = 'Не удалось проиндексировать: сервис поиска не ответил. Нажмите «Переиндексировать» позже';

export function createIndexer(options: IndexerOptions): Indexer {
  const { db, knowledge, log } = options;
  const batchSize = options.batchSize ?? 4;
  const maxAttempts = options.maxAttempts ?? 6;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const backoff = options.backoff ?? exponentialBackoff({ baseMs: 15_000, factor: 3, maxMs: 30 * 60_000 });

  async function claim(): Promise<{ entryId: string; tenantId: string; attempts: number }[]> {
    try {
      return await db.withPlatform({ actorUserId: null, action: 'knowledge.index_batch' }, async (tx) => {
        const due = await tx
          .select({ entryId: kbJobs.entryId })
          .from(kbJobs)
          .where(lte(kbJobs.nextAttemptAt, sql`now()`))
          .orderBy(asc(kbJobs.nextAttemptAt))
          .limit(batchSize)
          .for('update', { skipLocked: true });
        if (due.length === 0) throw NOTHING_DUE;
        return tx
          .update(kbJobs)
          .set({
            attempts: sql`${kbJobs.attempts} + 1`,
            nextAttemptAt: sql`now() + ${leaseMs}::bigint * interval '1 millisecond'`,
          })
          .where(
            inArray(
              kbJobs.entryId,
              due.map((row) => row.entryId),
            ),
          )
          .returning({ entryId: kbJobs.entryId, tenantId: kbJobs.tenantId, attempts: kbJobs.attempts });
      });
    } catch (error) {
      if (error === NOTHING_DUE) return [];
      throw error;
    }
  }

  async function chunksOf(entry: KbEntryRow): Promise<ChunkToWrite[]> {
    if (entry.kind === 'qa') {
      const answer = entry.answer ?? '';
      const questions = entry.questions.map((question, ordinal) => ({
        id: randomUUID(),
        kind: 'question' as const,
        ordinal,
        headingPath: [],
        content: question,
        embedText: question,
      }));
      // The pair also answers as a passage, found by what its answer says.
      const passage = `${entry.questions[0] ?? ''}\n${answer}`;
      return [
        ...questions,
        {
          id: randomUUID(),
          kind: 'passage',
          ordinal: questions.length,
          headingPath: [],
          content: passage,
          embedText: passage,
        },
      ];
    }
    const parsed = await parseDocument(await documentBytes(entry));
    const chunks = chunkDocument(parsed);
    if (chunks.length > MAX_CHUNKS) {
      throw new ParseError(
        'TOO_LARGE',
        `Документ слишком большой: в нём ${chunks.length.toLocaleString('ru-RU')} фрагментов, а можно до ${MAX_CHUNKS.toLocaleString('ru-RU')}. Разделите его на несколько файлов`,
      );
    }
    return chunks.map((chunk) => ({
      id: randomUUID(),
      kind: 'passage',
      ordinal: chunk.ordinal,
      headingPath: chunk.headingPath,
      content: chunk.text,
      embedText: chunk.text,
    }));
  }

  async function documentBytes(
    entry: KbEntryRow,
  ): Promise<{ bytes: Uint8Array; filename: string; declaredType?: string }> {
    // Pasted text reads as Markdown: «# Цены» starts a section, a plain paragraph stays one.
    if (entry.body !== null) return { bytes: Buffer.from(entry.body, 'utf8'), filename: 'text.md' };
    const file = entry.fileId
      ? await db.withTenant(entry.tenantId, (tx) =>
          findFile(tx, { tenantId: entry.tenantId, fileId: entry.fileId as string }),
        )
      : null;
    const stored = file ? await options.files.get(file.key) : null;
    if (!file || !stored)
      throw new ParseError('EMPTY_FILE', 'Файл документа не найден в хранилище: загрузите его заново');
    return { bytes: await bytesOf(stored.body), filename: entry.fileName ?? '', declaredType: file.contentType };
  }

  /** Writes the chunks and vectors if the entry is still the revision indexed; false when it is not. */
  async function write(
    entry: KbEntryRow,
    chunks: ChunkToWrite[],
    vectors: (Float32Array | null)[],
    tokens: number,
  ): Promise<boolean> {
    const { embedder, store } = knowledge;
    return db.withTenant(entry.tenantId, async (tx) => {
      await record(tx, { tenantId: entry.tenantId, counter: 'tokens', amount: tokens });
      const current = await lockedRevision(tx, entry);
      if (current !== entry.revision) return false;
      await tx.delete(kbChunks).where(and(eq(kbChunks.tenantId, entry.tenantId), eq(kbChunks.entryId, entry.id)));
      for (let start = 0; start < chunks.length; start += 500) {
        await tx.insert(kbChunks).values(
          chunks.slice(start, start + 500).map((chunk) => ({
            id: chunk.id,
            tenantId: entry.tenantId,
            entryId: entry.id,
            kind: chunk.kind,
            ordinal: chunk.ordinal,
            headingPath: chunk.headingPath,
            content: chunk.content,
            searchText: normalizeForSearch(chunk.content),
          })),
        );
      }
      await refreshVocabulary(tx, entry.id);
      if (store) {
        const stored = chunks.flatMap((chunk, i) => {
          const vector = vectors[i];
          return vector ? [{ chunkId: chunk.id, kind: chunk.kind, vector }] : [];
        });
        await store.replace(
          tx,
          { tenantId: entry.tenantId, entryId: entry.id, model: embedder.model, dimensions: embedder.dimensions },
          stored,
        );
      }
      await tx
        .update(kbEntries)
        .set({
          status: 'ready',
          error: null,
          chunkCount: chunks.length,
          embeddingModel: store ? embedder.model : null,
          indexedAt: sql`now()`,
        })
        .where(eq(kbEntries.id, entry.id));
      await tx.delete(kbJobs).where(eq(kbJobs.entryId, entry.id));
      // Statistics for the planner once the tables have grown (migration 0026).
      await tx.execute(sql`select kb_analyze()`);
      return true;
    });
  }

  async function lockedRevision(tx: Tx, entry: KbEntryRow): Promise<number | null> {
    const [row] = await tx
      .select({ revision: kbEntries.revision })
      .from(kbEntries)
      .where(eq(kbEntries.id, entry.id))
      .for('update');
    return row?.revision ?? null;
  }

  /** Ends the entry as «ошибка» with `reason`, unless it changed meanwhile (then its new revision is due). */
  async function fail(entry: KbEntryRow, reason: string): Promise<void> {
    await db.withTenant(entry.tenantId, async (tx) => {
      if ((await lockedRevision(tx, entry)) !== entry.revision) return;
      await tx.delete(kbChunks).where(and(eq(kbChunks.tenantId, entry.tenantId), eq(kbChunks.entryId, entry.id)));
      await refreshVocabulary(tx, entry.id);
      await knowledge.store?.removeEntry(tx, { tenantId: entry.tenantId, entryId: entry.id });
      await tx
        .update(kbEntries)
        .set({ status: 'error', error: reason, chunkCount: 0, indexedAt: sql`now()` })
        .where(eq(kbEntries.id, entry.id));
      await tx.delete(kbJobs).where(eq(kbJobs.entryId, entry.id));
    });
  }

  async function index(job: { entryId: string; tenantId: string; attempts: number }): Promise<void> {
    const entry = await db.withTenant(job.tenantId, async (tx) => {
      const [row] = await tx.select().from(kbEntries).where(eq(kbEntries.id, job.entryId));
      return row ?? null;
    });
    // Deleted meanwhile: its job went with it.
    if (!entry) return;
    // A paid embedding model's tokens count in the company's month, even for vectors a failure
    // or a newer revision leaves unused: they were spent.
    let tokens = 0;
    try {
      const chunks = await chunksOf(entry);
      const vectors = knowledge.store
        ? await knowledge.embedder.embed(
            chunks.map((chunk) => chunk.embedText),
            { onUsage: (spent) => (tokens += spent) },
          )
        : chunks.map(() => null);
      const written = await write(entry, chunks, vectors, tokens);
      log.info(
        { entryId: entry.id, tenantId: entry.tenantId, chunks: chunks.length, written },
        'knowledge entry indexed',
      );
    } catch (error) {
      if (tokens > 0) {
        await db.withTenant(entry.tenantId, (tx) =>
          record(tx, { tenantId: entry.tenantId, counter: 'tokens', amount: tokens }),
        );
      }
      if (error instanceof ParseError) {
        await fail(entry, error.message);
        return;
      }
      log.warn({ err: error, entryId: entry.id, attempt: job.attempts }, 'knowledge indexing failed');
      if (job.attempts >= maxAttempts) {
        await fail(entry, GAVE_UP);
        return;
      }
      await db.withTenant(job.tenantId, (tx) =>
        tx
          .update(kbJobs)
          .set({
            lastError: errorText(error),
            nextAttemptAt: sql`now() + ${backoff(job.attempts)}::bigint * interval '1 millisecond'`,
          })
          .where(and(eq(kbJobs.entryId, job.entryId), eq(kbJobs.attempts, job.attempts))),
      );
    }
  }

  // A new embedding model (or a vector store where there was none) indexes every entry again;
  // until each is done, its old vectors keep answering (retrieve.ts queries every model in use).
  // Queued by the first run rather than at start, so that a database that is down only delays it.
  let modelChangeQueued = false;
  async function queueModelChange(): Promise<void> {
    const model = knowledge.store ? knowledge.embedder.model : null;
    await db.withPlatform({ actorUserId: null, action: 'knowledge.queue_model_change', details: { model } }, (tx) =>
      tx.execute(sql`insert into kb_jobs (entry_id, tenant_id)
        select id, tenant_id from kb_entries
        where status = 'ready' and embedding_model is distinct from ${model}
        on conflict (entry_id) do nothing`),
    );
    modelChangeQueued = true;
  }

  async function runOnce(): Promise<number> {
    if (!modelChangeQueued) await queueModelChange();
    let taken = 0;
    for (;;) {
      const jobs = await claim();
      if (jobs.length === 0) return taken;
      taken += jobs.length;
      for (const job of jobs) await index(job);
      if (periodic.stopping) return taken;
    }
  }

  const periodic = createPeriodic({
    run: runOnce,
    intervalMs: options.pollIntervalMs ?? 5_000,
    onError: (error) => log.error({ err: error }, 'the knowledge indexer failed; it will try again'),
  });

  return { start: periodic.start, stop: periodic.stop, kick: periodic.kick, runOnce };
}
