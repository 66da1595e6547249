-- Row Level Security keeps an index from serving a condition whose operator is not leakproof: the
-- policy's `tenant_id = app_tenant_id()` must be checked first, so `tsv @@ query` and
-- `question <% search_text` became filters over every chunk of the company, and in the shared
-- indexes over every company's chunks (docs/PERFORMANCE.md, bench/rag: seconds at 100 000 chunks).
-- Candidates are found instead by the functions below, which run as aimax_platform, whose policy is
-- `true`, and filter by app_tenant_id() themselves: the tenant is still the transaction's, never an
-- argument. The indexes lead with the tenant (btree_gin, a trusted extension like pg_trgm), so a
-- small company is not slowed by a large one's chunks. They are built without GIN's pending list
-- (fastupdate): new chunks would otherwise wait in an unordered list that every search reads
-- through until a vacuum merges it, and the embedded database has no autovacuum to do that.
DROP INDEX "kb_chunks_tsv_idx";--> statement-breakpoint
DROP INDEX "kb_chunks_question_tsv_idx";--> statement-breakpoint
DROP INDEX "kb_chunks_trgm_idx";--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "kb_chunks_passage_tsv_idx" ON "kb_chunks" USING gin ("tenant_id", "tsv") WITH (fastupdate = off) WHERE "kind" = 'passage';--> statement-breakpoint
CREATE INDEX "kb_chunks_question_tsv_idx" ON "kb_chunks" USING gin ("tenant_id", "tsv") WITH (fastupdate = off) WHERE "kind" = 'question';--> statement-breakpoint
CREATE INDEX "kb_chunks_trgm_idx" ON "kb_chunks" USING gin ("tenant_id", "search_text" gin_trgm_ops) WITH (fastupdate = off) WHERE "kind" = 'passage';--> statement-breakpoint
-- The current company's chunks of one kind, from entries switched on, matching a tsquery: at most
-- max_rows of them, in no particular order, leaving out `exclude`. Each kind's branch names its
-- kind literally, so that it is planned on that kind's index. A function's statements are planned
-- without knowing the company, so a large one in the statistics can make a sequential scan look
-- cheap under LIMIT, and a small company then waits while every other company's rows are read:
-- the functions keep to their indexes.
CREATE FUNCTION kb_text_candidates(query tsquery, chunk_kind text, max_rows integer, exclude uuid[])
RETURNS SETOF uuid LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET enable_seqscan = off ROWS 200 AS $f$
  (SELECT c.id FROM kb_chunks c
   WHERE chunk_kind = 'passage' AND c.kind = 'passage' AND c.tenant_id = app_tenant_id()
     AND c.tsv @@ query AND c.id <> ALL (exclude)
     AND EXISTS (SELECT 1 FROM kb_entries e WHERE e.id = c.entry_id AND e.enabled)
   LIMIT max_rows)
  UNION ALL
  (SELECT c.id FROM kb_chunks c
   WHERE chunk_kind = 'question' AND c.kind = 'question' AND c.tenant_id = app_tenant_id()
     AND c.tsv @@ query AND c.id <> ALL (exclude)
     AND EXISTS (SELECT 1 FROM kb_entries e WHERE e.id = c.entry_id AND e.enabled)
   LIMIT max_rows)
$f$;--> statement-breakpoint
-- The current company's passages, from entries switched on, holding a word like one of the
-- question's (pg_trgm.word_similarity_threshold, set by the caller), the closest first.
CREATE FUNCTION kb_trigram_candidates(question text, max_rows integer)
RETURNS TABLE (id uuid, similarity real) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp SET enable_seqscan = off ROWS 20 AS $f$
  SELECT c.id, word_similarity(question, c.search_text) FROM kb_chunks c
  WHERE c.kind = 'passage' AND c.tenant_id = app_tenant_id() AND question <% c.search_text
    AND EXISTS (SELECT 1 FROM kb_entries e WHERE e.id = c.entry_id AND e.enabled)
  ORDER BY 2 DESC, c.id
  LIMIT max_rows
$f$;--> statement-breakpoint
ALTER FUNCTION kb_text_candidates(tsquery, text, integer, uuid[]) OWNER TO aimax_platform;--> statement-breakpoint
ALTER FUNCTION kb_trigram_candidates(text, integer) OWNER TO aimax_platform;--> statement-breakpoint
REVOKE ALL ON FUNCTION kb_text_candidates(tsquery, text, integer, uuid[]) FROM PUBLIC;--> statement-breakpoint
REVOKE ALL ON FUNCTION kb_trigram_candidates(text, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION kb_text_candidates(tsquery, text, integer, uuid[]) TO aimax_tenant;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION kb_trigram_candidates(text, integer) TO aimax_tenant;
--> statement-breakpoint
-- The planner needs statistics to take these indexes and the HNSW ones (without them it reads a
-- company's every vector to sort them). PostgreSQL's autovacuum gathers them, late; the embedded
-- database has no autovacuum at all. The indexer calls this as it writes an entry: it analyses a
-- knowledge table once it has grown by a fifth since its last analysis, which costs a look at
-- pg_class and, now and then, a sampled ANALYZE. It runs as the tables' owner, the one allowed to.
CREATE FUNCTION kb_analyze() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  knowledge_table regclass;
BEGIN
  FOR knowledge_table IN
    SELECT c.oid FROM pg_class c
    WHERE c.oid IN (to_regclass('public.kb_chunks'), to_regclass('public.kb_embeddings'), to_regclass('public.kb_entries'))
      AND pg_relation_size(c.oid) / current_setting('block_size')::bigint > c.relpages * 1.2 + 8
  LOOP
    EXECUTE format('ANALYZE %s', knowledge_table);
  END LOOP;
END
$f$;--> statement-breakpoint
REVOKE ALL ON FUNCTION kb_analyze() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION kb_analyze() TO aimax_tenant;
