// What the knowledge base runs on, chosen once at start from the configuration: the embedder new
// vectors are made with (the gateway's EMBEDDING_MODEL, or the local one), and where vectors live
// (Qdrant when QDRANT_URL is set, else pgvector when the database has it, else nowhere: retrieval
// then runs on full text alone, and the owner's page says so).
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { createLocalEmbedder, type Embedder } from './embedder.ts';
import { createGatewayEmbedder, probeEmbeddingModel } from './gatewayEmbedder.ts';
import { createPgvectorStore, createQdrantStore, hasPgvector, type VectorStore } from './vectorStore.ts';

export interface Knowledge {
  /** The embedder new and re-indexed entries get their vectors from. */
  embedder: Embedder;
  /** Every embedder this instance can query with, by model id: entries not yet re-indexed keep serving. */
  embedders: ReadonlyMap<string, Embedder>;
  /** Null: no vector search, full text only. */
  store: VectorStore | null;
  /** What the owner is told when answers run on less than they could, in Russian; null when all is well. */
  warning: string | null;
}

type Log = { info(object: object, message: string): void; warn(object: object, message: string): void };

export async function createKnowledge(deps: { config: Config; db: Database; log: Log }): Promise<Knowledge> {
  const { config, db, log } = deps;
  const local = createLocalEmbedder();
  let embedder: Embedder = local;
  const warnings: string[] = [];

  const { embeddings, llm } = config;
  if (embeddings.model && llm.apiKey) {
    const gateway = { baseUrl: llm.baseUrl, apiKey: llm.apiKey, model: embeddings.model, timeoutMs: llm.timeoutMs };
    try {
      const dimensions = embeddings.dimensions ?? (await probeEmbeddingModel({ ...gateway, retry: { attempts: 2 } }));
      embedder = createGatewayEmbedder({ ...gateway, dimensions });
    } catch (error) {
      log.warn({ err: error, model: embeddings.model }, 'the embedding model did not answer; using the local embedder');
      warnings.push(
        `Модель эмбеддингов ${embeddings.model} не ответила при запуске: поиск работает на встроенной модели.`,
      );
    }
  } else if (embeddings.model) {
    log.warn({ model: embeddings.model }, 'EMBEDDING_MODEL is set but LLM_API_KEY is not; using the local embedder');
  }

  let store: VectorStore | null = null;
  if (config.qdrant.url) {
    store = createQdrantStore({ url: config.qdrant.url, apiKey: config.qdrant.apiKey });
  } else if (await hasPgvector(db)) {
    store = createPgvectorStore({ db });
  } else {
    log.warn(
      {},
      'no vector store: PostgreSQL has no pgvector and QDRANT_URL is not set; knowledge search runs on full text',
    );
    warnings.push(
      'Векторный поиск недоступен (в PostgreSQL нет расширения pgvector, Qdrant не настроен): ответы ищутся по словам.',
    );
  }
  if (store) {
    try {
      await store.prepare({ id: embedder.model, dimensions: embedder.dimensions });
      log.info({ driver: store.driver, model: embedder.model }, 'knowledge vectors ready');
    } catch (error) {
      // Qdrant may come up after us: each write and search prepares the collection again.
      log.warn({ err: error, driver: store.driver }, 'could not prepare the vector store; will retry on use');
    }
  }
  const embedders = new Map<string, Embedder>([[local.model, local]]);
  embedders.set(embedder.model, embedder);
  return { embedder, embedders, store, warning: warnings.length > 0 ? warnings.join(' ') : null };
}
