// Serves the built front end (frontend/dist): the admin SPA under /admin, with every unknown
// /admin/* path answered by the SPA's index.html so client-side routes survive a reload.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';

// backend/src/plugins and backend/dist/plugins are at the same depth below the repository.
export const FRONTEND_DIST = fileURLToPath(new URL('../../../frontend/dist', import.meta.url));

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>AI Max</title>
<p style="font-family:sans-serif">The admin panel is not built yet: run <code>npm run build</code> and restart.</p>`;

export const frontend = fp(
  async (app: FastifyInstance, options: { distDir?: string }) => {
    const distDir = options.distDir ?? FRONTEND_DIST;
    const built = existsSync(`${distDir}/admin/index.html`);
    if (built) {
      await app.register(fastifyStatic, {
        root: distDir,
        prefix: '/',
        // Files are looked up per request, so a rebuilt front end is served without a restart.
        wildcard: true,
        // The frame's page is served only by its route, with its CSP and the widget key checked.
        allowedPath: (pathName) => !pathName.startsWith('/widget/'),
        index: ['index.html'],
        // The build writes .br and .gz beside each text file: the smallest one accepted is sent,
        // with Content-Encoding and Vary: Accept-Encoding, and nothing is compressed per request.
        preCompressed: true,
        // Hashed asset names never change content; the HTML that names them must be revalidated.
        setHeaders: (reply, filePath) => {
          reply.header(
            'cache-control',
            filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      });
    }

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      if (path.startsWith('/api/') || path === '/api') throw new AppError('ROUTE_NOT_FOUND');
      if (
        (request.method === 'GET' || request.method === 'HEAD') &&
        (path === '/admin' || path.startsWith('/admin/'))
      ) {
        if (!built) return reply.code(503).type('text/html').send(NOT_BUILT);
        return reply.header('cache-control', 'no-cache').sendFile('admin/index.html');
      }
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>404</title><p>Страница не найдена</p>');
    });
  },
  { name: 'frontend' },
);
