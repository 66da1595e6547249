import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../errors.ts';
import { responses } from '../../schemas.ts';
import { getWidgetSettings } from '../branding/service.ts';
import { tenantFromWidgetKey } from '../tenants/tenantResolver.ts';
import { WidgetConfigQuery, WidgetConfigView } from './schemas.ts';

export const widgetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/widget/config',
    {
      config: { access: 'public' },
      schema: {
        tags: ['widget'],
        summary: 'The widget’s look and texts for a widget key (public)',
        querystring: WidgetConfigQuery,
        response: responses({ 200: WidgetConfigView }),
      },
    },
    async (request, reply) => {
      const tenant = await tenantFromWidgetKey(app.db, request.query.key);
      if (!tenant) throw new AppError('WIDGET_NOT_FOUND');
      const settings = await app.db.withTenant(tenant.id, (tx) => getWidgetSettings(tx, tenant.id));
      const imageUrl = (key: string | null) => (key ? app.store.publicUrl(key) : null);
      // The loader script reads it from the customer's page, on any origin; it holds nothing private.
      reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=60');
      return {
        companyName: settings.companyName ?? settings.tenantName,
        primaryColor: settings.primaryColor,
        accentColor: settings.accentColor,
        welcomeTitle: settings.welcomeTitle,
        welcomeText: settings.welcomeText,
        logoUrl: imageUrl(settings.logoKey),
        bot: { name: settings.botName, greeting: settings.botGreeting, avatarUrl: imageUrl(settings.avatarKey) },
        poweredBy: settings.plan !== 'enterprise',
      };
    },
  );
};
