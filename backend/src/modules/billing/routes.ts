import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { memberOf } from '../../plugins/auth.ts';
import { responses } from '../../schemas.ts';
import { usageReport } from './limitsService.ts';
import { BillingView } from './schemas.ts';
import { catalogueView, usageView } from './views.ts';

export const billingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/billing',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['billing'],
        summary: 'The plan in force, this month’s usage against its limits, and all plans to compare',
        response: responses({ 200: BillingView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      const report = await app.db.withTenant(tenantId, (tx) => usageReport(tx, tenantId));
      return { ...usageView(report), plans: catalogueView() };
    },
  );
};
