// «Интеграции» (owner only): the overview of every channel, amoCRM (OAuth connection, the
// account's fields, the mapping, a test lead), the webhook (URL, secret shown once, a signed test
// POST) and Yandex Metrika's counter and goals. amoCRM and the webhook need a plan with
// integrations; the server refuses them otherwise, naming the plan that has them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import type { TenantContext } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import {
  amocrmConnections,
  type DeliveryChannel,
  deliveries,
  telegramBots,
  tenants,
  webhookEndpoints,
} from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { assertPublicUrl, type PublicHttp, UnsafeUrlError } from '../../lib/publicHttp.ts';
import { unseal } from '../../lib/sealed.ts';
import { memberOf } from '../../plugins/auth.ts';
import { iso, isoOrNull, NoContent, responses } from '../../schemas.ts';
import { tenantPlan } from '../billing/limitsService.ts';
import { firstPlanWith } from '../billing/plans.ts';
import { getWidgetSettings, saveMetrika } from '../branding/service.ts';
import { DeliveryError } from '../deliveries/outbox.ts';
import { enabledSteps, funnelOf } from '../funnel/funnel.ts';
import { stepLabel } from '../funnel/rules.ts';
import { DEFAULT_GOALS } from '../widget/metrika.ts';
import {
  accountOf,
  accountUrlOf,
  asAppError,
  authorizeUrl,
  connect,
  connectionOf,
  DEFAULT_AMO_SETTINGS,
  disconnect,
  oauthState,
  sendLead,
  settingsProblems,
  stateHolds,
  subdomainOf,
} from './amocrm/service.ts';
import type { AmoDeps } from './amocrm/tokens.ts';
import { type LeadSnapshot, mappingSources } from './leadSnapshot.ts';
import { metrikaCheckPage } from './metrikaCheck.ts';
import {
  AmoAccountView,
  AmoAuthorizeView,
  AmoCallbackQuery,
  AmoIntegrationView,
  AmoSettingsInput as AmoSettingsBody,
  type AmoSettingsInput,
  IntegrationsOverview,
  IntegrationTestView,
  MetrikaInput,
  MetrikaView,
  WebhookInput,
  WebhookSecretView,
  WebhookView,
} from './schemas.ts';
import { endpointOf, postSigned, saveEndpoint, type WebhookPayload, webhookBody } from './webhook.ts';

const TEST_GOAL = 'aimax_test';
const SAMPLE_TIME = new Date('2026-03-02T09:30:00.000Z');

/** A made-up lead: the sample payload, and what «Проверить» sends. */
function sampleLead(publicUrl: string): LeadSnapshot {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    sessionId: '00000000-0000-4000-8000-000000000002',
    createdAt: SAMPLE_TIME.toISOString(),
    name: 'Тестовая заявка AI Max',
    phone: '+79990000000',
    answers: [
      { stepId: 'objectType', question: 'Тип объекта', answer: 'Квартира в новостройке', value: 'new_flat' },
      { stepId: 'area', question: 'Площадь', answer: '54 м²', value: 54 },
      { stepId: 'repairType', question: 'Тип ремонта', answer: 'Капитальный', value: 'capital' },
    ],
    estimate: { total: 540_000, min: 486_000, max: 594_000, text: '486 000 – 594 000 ₽' },
    utm: { source: 'yandex', campaign: 'remont' },
    pageUrl: 'https://remont.example/',
    dialogUrl: `${publicUrl}/admin/dialogs/00000000-0000-4000-8000-000000000002`,
    funnelVersion: 1,
  };
}

export const integrationRoutes: FastifyPluginAsyncTypebox<{
  config: Config;
  amocrm: AmoDeps | null;
  webhooks: { key: Buffer; http: PublicHttp };
}> = async (app, { config, amocrm, webhooks }) => {
  const unlockedBy = firstPlanWith('integrations');
  const redirectUri = `${config.publicUrl}/api/integrations/amocrm/callback`;

  async function requirePlan(tenantId: string): Promise<void> {
    const { plan } = await app.db.withTenant(tenantId, (tx) => tenantPlan(tx, tenantId));
    if (plan.features.integrations) return;
    throw new AppError('PLAN_FEATURE_REQUIRED', {
      message: `amoCRM и webhook доступны на тарифе «${unlockedBy.name}» и выше. Сменить тариф можно в разделе «Тариф»`,
    });
  }

  const requireAmo = (): AmoDeps => {
    if (!amocrm) throw new AppError('AMOCRM_NOT_CONFIGURED');
    return amocrm;
  };

  async function lastDelivery(tx: Tx, tenantId: string, channel: DeliveryChannel) {
    const [row] = await tx
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.tenantId, tenantId), eq(deliveries.channel, channel)))
      .orderBy(desc(deliveries.createdAt))
      .limit(1);
    return row
      ? {
          id: row.id,
          status: row.status,
          createdAt: iso(row.createdAt),
          sentAt: isoOrNull(row.sentAt),
          attempts: row.attempts,
          lastError: row.lastError,
          nextAttemptAt: iso(row.nextAttemptAt),
        }
      : null;
  }

  app.get(
    '/api/integrations',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Every integration: connected or not, and its last delivery',
        response: responses({ 200: IntegrationsOverview }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      return app.db.withTenant(tenantId, async (tx) => {
        const { plan } = await tenantPlan(tx, tenantId);
        const [bot] = await tx
          .select({ id: telegramBots.tenantId })
          .from(telegramBots)
          .where(eq(telegramBots.tenantId, tenantId));
        const settings = await getWidgetSettings(tx, tenantId);
        return {
          available: plan.features.integrations,
          unlockedBy: { id: unlockedBy.id, name: unlockedBy.name },
          channels: {
            telegram: { connected: Boolean(bot), lastDelivery: await lastDelivery(tx, tenantId, 'telegram') },
            amocrm: {
              connected: (await connectionOf(tx, tenantId)) !== null,
              lastDelivery: await lastDelivery(tx, tenantId, 'amocrm'),
            },
            webhook: {
              connected: (await endpointOf(tx, tenantId)) !== null,
              lastDelivery: await lastDelivery(tx, tenantId, 'webhook'),
            },
          },
          metrika: { connected: Boolean(settings.metrika.counterId) },
        };
      });
    },
  );

  // amoCRM ---------------------------------------------------------------------------------------

  async function amoView(tx: Tx, tenantId: string): Promise<AmoIntegrationView> {
    const row = await connectionOf(tx, tenantId);
    return {
      configured: amocrm !== null,
      redirectUri,
      connection: row && {
        subdomain: row.subdomain,
        accountUrl: amocrm ? accountUrlOf(amocrm, row.subdomain) : `https://${row.subdomain}.amocrm.ru`,
        status: row.status,
        problem: row.problem,
        connectedAt: iso(row.createdAt),
        settings: { ...DEFAULT_AMO_SETTINGS, ...(row.settings as Partial<AmoSettingsInput>) },
      },
    };
  }

  app.get(
    '/api/integrations/amocrm',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'The company’s amoCRM account (never its tokens) and where its leads go',
        response: responses({ 200: AmoIntegrationView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      await requirePlan(tenantId);
      return app.db.withTenant(tenantId, (tx) => amoView(tx, tenantId));
    },
  );

  app.post(
    '/api/integrations/amocrm/authorize',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'amoCRM’s consent page for this session (OAuth 2.0 authorization code, with a signed state)',
        response: responses({ 200: AmoAuthorizeView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      await requirePlan(ctx.tenantId);
      const deps = requireAmo();
      return { url: authorizeUrl(deps, oauthState(deps.key, ctx)) };
    },
  );

  app.get(
    '/api/integrations/amocrm/callback',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Where amoCRM returns the owner’s browser: exchanges the code, then back to «Интеграции»',
        querystring: AmoCallbackQuery,
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      // The browser follows the Location; the body says the same to a program that does not.
      const back = (outcome: { connected: true } | { reason: string }) => {
        const location =
          'connected' in outcome
            ? '/admin/integrations?amocrm=connected'
            : `/admin/integrations?amocrm=error&reason=${encodeURIComponent(outcome.reason)}`;
        return reply.code(302).header('location', location).send({ location });
      };
      const { code, state, referer, error } = request.query;
      if (error) return back({ reason: 'Доступ в amoCRM не предоставлен' });
      const deps = amocrm;
      if (!deps) return back({ reason: 'Интеграция с amoCRM не настроена на платформе' });
      if (!state || !stateHolds(deps.key, ctx, state)) {
        return back({
          reason: 'Ссылка подключения устарела или открыта в другом сеансе. Нажмите «Подключить amoCRM» ещё раз',
        });
      }
      const subdomain = referer ? subdomainOf(deps, referer) : null;
      if (!code || !subdomain) return back({ reason: 'amoCRM вернула неполный ответ. Подключите amoCRM ещё раз' });
      const { plan } = await app.db.withTenant(ctx.tenantId, (tx) => tenantPlan(tx, ctx.tenantId));
      if (!plan.features.integrations) return back({ reason: `amoCRM доступна на тарифе «${unlockedBy.name}» и выше` });
      try {
        await connect(deps, ctx, subdomain, code);
      } catch (failure) {
        request.log.warn({ err: failure, subdomain }, 'amoCRM code exchange failed');
        return back({ reason: 'amoCRM не выдала доступ: код подключения не принят. Попробуйте ещё раз' });
      }
      app.outbox.kick();
      return back({ connected: true });
    },
  );

  app.get(
    '/api/integrations/amocrm/account',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'The account’s pipelines, lead and contact fields and users, live, and what can fill them',
        response: responses({ 200: AmoAccountView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      await requirePlan(tenantId);
      const deps = requireAmo();
      const account = await asAppError(() => accountOf(deps, tenantId, { fresh: true }));
      const funnel = await app.db.withTenant(tenantId, async (tx) => funnelOf(await getWidgetSettings(tx, tenantId)));
      const { fields: _fields, ...view } = account;
      return { ...view, sources: mappingSources(funnel) };
    },
  );

  app.put(
    '/api/integrations/amocrm/settings',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Where new leads go in amoCRM, who is responsible, the tags and the field mapping',
        body: AmoSettingsBody,
        response: responses({ 200: AmoIntegrationView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      await requirePlan(tenantId);
      const deps = requireAmo();
      const account = await asAppError(() => accountOf(deps, tenantId));
      const funnel = await app.db.withTenant(tenantId, async (tx) => funnelOf(await getWidgetSettings(tx, tenantId)));
      const sources = new Set(mappingSources(funnel).map((each) => each.source));
      const { pipelineId, statusId, responsibleUserId, tags, attachExistingContact, mapping } = request.body;
      const settings: AmoSettingsInput = {
        pipelineId,
        statusId,
        responsibleUserId,
        tags: tags.map((tag) => tag.trim()),
        attachExistingContact,
        mapping,
      };
      const problems = settingsProblems(settings, account, sources);
      if (Object.keys(problems).length > 0) throw new AppError('AMOCRM_SETTINGS_INVALID', { fields: problems });
      return app.db.withTenant(tenantId, async (tx) => {
        const updated = await tx
          .update(amocrmConnections)
          .set({ settings, updatedAt: sql`now()` })
          .where(eq(amocrmConnections.tenantId, tenantId))
          .returning({ tenantId: amocrmConnections.tenantId });
        if (updated.length === 0) throw new AppError('AMOCRM_NOT_CONNECTED');
        return amoView(tx, tenantId);
      });
    },
  );

  app.post(
    '/api/integrations/amocrm/test',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Creates a test lead in amoCRM now, with the current mapping, and says how it went',
        response: responses({ 200: IntegrationTestView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      await requirePlan(tenantId);
      const deps = requireAmo();
      try {
        const id = await sendLead(deps, tenantId, sampleLead(config.publicUrl), crypto.randomUUID(), false);
        return { ok: true, message: `Тестовая сделка создана в amoCRM (№ ${id})`, externalId: id };
      } catch (error) {
        if (error instanceof DeliveryError) return { ok: false, message: error.message, externalId: null };
        return asAppError(() => Promise.reject(error));
      }
    },
  );

  app.delete(
    '/api/integrations/amocrm',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Disconnects amoCRM: our tokens are forgotten; leads no longer go there',
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      await app.db.withTenant(ctx.tenantId, (tx) => disconnect(tx, ctx));
      return reply.code(204).send(null);
    },
  );

  // Webhook --------------------------------------------------------------------------------------

  async function webhookView(tx: Tx, tenantId: string): Promise<WebhookView> {
    const endpoint = await endpointOf(tx, tenantId);
    const [company] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
    const payload: WebhookPayload = {
      event: 'lead.created',
      company: { id: tenantId, name: company?.name ?? '' },
      lead: sampleLead(config.publicUrl),
    };
    const sample = JSON.parse(
      webhookBody({ id: '00000000-0000-4000-8000-00000000000d', createdAt: SAMPLE_TIME }, payload),
    ) as Record<string, unknown>;
    return {
      endpoint: endpoint && {
        url: endpoint.url,
        secretHint: endpoint.secretHint,
        createdAt: iso(endpoint.createdAt),
        updatedAt: iso(endpoint.updatedAt),
      },
      sample,
    };
  }

  async function checkedUrl(url: string): Promise<string> {
    try {
      return (await assertPublicUrl(url.trim(), { allowPrivate: config.webhooks.allowPrivate })).toString();
    } catch (error) {
      if (!(error instanceof UnsafeUrlError)) throw error;
      throw new AppError('WEBHOOK_URL_REFUSED', { message: error.message, fields: { url: error.message } });
    }
  }

  app.get(
    '/api/integrations/webhook',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'The company’s webhook (never its secret) and a sample of what it receives',
        response: responses({ 200: WebhookView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      await requirePlan(tenantId);
      return app.db.withTenant(tenantId, (tx) => webhookView(tx, tenantId));
    },
  );

  app.put(
    '/api/integrations/webhook',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Sets the webhook URL (a public http(s) address); a new webhook’s secret is returned this once',
        body: WebhookInput,
        response: responses({ 200: WebhookSecretView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      await requirePlan(tenantId);
      const url = await checkedUrl(request.body.url);
      return app.db.withTenant(tenantId, async (tx) => {
        const secret = await saveEndpoint(tx, webhooks.key, tenantId, { url });
        return { ...(await webhookView(tx, tenantId)), secret };
      });
    },
  );

  app.post(
    '/api/integrations/webhook/secret',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Replaces the webhook’s secret; the new one is returned this once',
        response: responses({ 200: WebhookSecretView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      await requirePlan(tenantId);
      return app.db.withTenant(tenantId, async (tx) => {
        if (!(await endpointOf(tx, tenantId))) throw new AppError('WEBHOOK_NOT_FOUND');
        const secret = await saveEndpoint(tx, webhooks.key, tenantId, { rotate: true });
        return { ...(await webhookView(tx, tenantId)), secret };
      });
    },
  );

  app.post(
    '/api/integrations/webhook/test',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'POSTs a signed test lead (event lead.test) to the webhook now, and says what it answered',
        response: responses({ 200: IntegrationTestView }),
      },
    },
    async (request) => {
      const { tenantId } = memberOf(request);
      await requirePlan(tenantId);
      const { endpoint, company } = await app.db.withTenant(tenantId, async (tx) => ({
        endpoint: await endpointOf(tx, tenantId),
        company: (await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId)))[0],
      }));
      if (!endpoint) throw new AppError('WEBHOOK_NOT_FOUND');
      const id = crypto.randomUUID();
      const payload: WebhookPayload = {
        event: 'lead.test',
        company: { id: tenantId, name: company?.name ?? '' },
        lead: sampleLead(config.publicUrl),
      };
      try {
        const { response } = await postSigned(webhooks.http, {
          url: endpoint.url,
          secret: unseal(webhooks.key, endpoint.secretSealed),
          deliveryId: id,
          event: 'lead.test',
          body: webhookBody({ id, createdAt: new Date() }, payload),
        });
        return { ok: true, message: `Получатель принял тестовую заявку (${response})`, externalId: null };
      } catch (error) {
        if (!(error instanceof DeliveryError)) throw error;
        return {
          ok: false,
          message: error.response ? `${error.message}. Ответ: ${error.response}` : error.message,
          externalId: null,
        };
      }
    },
  );

  app.delete(
    '/api/integrations/webhook',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Removes the webhook: leads are no longer posted',
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const { tenantId } = memberOf(request);
      await app.db.withTenant(tenantId, (tx) =>
        tx.delete(webhookEndpoints).where(eq(webhookEndpoints.tenantId, tenantId)),
      );
      return reply.code(204).send(null);
    },
  );

  // Yandex Metrika -------------------------------------------------------------------------------

  async function metrikaView(tx: Tx, ctx: TenantContext): Promise<MetrikaView> {
    const settings = await getWidgetSettings(tx, ctx.tenantId);
    const funnel = funnelOf(settings);
    const goals = { ...DEFAULT_GOALS, ...(settings.metrika.goals ?? {}) };
    const steps = enabledSteps(funnel).map((id) => ({ id, label: stepLabel(funnel, id) }));
    const counterId = settings.metrika.counterId ?? '';
    return {
      counterId,
      goals,
      goalList: [
        { identifier: goals.opened, description: 'Посетитель открыл чат' },
        ...steps.map((step) => ({
          identifier: goals.step.replaceAll('{step}', step.id),
          description: `Ответ на вопрос «${step.label}»`,
        })),
        { identifier: goals.contacts, description: 'Посетитель оставил контакты: новая заявка' },
        { identifier: goals.estimate, description: 'Посетитель скачал смету в PDF' },
        { identifier: TEST_GOAL, description: 'Проверка из «Интеграций»' },
      ],
      testUrl: counterId ? `${config.publicUrl}/metrika-check` : null,
      testGoal: TEST_GOAL,
      steps,
    };
  }

  app.get(
    '/api/integrations/metrika',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'The Yandex Metrika counter, the goal names the widget reaches and the goals to create',
        response: responses({ 200: MetrikaView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, (tx) => metrikaView(tx, ctx));
    },
  );

  app.get('/metrika-check', { config: { access: 'owner' }, schema: { hide: true } }, async (request, reply) => {
    const { tenantId } = memberOf(request);
    const settings = await app.db.withTenant(tenantId, (tx) => getWidgetSettings(tx, tenantId));
    if (!settings.metrika.counterId) return reply.redirect('/admin/integrations#metrika');
    const { html, csp } = metrikaCheckPage({
      companyName: settings.companyName ?? settings.tenantName,
      widgetKey: settings.widgetKey,
      counterId: settings.metrika.counterId,
      goal: TEST_GOAL,
    });
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', csp)
      .send(html);
  });

  app.put(
    '/api/integrations/metrika',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['integrations'],
        summary: 'Saves the Metrika counter and goal names (an empty counter turns goals off)',
        body: MetrikaInput,
        response: responses({ 200: MetrikaView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        await saveMetrika(tx, ctx, request.body);
        return metrikaView(tx, ctx);
      });
    },
  );
};
