import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, type ErrorCode } from '../../errors.ts';
import { contentDisposition, safeFileName } from '../../lib/contentDisposition.ts';
import { escapeHtml } from '../../lib/html.ts';
import { findPublicFile } from './files.ts';
import { type DiskStore, isValidKey } from './s3Service.ts';

const FileParams = Type.Object({ '*': Type.String({ maxLength: 300 }) }, { additionalProperties: false });

// Any malformed link gets the same page as a tampered one, so the fields are only bounded here.
const SignedLinkQuery = Type.Object(
  {
    expires: Type.Optional(Type.String({ maxLength: 20 })),
    signature: Type.Optional(Type.String({ maxLength: 100 })),
    name: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** People open these links in a browser tab: they get a page, programs get the JSON error. */
function refuseLink(request: FastifyRequest, reply: FastifyReply, code: ErrorCode): FastifyReply {
  const error = new AppError(code);
  if (!request.headers.accept?.includes('text/html')) return reply.code(error.status).send(error.toBody());
  return reply
    .code(error.status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="ru"><meta charset="utf-8"><title>${escapeHtml(error.message)}</title>` +
        `<body style="font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;color:#374151">` +
        `<p style="font-size:18px">${escapeHtml(error.message)}</p></body></html>`,
    );
}

/** Files served by the app: public assets for every driver, signed private files for the disk driver. */
export const fileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/files/public/*',
    { config: { access: 'public' }, schema: { hide: true, params: FileParams } },
    async (request, reply) => {
      const key = request.params['*'];
      const tenantId = key.split('/')[1] ?? '';
      if (!isValidKey(key) || !UUID.test(tenantId)) throw new AppError('NOT_FOUND');
      // Only what is recorded as public is served here, whatever else the store holds.
      const file = await app.db.withTenant(tenantId, (tx) => findPublicFile(tx, { tenantId, key }));
      const object = file ? await app.store.get(key) : null;
      if (!file || !object) throw new AppError('NOT_FOUND');
      return (
        reply
          .type(file.contentType)
          .header('content-length', object.size)
          // Keys are never reused: a replaced logo gets a new key, so caching forever is safe.
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('cross-origin-resource-policy', 'cross-origin')
          .send(object.body)
      );
    },
  );

  const store = app.store;
  if (store.driver !== 'disk') return;
  const disk = store as DiskStore;

  app.get(
    '/files/private/*',
    { config: { access: 'public' }, schema: { hide: true, params: FileParams, querystring: SignedLinkQuery } },
    async (request, reply) => {
      const key = request.params['*'];
      const { expires = '', signature = '', name = '' } = request.query;
      const check = disk.verifySignedUrl({ key, expires, signature, name });
      if (check === 'invalid') return refuseLink(request, reply, 'LINK_INVALID');
      if (check === 'expired') return refuseLink(request, reply, 'LINK_EXPIRED');
      const object = await disk.get(key);
      if (!object) return refuseLink(request, reply, 'NOT_FOUND');
      const fileName = key.split('/').pop() ?? 'file';
      const extension = path.extname(fileName).slice(1);
      return (
        reply
          .type(object.contentType)
          .header('content-length', object.size)
          .header('cache-control', 'private, no-store')
          // The type is the stored object's; the name is made to agree with it.
          .header('content-disposition', contentDisposition(safeFileName(name || fileName, extension), 'inline'))
          .send(object.body)
      );
    },
  );
};
