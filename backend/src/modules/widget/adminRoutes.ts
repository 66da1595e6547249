// The owner's side of the widget: the snippet to paste and the sites allowed to show it (its
// Yandex Metrika goals are set in «Интеграции»).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Config } from '../../config.ts';
import type { Tx } from '../../db/database.ts';
import { memberOf } from '../../plugins/auth.ts';
import { iso, responses } from '../../schemas.ts';
import { firstPlanWith } from '../billing/plans.ts';
import { brandingCustomized, getWidgetSettings, saveWidgetSettings, type WidgetSettings } from '../branding/service.ts';
import { servedHostOf } from '../domains/service.ts';
import { enabledSteps, funnelOf } from '../funnel/funnel.ts';
import { stepLabel } from '../funnel/rules.ts';
import type { FunnelConfig } from '../funnel/schemas.ts';
import { WidgetSettingsInput, WidgetSettingsView } from './settingsSchemas.ts';

const stepsOf = (funnel: FunnelConfig) => enabledSteps(funnel).map((id) => ({ id, label: stepLabel(funnel, id) }));

export const widgetSnippet = (publicUrl: string, widgetKey: string) =>
  `<script src="${publicUrl}/widget.js" data-key="${widgetKey}" async></script>`;

export const widgetAdminRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const unlockedBy = firstPlanWith('customDomain').name;
  const settingsWithHost = async (tx: Tx, tenantId: string) => {
    const settings = await getWidgetSettings(tx, tenantId);
    return { settings, host: await servedHostOf(tx, tenantId, settings.plan) };
  };

  const view = ({ settings, host }: { settings: WidgetSettings; host: string | null }): WidgetSettingsView => ({
    widgetKey: settings.widgetKey,
    // Once the company's domain serves the widget, the snippet loads it from there.
    snippet: widgetSnippet(host ? `https://${host}` : config.publicUrl, settings.widgetKey),
    allowedOrigins: settings.allowedOrigins,
    steps: stepsOf(funnelOf(settings)),
    seen: settings.widgetSeen && { origin: settings.widgetSeen.origin, at: iso(settings.widgetSeen.at) },
    brandingCustomized: brandingCustomized(settings),
    customDomain: { available: settings.plan.features.customDomain, unlockedBy, host },
  });

  app.get(
    '/api/widget/settings',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['widget'],
        summary: 'The widget snippet and the sites allowed to show it',
        response: responses({ 200: WidgetSettingsView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      return view(await app.db.withTenant(tenantId, (tx) => settingsWithHost(tx, tenantId)));
    },
  );

  app.put(
    '/api/widget/settings',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['widget'],
        summary: 'Save the sites allowed to show the widget',
        body: WidgetSettingsInput,
        response: responses({ 200: WidgetSettingsView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const settings = await app.db.withTenant(ctx.tenantId, async (tx) => {
        await saveWidgetSettings(tx, ctx, request.body);
        return settingsWithHost(tx, ctx.tenantId);
      });
      return view(settings);
    },
  );
};
