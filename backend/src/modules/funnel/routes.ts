// «Воронка»: the owner edits the funnel the widget runs. Each save is a new version; any older
// one can be brought back, as a new version again.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Tx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { memberOf } from '../../plugins/auth.ts';
import { responses } from '../../schemas.ts';
import { getWidgetSettings } from '../branding/service.ts';
import { FunnelInput, FunnelVersionsView, FunnelView, VersionParams } from './apiSchemas.ts';
import { DEFAULT_FUNNEL, funnelOf } from './funnel.ts';
import { assertSavable, funnelOfVersion, funnelVersionView, listFunnelVersions, saveFunnel } from './versions.ts';

async function viewOf(tx: Tx, tenantId: string): Promise<FunnelView> {
  const settings = await getWidgetSettings(tx, tenantId);
  return {
    config: funnelOf(settings),
    version: settings.funnelVersion === null ? null : await funnelVersionView(tx, tenantId, settings.funnelVersion),
    defaults: DEFAULT_FUNNEL,
  };
}

export const funnelRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/funnel',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['funnel'],
        summary: 'The funnel the widget runs, with its version and the default one',
        response: responses({ 200: FunnelView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      return app.db.withTenant(tenantId, (tx) => viewOf(tx, tenantId));
    },
  );

  app.put(
    '/api/funnel',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['funnel'],
        summary: 'Save the funnel as a new version; new sessions start on it at once',
        body: FunnelInput,
        response: responses({ 200: FunnelView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const { config, baseVersion } = request.body;
      assertSavable(config);
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        await saveFunnel(tx, ctx, { config, baseVersion });
        return viewOf(tx, ctx.tenantId);
      });
    },
  );

  app.get(
    '/api/funnel/versions',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['funnel'],
        summary: 'Every saved version of the funnel, newest first',
        response: responses({ 200: FunnelVersionsView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      return { versions: await app.db.withTenant(tenantId, (tx) => listFunnelVersions(tx, tenantId)) };
    },
  );

  app.post(
    '/api/funnel/versions/:number/restore',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['funnel'],
        summary: 'Bring an older version back, saved as the newest',
        params: VersionParams,
        response: responses({ 200: FunnelView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const { number } = request.params;
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        const config = await funnelOfVersion(tx, ctx.tenantId, number);
        if (!config) throw new AppError('FUNNEL_VERSION_NOT_FOUND');
        const current = (await getWidgetSettings(tx, ctx.tenantId)).funnelVersion;
        await saveFunnel(tx, ctx, { config, baseVersion: current, restoredFrom: number });
        return viewOf(tx, ctx.tenantId);
      });
    },
  );
};
