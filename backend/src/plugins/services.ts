import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { PdfEngine } from '../modules/pdf/pdfEngine.ts';
import type { ObjectStore } from '../modules/storage/s3Service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    store: ObjectStore;
    pdf: PdfEngine;
  }
}

/** File storage and the PDF engine as `app.store` and `app.pdf`; their owner opens and closes them. */
export const services = fp(
  async (app: FastifyInstance, options: { store: ObjectStore; pdf: PdfEngine }) => {
    app.decorate('store', options.store);
    app.decorate('pdf', options.pdf);
  },
  { name: 'services' },
);
