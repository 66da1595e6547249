CREATE TABLE "kb_lexemes" (
	"tenant_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"lexeme" text NOT NULL,
	CONSTRAINT "kb_lexemes_entry_id_lexeme_pk" PRIMARY KEY("entry_id","lexeme")
);
--> statement-breakpoint
ALTER TABLE "kb_lexemes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kb_lexemes" ADD CONSTRAINT "kb_lexemes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_lexemes" ADD CONSTRAINT "kb_lexemes_entry_id_kb_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."kb_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_lexemes_lexeme_idx" ON "kb_lexemes" USING btree ("tenant_id","lexeme");--> statement-breakpoint
CREATE INDEX "kb_entries_search_idx" ON "kb_entries" USING btree ("tenant_id","kind","embedding_model") WHERE "kb_entries"."enabled";--> statement-breakpoint
CREATE POLICY "kb_lexemes_tenant_isolation" ON "kb_lexemes" AS PERMISSIVE FOR ALL TO "aimax_tenant" USING ("kb_lexemes"."tenant_id" = app_tenant_id()) WITH CHECK ("kb_lexemes"."tenant_id" = app_tenant_id());--> statement-breakpoint
CREATE POLICY "kb_lexemes_platform_access" ON "kb_lexemes" AS PERMISSIVE FOR ALL TO "aimax_platform" USING (true) WITH CHECK (true);--> statement-breakpoint
-- A question's word that no passage has is most often a typo («гарантйя», «стоимасть»). Until now
-- such questions searched every passage by trigram similarity, whose index recheck reads each
-- line sharing the word's trigrams: 0.2–0.4 s on a price list of 100 000 lines (bench/rag). Now
-- the word is corrected against the company's vocabulary, a few thousand words, and the passages
-- are then found by full text. The words kept: no numbers, none under three letters, which
-- trigrams cannot tell apart.
CREATE FUNCTION kb_vocabulary_word(word text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$ SELECT length(word) >= 3 AND word !~ '[0-9]' $f$;--> statement-breakpoint
INSERT INTO kb_lexemes (tenant_id, entry_id, lexeme)
SELECT DISTINCT c.tenant_id, c.entry_id, w.lexeme
FROM kb_chunks c CROSS JOIN LATERAL unnest(tsvector_to_array(c.tsv)) AS w(lexeme)
WHERE c.kind = 'passage' AND kb_vocabulary_word(w.lexeme);--> statement-breakpoint
ALTER TABLE "kb_lexemes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON kb_lexemes TO aimax_tenant, aimax_platform;--> statement-breakpoint
CREATE INDEX "kb_lexemes_trgm_idx" ON "kb_lexemes" USING gin ("tenant_id", "lexeme" gin_trgm_ops) WITH (fastupdate = off);--> statement-breakpoint
-- For each of the question's words that no passage of the current company's enabled entries has,
-- the company's words most like it (pg_trgm similarity of at least 0.3), at most max_per_word of
-- them, the closest first. A word the company has, or one trigrams cannot judge, gets none. Run as
-- aimax_platform, like kb_text_candidates (migration 0026): `%` is not leakproof.
CREATE FUNCTION kb_lexeme_corrections(words text[], max_per_word integer)
RETURNS TABLE (word text, lexeme text, similarity real) LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp SET enable_seqscan = off SET pg_trgm.similarity_threshold = 0.3 ROWS 20 AS $f$
  SELECT w.word, m.lexeme, m.similarity
  FROM unnest(words) AS w(word)
  CROSS JOIN LATERAL (
    SELECT l.lexeme, similarity(w.word, l.lexeme) AS similarity
    FROM kb_lexemes l
    WHERE l.tenant_id = app_tenant_id() AND l.lexeme % w.word
      AND EXISTS (SELECT 1 FROM kb_entries e WHERE e.id = l.entry_id AND e.enabled)
    GROUP BY l.lexeme
    ORDER BY 2 DESC, 1
    LIMIT max_per_word
  ) AS m
  WHERE kb_vocabulary_word(w.word)
    AND NOT EXISTS (
      SELECT 1 FROM kb_lexemes l
      WHERE l.tenant_id = app_tenant_id() AND l.lexeme = w.word
        AND EXISTS (SELECT 1 FROM kb_entries e WHERE e.id = l.entry_id AND e.enabled))
  ORDER BY 1, 3 DESC, 2
$f$;--> statement-breakpoint
ALTER FUNCTION kb_lexeme_corrections(text[], integer) OWNER TO aimax_platform;--> statement-breakpoint
REVOKE ALL ON FUNCTION kb_lexeme_corrections(text[], integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION kb_lexeme_corrections(text[], integer) TO aimax_tenant;--> statement-breakpoint
DROP FUNCTION kb_trigram_candidates(text, integer);--> statement-breakpoint
DROP INDEX "kb_chunks_trgm_idx";--> statement-breakpoint
-- kb_analyze (migration 0026) with the vocabulary among the tables it keeps statistics for.
CREATE OR REPLACE FUNCTION kb_analyze() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
  knowledge_table regclass;
BEGIN
  FOR knowledge_table IN
    SELECT c.oid FROM pg_class c
    WHERE c.oid IN (to_regclass('public.kb_chunks'), to_regclass('public.kb_embeddings'),
                    to_regclass('public.kb_entries'), to_regclass('public.kb_lexemes'))
      AND pg_relation_size(c.oid) / current_setting('block_size')::bigint > c.relpages * 1.2 + 8
  LOOP
    EXECUTE format('ANALYZE %s', knowledge_table);
  END LOOP;
END
$f$;
