// Combining the retrieval legs (vector similarity, full-text, trigram) into one order. Reciprocal
// rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009) orders by Σ 1/(k + rank) over the legs that
// found a passage. The fused score is only an order: it tops out at legs/(k+1), whatever the raw
// signals were, and means nothing across queries. So relevance is decided per leg on its raw score
// before fusion (`partitionByThreshold`), and fusion orders only what passed (docs/research.md,
// «Fusion and thresholds»).

/** One leg's hit; `score` is that leg's raw signal, higher meaning better (a cosine, not a distance). */
export interface ScoredHit {
  readonly id: string;
  readonly score: number;
}

/** Where a leg placed a passage: its rank there (from 1) and that leg's raw score. */
export interface LegMatch {
  readonly rank: number;
  readonly score: number;
}

export interface FusedHit {
  readonly id: string;
  /** Σ 1/(k + rank) over the legs that found it. */
  readonly score: number;
  /** Parallel to the lists given to `fuse`: the match in each, or null where that leg missed it. */
  readonly legs: readonly (LegMatch | null)[];
}

/**
 * Fuses ranked lists into one, best first. Each list is ranked by its own scores, so its order as
 * given does not matter; equal scores share a rank (1, 1, 3), because a leg that cannot tell two
 * passages apart (full-text ranks «Стоимость ремонта ванных комнат» and «Ремонт ванной под ключ» the
 * same) must leave the choice to the other legs. An id found twice in one list counts once, at its
 * best. Equal fused scores go to the better rank in the earliest list that differs, then by id, so
 * the order is deterministic.
 */
export function fuse(lists: readonly (readonly ScoredHit[])[], options: { k?: number } = {}): FusedHit[] {
  const k = options.k ?? 60;
  if (!Number.isFinite(k) || k < 0) throw new RangeError(`the fusion constant k must be 0 or more, not ${k}`);
  const fused = new Map<string, { score: number; legs: (LegMatch | null)[] }>();
  lists.forEach((list, leg) => {
    for (const [id, match] of rankList(list)) {
      let entry = fused.get(id);
      if (!entry) {
        entry = { score: 0, legs: lists.map(() => null) };
        fused.set(id, entry);
      }
      entry.legs[leg] = match;
    }
  });
  const hits: FusedHit[] = [];
  for (const [id, { legs }] of fused) {
    // Summed in list order for every id, so equal rank patterns give bit-equal scores.
    let score = 0;
    for (const match of legs) if (match) score += 1 / (k + match.rank);
    hits.push({ id, score, legs });
  }
  return hits.sort(compareFused);
}

function rankList(list: readonly ScoredHit[]): Map<string, LegMatch> {
  for (const hit of list) {
    if (Number.isNaN(hit.score)) throw new RangeError(`hit ${hit.id} has no score (NaN)`);
  }
  const sorted = [...list].sort((a, b) => b.score - a.score);
  const ranks = new Map<string, LegMatch>();
  let rank = 0;
  let previous: number | undefined;
  sorted.forEach((hit, index) => {
    if (hit.score !== previous) {
      rank = index + 1;
      previous = hit.score;
    }
    if (!ranks.has(hit.id)) ranks.set(hit.id, { rank, score: hit.score });
  });
  return ranks;
}

function compareFused(a: FusedHit, b: FusedHit): number {
  if (a.score !== b.score) return b.score - a.score;
  for (let leg = 0; leg < a.legs.length; leg++) {
    const rankA = a.legs[leg]?.rank ?? Number.POSITIVE_INFINITY;
    const rankB = b.legs[leg]?.rank ?? Number.POSITIVE_INFINITY;
    if (rankA !== rankB) return rankA - rankB;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Splits one leg's hits by its own threshold before fusion: `passed` goes to `fuse`, `rejected`
 * keeps the rest with their scores, for «Проверить ответ» and the near-miss list. A number means
 * `score ≥ threshold`; a predicate serves compound rules, such as full-text's «two lexemes, or one
 * with a high enough rank», on hits that carry more than a score.
 */
export function partitionByThreshold<T extends ScoredHit>(
  hits: readonly T[],
  threshold: number | ((hit: T) => boolean),
): { passed: T[]; rejected: T[] } {
  const passes = typeof threshold === 'number' ? (hit: T) => hit.score >= threshold : threshold;
  const passed: T[] = [];
  const rejected: T[] = [];
  for (const hit of hits) (passes(hit) ? passed : rejected).push(hit);
  return { passed, rejected };
}
