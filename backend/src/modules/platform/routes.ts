import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { operatorOf } from '../../plugins/auth.ts';
import { IdParams, iso, isoOrNull, responses } from '../../schemas.ts';
import { SetPlanBody, UsageView } from '../billing/schemas.ts';
import { usageView } from '../billing/views.ts';
import {
  type PlatformTenantView,
  PlatformTenantView as PlatformTenantViewSchema,
  TenantListQuery,
  TenantListView,
} from './schemas.ts';
import { listTenants, type PlatformTenant, setTenantPlan, setTenantStatus, tenantUsageReport } from './service.ts';

const toView = (tenant: PlatformTenant): PlatformTenantView => ({
  ...tenant,
  createdAt: iso(tenant.createdAt),
  planExpiresAt: isoOrNull(tenant.planExpiresAt),
});

export const platformRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/platform/tenants/:id/usage',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'A tenant’s plan and this month’s usage against its limits',
        params: IdParams,
        response: responses({ 200: UsageView }),
      },
    },
    async (request) => usageView(await tenantUsageReport(app.db, operatorOf(request), { tenantId: request.params.id })),
  );

  app.post(
    '/api/platform/tenants/:id/plan',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'Put a tenant on a plan by hand (audited)',
        params: IdParams,
        body: SetPlanBody,
        response: responses({ 200: PlatformTenantViewSchema }),
      },
    },
    async (request) => {
      const tenant = await setTenantPlan(app.db, operatorOf(request), {
        tenantId: request.params.id,
        plan: request.body.plan,
        paidThrough: request.body.paidThrough,
      });
      return toView(tenant);
    },
  );

  app.get(
    '/api/platform/tenants',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: ['platform'],
        summary: 'All tenants, newest first',
        querystring: TenantListQuery,
        response: responses({ 200: TenantListView }),
      },
    },
    async (request) => {
      const { q, status, limit, offset } = request.query;
      const result = await listTenants(app.db, operatorOf(request), {
        search: q,
        status,
        limit,
        offset,
      });
      return { tenants: result.tenants.map(toView), total: result.total };
    },
  );

  for (const [verb, status] of [
    ['suspend', 'suspended'],
    ['reactivate', 'active'],
  ] as const) {
    app.post(
      `/api/platform/tenants/:id/${verb}`,
      {
        config: { access: 'superadmin' },
        schema: {
          tags: ['platform'],
          summary:
            verb === 'suspend'
              ? 'Suspend a tenant: its people are signed out and cannot sign in, its widget stops'
              : 'Reactivate a suspended tenant',
          params: IdParams,
          response: responses({ 200: PlatformTenantViewSchema }),
        },
      },
      async (request) => {
        const tenant = await setTenantStatus(app.db, operatorOf(request), {
          tenantId: request.params.id,
          status,
        });
        return toView(tenant);
      },
    );
  }
};
