// Finding what the company's knowledge says about a visitor's question, in the tenant's own
// transaction (RLS scopes every read). Curated question-and-answer pairs are matched question to
// question first; then passages, by three legs, each judged on its own raw score before reciprocal
// rank fusion orders what passed (docs/research.md, «Fusion and thresholds»):
//
//   vector     cosine of the question's embedding to the chunk's, per embedding model still serving
//   full text  the `russian` configuration on normalised text (text.ts): all the question's lexemes,
//              or some of them, counted
//   trigram    word_similarity of the normalised question to the chunk, which forgives typos: for
//              passages found by full text once the question's unknown words are corrected against
//              the company's vocabulary (vocabulary.ts)
//
// Thresholds come from the company's settings; the result keeps every leg's score, for the owner's
// «Проверить ответ» and for the near misses.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/database.ts';
import { queryRows, textArray } from '../../db/database.ts';
import {
  KB_ENTRY_KINDS,
  type KbChunkKind,
  type KbEntryKind,
  type KbMatchSource,
  kbEntries,
  kbMatches,
  tenantBotSettings,
} from '../../db/schema.ts';
import type { ReplyKnowledge } from '../ai/prompt.ts';
import { record } from '../billing/limitsService.ts';
import type { Knowledge } from './engine.ts';
import { fuse, type ScoredHit } from './fusion.ts';
import { normalizeForSearch } from './text.ts';
import { correctionsOf } from './vocabulary.ts';

export interface RetrievalSettings {
  topK: number;
  /** The cosine a passage's vector leg must reach. */
  minSimilarity: number;
  /** The cosine a curated question must reach to answer alone. */
  qaSimilarity: number;
}

export const DEFAULT_RETRIEVAL: RetrievalSettings = { topK: 4, minSimilarity: 0.45, qaSimilarity: 0.7 };

/** word_similarity a passage's trigram leg must reach: typos of a word the passage has. */
const TRIGRAM_THRESHOLD = 0.5;
/** Candidates each leg brings before the gates. */
const LEG_LIMIT = 20;
/** Index matches the full-text leg ranks at most: enough to pick its LEG_LIMIT from. */
const CANDIDATES = 50;
/** Below this cosine a curated pair is not even a near miss. */
const NEAR_MISS_SIMILARITY = 0.45;

export interface FullTextScore {
  /** How many of the question's lexemes the chunk has, of `total`. */
  matched: number;
  total: number;
  /** How many lexemes the chunk itself has. */
  own: number;
  rank: number;
}

export interface PassageHit {
  chunkId: string;
  entryId: string;
  entryKind: KbEntryKind;
  title: string;
  content: string;
  headingPath: string[];
  vector: number | null;
  fullText: FullTextScore | null;
  trigram: number | null;
  /** Which legs passed their threshold. */
  legsPassed: number;
  /** The fused score (an order only); 0 for a passage that passed no leg. */
  fused: number;
}

export interface QaHit {
  entryId: string;
  /** The phrasing that matched best. */
  question: string;
  answer: string;
  vector: number | null;
  fullText: FullTextScore | null;
  passed: boolean;
}

export interface Retrieval {
  question: string;
  /** What search saw; empty when the question has nothing to look for («ну и?»). */
  normalized: string;
  /** The curated pair that answers, if any passed. */
  answer: QaHit | null;
  /** The best curated pairs, passed or not (the check box shows them). */
  pairs: QaHit[];
  /** Passages that passed a leg, best first, at most top-k. */
  passages: PassageHit[];
  /** The best passages that passed no leg. */
  rejected: PassageHit[];
  /** Whether the offline responder may answer from it: a pair passed, or two legs agree on a passage. */
  confident: boolean;
  /** Whether vectors took part; false on full text alone. */
  vectors: boolean;
}

export async function retrievalSettings(tx: Tx, tenantId: string): Promise<RetrievalSettings> {
  const [row] = await tx
    .select({
      topK: tenantBotSettings.kbTopK,
      minSimilarity: tenantBotSettings.kbMinSimilarity,
      qaSimilarity: tenantBotSettings.kbQaSimilarity,
    })
    .from(tenantBotSettings)
    .where(eq(tenantBotSettings.tenantId, tenantId));
  return row ?? DEFAULT_RETRIEVAL;
}

interface ChunkRow {
  id: string;
  entry_id: string;
  entry_kind: KbEntryKind;
  title: string;
  content: string;
  heading_path: string[];
  answer: string | null;
}

interface FullTextRow extends ChunkRow {
  /** word_similarity of the question to the chunk: the trigram score, for the few rows kept. */
  similarity: number;
  matched: number;
  total: number;
  own: number;
  rank: number;
}

const chunkColumns = sql`c.id, c.entry_id, e.kind as entry_kind, e.title, c.content, c.heading_path, e.answer`;

/**
 * A chunk's entry, looked up by its key. As a plain join the planner hashes the company's every
 * entry, each passing the policy's check, for the handful of chunks found: with a thousand entries,
 * milliseconds on the embedded database; `limit 1` keeps the lookup per chunk.
 */
const entryOfChunk = sql`cross join lateral (
  select e.kind, e.title, e.answer, e.enabled from kb_entries e where e.id = c.entry_id limit 1) e`;

interface Outline {
  /** Whether the company has entries switched on, and curated pairs among them. */
  any: boolean;
  pairs: boolean;
  /** The embedding models whose vectors serve its entries. */
  models: string[];
  /** The question's lexemes, as the `russian` configuration stems them. */
  lexemes: string[];
  query: FullTextQuery;
}

/**
 * What the searches need to know, in one statement: whether there is anything to search (each an
 * index probe, kb_entries_search_idx), which of this instance's embedding models serve the
 * company's entries, and the question's lexemes as the `russian` configuration stems them. The
 * tsqueries are made of those and passed on as constants: in the legs' queries a
 * `plainto_tsquery(…)` call is not folded (the function is only stable) and would run again for
 * every row the scan looks at.
 */
async function outlineOf(
  tx: Tx,
  options: { tenantId: string; normalized: string; models: string[] },
): Promise<Outline> {
  const { tenantId, normalized } = options;
  const enabled = sql`tenant_id = ${tenantId} and enabled and kind in (${sql.join(
    KB_ENTRY_KINDS.map((kind) => sql`${kind}`),
    sql`, `,
  )})`;
  const [row] = await queryRows<{ any: boolean; pairs: boolean; models: string[]; lexemes: string[] }>(
    tx,
    sql`select exists (select 1 from kb_entries where ${enabled}) as any,
               exists (select 1 from kb_entries where tenant_id = ${tenantId} and enabled and kind = 'qa') as pairs,
               array(select model from unnest(${textArray(options.models)}) as model
                     where exists (select 1 from kb_entries where ${enabled} and embedding_model = model)) as models,
               tsvector_to_array(to_tsvector('russian', ${normalized})) as lexemes`,
  );
  const lexemes = row?.lexemes ?? [];
  return {
    any: row?.any ?? false,
    pairs: row?.pairs ?? false,
    models: row?.models ?? [],
    lexemes,
    query: fullTextQuery(lexemes.map(quoteLexeme)),
  };
}

/** Above this many terms a question's pairs make too long a query: `atLeastTwo` is then `any`. */
const MAX_PAIRED_TERMS = 12;

interface FullTextQuery {
  /** Each a tsquery operand: a quoted lexeme, or the corrections of one in parentheses. */
  terms: string[];
  every: string;
  any: string;
  /**
   * At least two of the terms, which is what the full-text leg's gate asks of a passage: a word
   * every chunk has («цена») then brings none on its own. `any` when there are too few terms for
   * it to differ from all of them, or too many to pair.
   */
  atLeastTwo: string;
}

function fullTextQuery(terms: string[]): FullTextQuery {
  const any = terms.join(' | ');
  const pairs: string[] = [];
  if (terms.length >= 3 && terms.length <= MAX_PAIRED_TERMS) {
    for (const [i, first] of terms.entries()) {
      for (const second of terms.slice(i + 1)) pairs.push(`(${first} & ${second})`);
    }
  }
  return { terms, every: terms.join(' & '), any, atLeastTwo: pairs.length > 0 ? pairs.join(' | ') : any };
}

/**
 * Chunks holding every lexeme of the question, then, if those are fewer than the leg's limit,
 * chunks holding some (passages: at least two). A word most chunks share («цена» in a price list)
 * would make ranking all matches the slowest part of answering: each query ranks at most
 * CANDIDATES of the index's matches, and leaves the finer order to the other legs. The candidates come from
 * kb_text_candidates (migration 0026), which can use the index under Row Level Security.
 */
async function fullTextLeg(
  tx: Tx,
  options: { normalized: string; query: FullTextQuery; kind: KbChunkKind },
): Promise<FullTextRow[]> {
  const { normalized, kind } = options;
  const { terms } = options.query;
  if (terms.length === 0) return [];
  const matched = sql.join(
    terms.map((term) => sql`(c.tsv @@ ${term}::tsquery)::int`),
    sql` + `,
  );
  const leg = (query: string, exclude: string[]) =>
    queryRows<FullTextRow>(
      tx,
      // The candidates as one array, computed once, and their rows by the primary key before any
      // join: planned the other way round (from the company's entries, as its statistics may
      // suggest), the ids are looked up again for every entry, or the function called per row.
      sql`with found as materialized (
            select c.id, c.entry_id, c.content, c.heading_path, c.search_text, ${matched} as matched,
                   ${terms.length}::int as total, length(c.tsv) as own, ts_rank_cd(c.tsv, ${query}::tsquery, 32) as rank
            from kb_chunks c
            where c.id = any (array(
              select kb_text_candidates(${query}::tsquery, ${kind}, ${CANDIDATES}, ${uuidArray(exclude)})
            ))
          )
          -- The trigram score only for the rows kept: on a few hundred long rows it is not free.
          select ranked.*, word_similarity(${normalized}, ranked.search_text) as similarity
          from (select c.*, e.kind as entry_kind, e.title, e.answer
                from found c ${entryOfChunk}
                order by c.matched desc, c.rank desc, c.id
                limit ${LEG_LIMIT}) as ranked
          order by ranked.matched desc, ranked.rank desc, ranked.id`,
    );
  const every = await leg(options.query.every, []);
  // Passages must hold two of the lexemes to pass; curated questions that hold one are still
  // near misses to show the owner, and are few.
  if (every.length >= LEG_LIMIT || terms.length === 1 || (kind === 'passage' && terms.length === 2)) return every;
  const some = await leg(
    kind === 'passage' ? options.query.atLeastTwo : options.query.any,
    every.map((row) => row.id),
  );
  return [...every, ...some].slice(0, LEG_LIMIT);
}

/** A stemmed lexeme as a tsquery operand: quoted, so that no character in it reads as an operator. */
const quoteLexeme = (lexeme: string) => `'${lexeme.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/**
 * Passages for a question no passage holds all of: its words that are in none of the passages,
 * typos most often, are corrected against the company's vocabulary, and the passages holding the
 * corrected question are found by full text (their trigram score is word_similarity to the
 * question as asked). Nothing when no word needs or finds a correction.
 */
async function typoLeg(tx: Tx, options: { normalized: string; lexemes: string[] }): Promise<FullTextRow[]> {
  const { lexemes } = options;
  const corrections = await correctionsOf(tx, lexemes);
  if (corrections.size === 0) return [];
  const terms = lexemes.map((lexeme) => {
    const readings = corrections.get(lexeme);
    return readings ? `(${readings.map(quoteLexeme).join(' | ')})` : quoteLexeme(lexeme);
  });
  return fullTextLeg(tx, { normalized: options.normalized, query: fullTextQuery(terms), kind: 'passage' });
}

interface QuestionVector {
  model: string;
  dimensions: number;
  vector: Float32Array;
}

/**
 * The question's vector by every model whose vectors serve some of the company's entries; a paid
 * model's tokens count in the company's month.
 */
async function questionVectors(
  tx: Tx,
  knowledge: Knowledge,
  options: { tenantId: string; question: string; models: string[] },
): Promise<QuestionVector[]> {
  if (!knowledge.store) return [];
  const vectors: QuestionVector[] = [];
  let tokens = 0;
  for (const model of options.models) {
    const embedder = knowledge.embedders.get(model);
    if (!embedder) continue;
    const [vector] = await embedder.embed([options.question], { onUsage: (spent) => (tokens += spent) });
    if (vector) vectors.push({ model, dimensions: embedder.dimensions, vector });
  }
  await record(tx, { tenantId: options.tenantId, counter: 'tokens', amount: tokens });
  return vectors;
}

/** The vector leg: the best cosine of each chunk found, over the question's vectors. */
async function vectorLeg(
  tx: Tx,
  knowledge: Knowledge,
  options: { tenantId: string; vectors: QuestionVector[]; kind: KbChunkKind },
): Promise<Map<string, number>> {
  const scores = new Map<string, number>();
  const { store } = knowledge;
  if (!store) return scores;
  for (const { model, dimensions, vector } of options.vectors) {
    const hits = await store.search(tx, {
      tenantId: options.tenantId,
      model,
      dimensions,
      vector,
      kind: options.kind,
      limit: LEG_LIMIT,
    });
    for (const hit of hits) scores.set(hit.chunkId, Math.max(scores.get(hit.chunkId) ?? -1, hit.score));
  }
  return scores;
}

/** The chunks behind vector hits, read under RLS and only from entries switched on. */
async function chunksByIds(tx: Tx, ids: string[]): Promise<Map<string, ChunkRow>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<ChunkRow>(
    tx,
    // The chunks first, by the primary key, as in fullTextLeg (the policy keeps them the company's).
    sql`with found as materialized (select * from kb_chunks where id = any (${uuidArray(ids)}))
        select ${chunkColumns} from found c ${entryOfChunk}
        where e.enabled`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

const fullTextOf = (row: FullTextRow): FullTextScore => ({
  matched: Number(row.matched),
  total: Number(row.total),
  own: Number(row.own),
  rank: Number(row.rank),
});

/** All the question's lexemes, or at least two of them. */
const fullTextPasses = (score: FullTextScore | null) =>
  score !== null && score.matched > 0 && (score.matched === score.total || score.matched >= 2);

/**
 * A curated question answers when its cosine is high enough, or when it holds every lexeme of the
 * visitor's question (at least two) and those are at least half of its own: «а почём ремонт
 * ванной» meets «Сколько стоит ремонт ванной комнаты» through the folded «цена», where the local
 * embedder's cosine alone would not tell it from «сколько стоит ремонт кухни».
 */
function qaPasses(hit: { vector: number | null; fullText: FullTextScore | null }, settings: RetrievalSettings) {
  if (hit.vector !== null && hit.vector >= settings.qaSimilarity) return true;
  const text = hit.fullText;
  return text !== null && text.total >= 2 && text.matched === text.total && text.matched * 2 >= text.own;
}

export async function retrieve(
  tx: Tx,
  knowledge: Knowledge,
  options: { tenantId: string; question: string; settings: RetrievalSettings },
): Promise<Retrieval> {
  const { tenantId, question, settings } = options;
  const normalized = normalizeForSearch(question);
  const empty: Retrieval = {
    question,
    normalized,
    answer: null,
    pairs: [],
    passages: [],
    rejected: [],
    confident: false,
    vectors: knowledge.store !== null,
  };
  if (!normalized) return empty;
  const has = await outlineOf(tx, { tenantId, normalized, models: [...knowledge.embedders.keys()] });
  // Most questions of a company with no knowledge yet: one cheap look instead of five searches;
  // and a company with documents only has no curated questions to search.
  if (!has.any) return empty;

  // Curated pairs, question to question.
  const { query } = has;
  const vectors = await questionVectors(tx, knowledge, { tenantId, question, models: has.models });
  const qaText = has.pairs ? await fullTextLeg(tx, { normalized, query, kind: 'question' }) : [];
  const qaVectors = has.pairs
    ? await vectorLeg(tx, knowledge, { tenantId, vectors, kind: 'question' })
    : new Map<string, number>();
  const qaRows = new Map<string, ChunkRow>(qaText.map((row) => [row.id, row]));
  const qaOnlyByVector = [...qaVectors.keys()].filter((id) => !qaRows.has(id));
  for (const [id, row] of await chunksByIds(tx, qaOnlyByVector)) qaRows.set(id, row);
  const qaTextById = new Map(qaText.map((row) => [row.id, fullTextOf(row)]));
  const bestPair = new Map<string, QaHit>();
  for (const [id, row] of qaRows) {
    const hit = {
      entryId: row.entry_id,
      question: row.content,
      answer: row.answer ?? '',
      vector: qaVectors.get(id) ?? null,
      fullText: qaTextById.get(id) ?? null,
      passed: false,
    };
    hit.passed = qaPasses(hit, settings);
    const known = bestPair.get(row.entry_id);
    if (!known || pairOrder(hit, known) < 0) bestPair.set(row.entry_id, hit);
  }
  const pairs = [...bestPair.values()].sort(pairOrder).slice(0, 5);
  const answer = pairs.find((pair) => pair.passed) ?? null;

  // Passages.
  // The trigram leg scores the full-text rows; when none holds every word of the question, some
  // word may be a typo, and the passages of the question corrected are scored too.
  const textRows = await fullTextLeg(tx, { normalized, query, kind: 'passage' });
  const allFound = textRows.some((row) => Number(row.matched) === query.terms.length);
  const corrected = allFound ? [] : await typoLeg(tx, { normalized, lexemes: has.lexemes });
  const trigramRows = [...new Map([...corrected, ...textRows].map((row) => [row.id, row])).values()];
  const vectorScores = await vectorLeg(tx, knowledge, { tenantId, vectors, kind: 'passage' });
  const rows = new Map<string, ChunkRow>();
  for (const row of [...textRows, ...trigramRows]) rows.set(row.id, row);
  const onlyByVector = [...vectorScores.keys()].filter((id) => !rows.has(id));
  for (const [id, row] of await chunksByIds(tx, onlyByVector)) rows.set(id, row);
  const textById = new Map(textRows.map((row) => [row.id, fullTextOf(row)]));
  const trigramById = new Map(trigramRows.map((row) => [row.id, Number(row.similarity)]));

  const vectorPassed: ScoredHit[] = [];
  const textPassed: ScoredHit[] = [];
  const trigramPassed: ScoredHit[] = [];
  for (const id of rows.keys()) {
    const vector = vectorScores.get(id);
    if (vector !== undefined && vector >= settings.minSimilarity) vectorPassed.push({ id, score: vector });
    const text = textById.get(id) ?? null;
    if (text && fullTextPasses(text)) textPassed.push({ id, score: text.matched + text.rank });
    const trigram = trigramById.get(id);
    if (trigram !== undefined && trigram >= TRIGRAM_THRESHOLD) trigramPassed.push({ id, score: trigram });
  }
  const fused = fuse([vectorPassed, textPassed, trigramPassed]);
  const hitOf = (id: string, fusedScore: number, legsPassed: number): PassageHit => {
    const row = rows.get(id) as ChunkRow;
    return {
      chunkId: id,
      entryId: row.entry_id,
      entryKind: row.entry_kind,
      title: row.title,
      content: row.content,
      headingPath: row.heading_path,
      vector: vectorScores.get(id) ?? null,
      fullText: textById.get(id) ?? null,
      trigram: trigramById.get(id) ?? null,
      legsPassed,
      fused: fusedScore,
    };
  };
  const passages = fused
    .slice(0, settings.topK)
    .map((hit) => hitOf(hit.id, hit.score, hit.legs.filter(Boolean).length));
  const passedIds = new Set(fused.map((hit) => hit.id));
  const rejected = [...rows.keys()]
    .filter((id) => !passedIds.has(id))
    .map((id) => hitOf(id, 0, 0))
    .sort((a, b) => (b.vector ?? 0) - (a.vector ?? 0) || (b.trigram ?? 0) - (a.trigram ?? 0))
    .slice(0, 3);

  return {
    ...empty,
    answer,
    pairs,
    passages,
    rejected,
    confident: answer !== null || passages.some(isStrong),
  };
}

/**
 * A passage the offline responder may quote: it holds every word of the question (after folding)
 * and another leg agrees. Two legs alone are not enough: «сколько стоит ремонт кухни» shares
 * «цена ремонт» and most trigrams with a passage on bathrooms, and quoting a bathroom's price for a
 * kitchen is the worst answer the bot can give.
 */
const isStrong = (passage: PassageHit) =>
  passage.legsPassed >= 2 && passage.fullText !== null && passage.fullText.matched === passage.fullText.total;

/** Passed first, then the higher cosine, then more of the question's lexemes. */
function pairOrder(a: QaHit, b: QaHit): number {
  if (a.passed !== b.passed) return a.passed ? -1 : 1;
  const vector = (b.vector ?? -1) - (a.vector ?? -1);
  if (vector !== 0) return vector;
  return (b.fullText?.matched ?? 0) - (a.fullText?.matched ?? 0);
}

/** Whether a pair that did not pass came close enough to show the owner as a near miss. */
export const isNearMiss = (pair: QaHit) =>
  !pair.passed &&
  ((pair.vector ?? 0) >= NEAR_MISS_SIMILARITY ||
    (pair.fullText !== null && pair.fullText.total > 0 && pair.fullText.matched * 2 >= pair.fullText.total));

/** The entries an answer drew on, in order, each once. */
export function usedEntries(retrieval: Retrieval): string[] {
  const ids = [
    ...(retrieval.answer ? [retrieval.answer.entryId] : []),
    ...retrieval.passages.map((passage) => passage.entryId),
  ];
  return [...new Set(ids)];
}

/**
 * Records what a question found: for the use counts, «последние вопросы» and the near misses.
 * The chat counts the entries it used; the owner's checks do not.
 */
export async function recordMatch(
  tx: Tx,
  options: { tenantId: string; sessionId: string | null; source: KbMatchSource; retrieval: Retrieval },
): Promise<void> {
  const { retrieval } = options;
  const bestPair = retrieval.pairs[0] ?? null;
  const strong = retrieval.passages.find(isStrong);
  const weak = retrieval.passages[0];
  // A near miss of a curated pair says more to the owner than a passage that only half fits.
  const row = retrieval.answer
    ? { kind: 'qa' as const, entryId: retrieval.answer.entryId, score: retrieval.answer.vector, passed: true }
    : strong
      ? { kind: 'passage' as const, entryId: strong.entryId, score: strong.vector, passed: true }
      : bestPair && isNearMiss(bestPair)
        ? { kind: 'qa' as const, entryId: bestPair.entryId, score: bestPair.vector, passed: false }
        : weak
          ? { kind: 'passage' as const, entryId: weak.entryId, score: weak.vector, passed: true }
          : null;
  // A question nothing came close to tells the owner nothing the dialogs do not.
  if (!row) return;
  await tx.insert(kbMatches).values({
    tenantId: options.tenantId,
    sessionId: options.sessionId,
    source: options.source,
    question: retrieval.question.slice(0, 1000),
    ...row,
  });
  if (options.source !== 'chat') return;
  const used = usedEntries(retrieval);
  if (used.length === 0) return;
  await tx
    .update(kbEntries)
    .set({ useCount: sql`${kbEntries.useCount} + 1`, lastUsedAt: sql`now()` })
    .where(
      sql`${kbEntries.id} in (${sql.join(
        used.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
}

/** What a reply is given of a retrieval. */
export function replyKnowledge(retrieval: Retrieval): ReplyKnowledge {
  return {
    answer: retrieval.answer
      ? { entryId: retrieval.answer.entryId, question: retrieval.answer.question, answer: retrieval.answer.answer }
      : null,
    passages: retrieval.passages
      // A pair that answers is given once, as the answer.
      .filter((passage) => passage.entryId !== retrieval.answer?.entryId)
      .map((passage) => ({ entryId: passage.entryId, title: passage.title, content: passage.content })),
    quotable: retrieval.passages.find(isStrong) ?? null,
    entryIds: usedEntries(retrieval),
  };
}
