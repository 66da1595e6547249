// What a customer's page loads: the loader script (/widget.js) and, when the visitor opens the
// chat, the frame (/widget/frame), whose CSP names the sites allowed to embed it. On a company's
// own domain (domains/hosts.ts) the frame opens for that company's key only.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { escapeHtml } from '../../lib/html.ts';
import { FRONTEND_DIST } from '../../plugins/frontend.ts';
import { getWidgetSettings } from '../branding/service.ts';
import { servedHostOf } from '../domains/service.ts';
import { tenantFromWidgetKey } from '../tenants/tenantResolver.ts';

const NOT_BUILT = 'The widget is not built yet: run `npm run build` and restart.';

const LOADER_FRESH_SECONDS = 300;
const LOADER_STALE_SECONDS = 600;

/**
 * The pre-compressed encodings a request accepts, brotli first: what `Accept-Encoding` names
 * with a non-zero weight (or `*`).
 */
export function acceptedEncodings(header: string | string[] | undefined): ('br' | 'gzip')[] {
  const weights = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name = '', ...attributes] = part.trim().toLowerCase().split(';');
    const q = attributes.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (name) weights.set(name, q === undefined ? 1 : Number(q));
  }
  const accepts = (name: string) => (weights.get(name) ?? weights.get('*') ?? 0) > 0;
  return (['br', 'gzip'] as const).filter(accepts);
}

/**
 * frame-ancestors for a tenant: its allowed origins with the platform and the company's own
 * domain (where the demo page is), or any site while it has not listed any.
 */
export function frameAncestors(allowedOrigins: string[], publicUrl: string, servedHost: string | null): string {
  if (allowedOrigins.length === 0) return '*';
  const own = servedHost ? [`https://${servedHost}`] : [];
  return ["'self'", new URL(publicUrl).origin, ...own, ...allowedOrigins].join(' ');
}

export const frameRoutes: FastifyPluginAsync<{ distDir?: string; publicUrl: string }> = async (app, options) => {
  const distDir = options.distDir ?? FRONTEND_DIST;
  const read = (file: string) => readFile(path.join(distDir, file), 'utf8').catch(() => null);
  const readBytes = (file: string) => readFile(path.join(distDir, file)).catch(() => null);

  app.get('/widget.js', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const script = await readBytes('widget.js');
    if (!script) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    const etag = `"${createHash('sha256').update(script).digest('base64url').slice(0, 27)}"`;
    reply
      .type('text/javascript; charset=utf-8')
      // Loaded by customers' pages, from any origin.
      .header('cross-origin-resource-policy', 'cross-origin')
      // Every view of every customer's page asks for it: five minutes fresh, then used while a
      // check in the background fetches a newer one, so a release reaches every site within
      // minutes and no visitor waits for it. The ETag makes that check a 304.
      .header(
        'cache-control',
        `public, max-age=${LOADER_FRESH_SECONDS}, stale-while-revalidate=${LOADER_STALE_SECONDS}`,
      )
      .header('etag', etag)
      .header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    for (const encoding of acceptedEncodings(request.headers['accept-encoding'])) {
      const compressed = await readBytes(`widget.js.${encoding === 'br' ? 'br' : 'gz'}`);
      if (compressed) return reply.header('content-encoding', encoding).send(compressed);
    }
    return reply.send(script);
  });

  app.get<{ Querystring: { key?: string } }>(
    '/widget/frame',
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const key = String(request.query.key ?? '');
      const tenant = key ? await tenantFromWidgetKey(app.db, key) : null;
      if (!tenant || (request.servedDomain && request.servedDomain.tenantId !== tenant.id)) {
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send(`<!doctype html><meta charset="utf-8"><p>${escapeHtml('Виджет не найден')}</p>`);
      }
      const html = await read('widget/frame.html');
      if (!html) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
      const { settings, servedHost } = await app.db.withTenant(tenant.id, async (tx) => {
        const settings = await getWidgetSettings(tx, tenant.id);
        return { settings, servedHost: await servedHostOf(tx, tenant.id, settings.plan) };
      });
      const origin = new URL(options.publicUrl).origin;
      reply.removeHeader('x-frame-options');
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header(
          'content-security-policy',
          [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            `img-src 'self' data: blob: ${origin}`,
            "connect-src 'self'",
            "base-uri 'self'",
            "form-action 'self'",
            `frame-ancestors ${frameAncestors(settings.allowedOrigins, options.publicUrl, servedHost)}`,
          ].join('; '),
        )
        .send(html);
    },
  );
};
