import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { tenants } from '../../db/schema.ts';
import { DEMO_TENANT_NAME, DEMO_TENANT_SLUG } from '../platform/bootstrap.ts';
import { renderLandingPage } from './page.ts';

export const landingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const [demo] = await app.db.withIdentity((tx) =>
      tx
        .select({ name: tenants.name, widgetKey: tenants.widgetKey })
        .from(tenants)
        .where(eq(tenants.slug, DEMO_TENANT_SLUG))
        .limit(1),
    );
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(renderLandingPage({ companyName: demo?.name ?? DEMO_TENANT_NAME, widgetKey: demo?.widgetKey ?? null }));
  });
};
