-- The knowledge base's tables are tenant-owned: RLS forced, and the grants of every tenant table.
ALTER TABLE "kb_entries" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kb_chunks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kb_jobs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "kb_matches" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON kb_entries, kb_chunks, kb_jobs, kb_matches TO aimax_tenant, aimax_platform;--> statement-breakpoint
-- Typos («гарантя», «стоимасть») reach passages through trigram similarity on the normalised text.
-- pg_trgm ships with PostgreSQL and is a trusted extension (an owner without superuser may install it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "kb_chunks_trgm_idx" ON "kb_chunks" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
-- Curated questions are a few among many passages: their own full-text index keeps their search
-- from wading through every passage that shares a common word («цена», «ремонт»).
CREATE INDEX "kb_chunks_question_tsv_idx" ON "kb_chunks" USING gin ("tsv") WHERE "kind" = 'question';--> statement-breakpoint
-- Vectors, where pgvector is installed: always on the embedded database, on PostgreSQL when the
-- server has the extension. Migrations run in one transaction, so a CREATE EXTENSION that fails
-- would undo all of them: the catalog is asked first. Without it retrieval runs on full text alone
-- (or on Qdrant), and the app says so at start (modules/knowledge/vectorStore.ts).
-- `embedding` has no fixed size, so one table serves every model; each model gets an HNSW index on
-- the cast to its size, which the queries repeat. The local embedder's is made here; a gateway
-- model's at start, once its size is known, by the app's platform role through this function,
-- which runs as the tables' owner and builds nothing but such an index.
CREATE FUNCTION kb_prepare_model(model text, dimensions integer) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
BEGIN
  IF model !~ '^[A-Za-z0-9_./:-]{1,100}$' OR dimensions NOT BETWEEN 1 AND 2000 THEN
    RAISE EXCEPTION 'kb_prepare_model: % with % dimensions cannot be indexed', model, dimensions;
  END IF;
  EXECUTE format(
    'CREATE INDEX IF NOT EXISTS %I ON kb_embeddings USING hnsw ((embedding::vector(%s)) vector_cosine_ops) WHERE model = %L',
    'kb_embeddings_' || left(md5(model || ':' || dimensions), 16) || '_idx', dimensions, model);
END
$f$;--> statement-breakpoint
REVOKE ALL ON FUNCTION kb_prepare_model(text, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION kb_prepare_model(text, integer) TO aimax_platform;--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
    CREATE TABLE kb_embeddings (
      chunk_id uuid NOT NULL REFERENCES kb_chunks (id) ON DELETE CASCADE,
      model text NOT NULL,
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      -- The chunk's kind, repeated so that a search of curated questions never goes through the
      -- passages' HNSW index: the few questions are compared exactly.
      kind text NOT NULL CHECK (kind IN ('passage', 'question')),
      embedding vector NOT NULL,
      PRIMARY KEY (chunk_id, model)
    );
    ALTER TABLE kb_embeddings ENABLE ROW LEVEL SECURITY;
    ALTER TABLE kb_embeddings FORCE ROW LEVEL SECURITY;
    CREATE POLICY kb_embeddings_tenant_isolation ON kb_embeddings AS PERMISSIVE FOR ALL TO aimax_tenant
      USING (tenant_id = app_tenant_id()) WITH CHECK (tenant_id = app_tenant_id());
    CREATE POLICY kb_embeddings_platform_access ON kb_embeddings AS PERMISSIVE FOR ALL TO aimax_platform
      USING (true) WITH CHECK (true);
    GRANT SELECT, INSERT, UPDATE, DELETE ON kb_embeddings TO aimax_tenant, aimax_platform;
    CREATE INDEX kb_embeddings_tenant_idx ON kb_embeddings (tenant_id, model, kind);
    PERFORM kb_prepare_model('local-ngram-v1-384', 384);
  END IF;
END
$$;
