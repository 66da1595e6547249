// Where chunk vectors are kept and searched. Two drivers:
//
//   pgvector   the `kb_embeddings` table (migration 0025), in the caller's tenant transaction, so
//              RLS scopes every read and write like any other tenant table. The embedded database
//              always has it; PostgreSQL when the server has the extension.
//   Qdrant     QDRANT_URL: one collection per model and size, each point's payload naming its
//              tenant (a keyword index with `is_tenant`), and every query and delete filtered by it.
//
// Either way a hit is only a chunk id and a cosine: retrieval reads the chunks themselves in the
// tenant's transaction, so a vector that outlived its chunk, or one a driver got wrong, finds
// nothing. Without either driver, retrieval runs on full text alone (`vectorStoreFor` says why).
import { QdrantClient } from '@qdrant/js-client-rest';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/database.ts';
import { queryRows } from '../../db/database.ts';
import type { KbChunkKind } from '../../db/schema.ts';

export interface VectorHit {
  chunkId: string;
  /** Cosine similarity, -1 to 1. */
  score: number;
}

export interface StoredVector {
  chunkId: string;
  kind: KbChunkKind;
  vector: Float32Array;
}

export interface VectorStore {
  readonly driver: 'pgvector' | 'qdrant';
  /** Makes the index (pgvector) or the collection (Qdrant) a model's vectors go in; idempotent. */
  prepare(model: { id: string; dimensions: number }): Promise<void>;
  /**
   * Stores an entry's vectors of one model, replacing any it had of any model. `tx` is the tenant
   * transaction that writes the entry's chunks: pgvector writes in it, Qdrant beside it.
   */
  replace(
    tx: Tx,
    target: { tenantId: string; entryId: string; model: string; dimensions: number },
    vectors: readonly StoredVector[],
  ): Promise<void>;
  /** Forgets an entry's vectors (pgvector's go with its chunks by cascade). */
  removeEntry(tx: Tx, target: { tenantId: string; entryId: string }): Promise<void>;
  /** The chunks of one kind nearest to `vector`, best first. */
  search(
    tx: Tx,
    query: {
      tenantId: string;
      model: string;
      dimensions: number;
      vector: Float32Array;
      kind: KbChunkKind;
      limit: number;
    },
  ): Promise<VectorHit[]>;
}

/** Whether `kb_embeddings` exists: the migration made it only where pgvector is installed. */
export async function hasPgvector(db: Database): Promise<boolean> {
  const [row] = await db.withPlatform({ actorUserId: null, action: 'knowledge.check_vector_store' }, (tx) =>
    queryRows<{ table: string | null }>(tx, sql`select to_regclass('public.kb_embeddings')::text as "table"`),
  );
  return Boolean(row?.table);
}

const vectorLiteral = (vector: Float32Array) => `[${Array.from(vector).join(',')}]`;

export function createPgvectorStore(options: { db: Database }): VectorStore {
  return {
    driver: 'pgvector',
    async prepare(model) {
      // The index's cast must match the queries' (search below), or the planner cannot use it.
      await options.db.withPlatform(
        { actorUserId: null, action: 'knowledge.prepare_model', details: { model: model.id } },
        (tx) => tx.execute(sql`select kb_prepare_model(${model.id}, ${model.dimensions})`),
      );
    },
    async replace(tx, target, vectors) {
      await tx.execute(sql`delete from kb_embeddings where tenant_id = ${target.tenantId} and chunk_id in (
        select id from kb_chunks where entry_id = ${target.entryId})`);
      for (let start = 0; start < vectors.length; start += 200) {
        const rows = vectors
          .slice(start, start + 200)
          .map(
            (item) =>
              sql`(${item.chunkId}::uuid, ${target.model}, ${target.tenantId}::uuid, ${item.kind}, ${vectorLiteral(item.vector)}::vector)`,
          );
        await tx.execute(
          sql`insert into kb_embeddings (chunk_id, model, tenant_id, kind, embedding) values ${sql.join(rows, sql`, `)}`,
        );
      }
    },
    async removeEntry() {
      // The entry's chunks cascade to their vectors.
    },
    async search(tx, query) {
      // Without an iterative scan, HNSW returns its ef_search nearest of all tenants and the RLS and
      // kind filters then leave few or none of them (docs/research.md, «A filter plus HNSW»).
      await tx.execute(
        sql`select set_config('hnsw.iterative_scan', 'relaxed_order', true), set_config('hnsw.ef_search', ${String(HNSW_EF_SEARCH)}, true)`,
      );
      const dims = sql.raw(String(Math.trunc(query.dimensions)));
      const distance = sql`(embedding::vector(${dims})) <=> ${vectorLiteral(query.vector)}::vector(${dims})`;
      const scope = sql`model = ${query.model} and tenant_id = ${query.tenantId} and kind = ${query.kind}`;
      // Passages through the model's HNSW index; curated questions, a few, exactly: `offset 0`
      // keeps the planner from taking the index, whose scan would wade through every passage.
      const rows = await queryRows<{ chunk_id: string; distance: number }>(
        tx,
        query.kind === 'passage'
          ? sql`select chunk_id, ${distance} as distance from kb_embeddings where ${scope} order by distance limit ${query.limit}`
          : sql`select chunk_id, ${distance} as distance
                from (select chunk_id, embedding from kb_embeddings where ${scope} offset 0) as questions
                order by distance limit ${query.limit}`,
      );
      return rows.map((row) => ({ chunkId: row.chunk_id, score: 1 - Number(row.distance) }));
    },
  };
}

/**
 * Candidates HNSW keeps while it searches. Among 100 000 price-list lines that differ by a number
 * or two, nearly ties, pgvector's default of 40 found 72% of the exact five nearest, 100 found
 * 86–97% depending on how the graph happened to be built, and 200 found all of them, in about the
 * same time (bench/rag).
 */
export const HNSW_EF_SEARCH = 200;

/** The collection of one model's vectors, e.g. `aimax_local-ngram-v1-384_384`. */
export const collectionName = (model: string, dimensions: number) =>
  `aimax_${model.replace(/[^\w-]/g, '_')}_${dimensions}`;

const tenantFilter = (tenantId: string, ...more: { key: string; match: { value: string } }[]) => ({
  must: [{ key: 'tenant_id', match: { value: tenantId } }, ...more],
});

export function createQdrantStore(options: { url: string; apiKey?: string; timeoutMs?: number }): VectorStore {
  const client = new QdrantClient({
    url: options.url,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    checkCompatibility: false,
    timeout: options.timeoutMs ?? 10_000,
  });
  const prepared = new Set<string>();
  const store: VectorStore = {
    driver: 'qdrant',
    async prepare(model) {
      const name = collectionName(model.id, model.dimensions);
      if (prepared.has(name)) return;
      const { exists } = await client.collectionExists(name);
      if (!exists) {
        try {
          await client.createCollection(name, { vectors: { size: model.dimensions, distance: 'Cosine' } });
        } catch (error) {
          // Another instance made it between our check and our create.
          if (statusOf(error) !== 409) throw error;
        }
      }
      // Multitenancy as Qdrant advises: one collection, the tenant a keyword index it can shard by.
      await client.createPayloadIndex(name, {
        field_name: 'tenant_id',
        field_schema: { type: 'keyword', is_tenant: true },
        wait: true,
      });
      await client.createPayloadIndex(name, { field_name: 'entry_id', field_schema: 'keyword', wait: true });
      prepared.add(name);
    },
    async replace(tx, target, vectors) {
      await store.removeEntry(tx, target);
      const name = collectionName(target.model, target.dimensions);
      await store.prepare({ id: target.model, dimensions: target.dimensions });
      for (let start = 0; start < vectors.length; start += 256) {
        await client.upsert(name, {
          wait: true,
          points: vectors.slice(start, start + 256).map((item) => ({
            id: item.chunkId,
            vector: Array.from(item.vector),
            payload: { tenant_id: target.tenantId, entry_id: target.entryId, kind: item.kind },
          })),
        });
      }
    },
    async removeEntry(_tx, target) {
      const filter = tenantFilter(target.tenantId, { key: 'entry_id', match: { value: target.entryId } });
      for (const name of prepared) await client.delete(name, { wait: true, filter });
    },
    async search(_tx, query) {
      const name = collectionName(query.model, query.dimensions);
      await store.prepare({ id: query.model, dimensions: query.dimensions });
      const { points } = await client.query(name, {
        query: Array.from(query.vector),
        filter: tenantFilter(query.tenantId, { key: 'kind', match: { value: query.kind } }),
        limit: query.limit,
        with_payload: false,
      });
      return points.map((point) => ({ chunkId: String(point.id), score: point.score }));
    },
  };
  return store;
}

/** The client's errors carry the HTTP status, but the client does not export their class. */
function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}
