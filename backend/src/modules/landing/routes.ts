import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { eq } from 'drizzle-orm';
import { tenants } from '../../db/schema.ts';
import { getWidgetSettings } from '../branding/service.ts';
import { DEMO_TENANT_NAME, DEMO_TENANT_SLUG } from '../platform/bootstrap.ts';
import { renderLandingPage } from './page.ts';

export const landingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const served = request.servedDomain;
    if (served) {
      // The company's own domain: its demo page, to see the widget there before the site has it.
      const settings = await app.db.withTenant(served.tenantId, (tx) => getWidgetSettings(tx, served.tenantId));
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(
          renderLandingPage({
            companyName: settings.companyName ?? settings.tenantName,
            widgetKey: settings.widgetKey,
            platform: false,
          }),
        );
    }
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
      .send(
        renderLandingPage({
          companyName: demo?.name ?? DEMO_TENANT_NAME,
          widgetKey: demo?.widgetKey ?? null,
          platform: true,
        }),
      );
  });
};
