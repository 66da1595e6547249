import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { memberOf } from '../../plugins/auth.ts';
import { responses } from '../../schemas.ts';
import { getConversionDashboard } from './dashboard.ts';
import { DashboardQuery, DashboardView } from './schemas.ts';

export const analyticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/dashboard',
    {
      config: { access: 'member' },
      schema: {
        tags: ['dashboard'],
        summary:
          'The conversion dashboard for a period of the company’s days: funnel, leads per day, AI-only and taken-over dialogs, the managers’ first reply',
        querystring: DashboardQuery,
        response: responses({ 200: DashboardView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, (tx) => getConversionDashboard(tx, ctx, request.query));
    },
  );
};
