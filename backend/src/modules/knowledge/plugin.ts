// The knowledge base as part of the app: `app.knowledge` (the embedder and the vector store chosen
// at start, engine.ts) and `app.indexer`, started when the app is ready and stopped, waiting for
// the entry in flight, when it closes. Tests stop it and call `runOnce()`.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import { createKnowledge, type Knowledge } from './engine.ts';
import { createIndexer, type Indexer, type IndexerOptions } from './indexer.ts';

declare module 'fastify' {
  interface FastifyInstance {
    knowledge: Knowledge;
    indexer: Indexer;
  }
}

export const knowledge = fp(
  async (
    app: FastifyInstance,
    options: { config: Config } & Pick<IndexerOptions, 'pollIntervalMs' | 'backoff' | 'maxAttempts'>,
  ) => {
    const engine = await createKnowledge({ config: options.config, db: app.db, log: app.log });
    const indexer = createIndexer({ db: app.db, files: app.store, knowledge: engine, log: app.log, ...options });
    app.decorate('knowledge', engine);
    app.decorate('indexer', indexer);
    app.addHook('onReady', async () => indexer.start());
    app.addHook('onClose', async () => indexer.stop());
  },
  { name: 'knowledge', dependencies: ['database', 'services'] },
);
