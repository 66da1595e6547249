// buildApp: the whole HTTP application as a Fastify instance, without listening. main.ts listens;
// tests call app.inject. Plugins are registered in a fixed order: infrastructure, cross-cutting
// request handling, then the feature modules' routes.
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Plugin } from 'ajv';
import ajvErrors from 'ajv-errors';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { AppError } from './errors.ts';
import { deriveKey, loadAppSecret } from './lib/appSecret.ts';
import { createPublicHttp } from './lib/publicHttp.ts';
import { createGatewayResponder, createOfflineResponder, type Responder } from './modules/ai/responders.ts';
import { analyticsRoutes } from './modules/analytics/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { billingRoutes } from './modules/billing/routes.ts';
import { brandingRoutes } from './modules/branding/routes.ts';
import { type ChatEvents, createChatEvents } from './modules/chat/events.ts';
import { createSharedEvents } from './modules/chat/sharedEvents.ts';
import { type MailDependencies, outbox } from './modules/deliveries/outboxPlugin.ts';
import { deliveryRoutes } from './modules/deliveries/routes.ts';
import { handoffSweep } from './modules/dialogs/handoffSweepPlugin.ts';
import { dialogRoutes } from './modules/dialogs/routes.ts';
import { customDomainHosts } from './modules/domains/hosts.ts';
import { domainRoutes } from './modules/domains/routes.ts';
import { funnelRoutes } from './modules/funnel/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { createAmoApi } from './modules/integrations/amocrm/api.ts';
import { amocrmChannel } from './modules/integrations/amocrm/service.ts';
import type { AmoDeps } from './modules/integrations/amocrm/tokens.ts';
import { integrationRoutes } from './modules/integrations/routes.ts';
import { webhookChannel } from './modules/integrations/webhook.ts';
import { invoiceAttachments } from './modules/invoices/pdf.ts';
import { platformInvoiceRoutes } from './modules/invoices/platformRoutes.ts';
import { invoiceRoutes } from './modules/invoices/routes.ts';
import { knowledge } from './modules/knowledge/plugin.ts';
import { knowledgeRoutes } from './modules/knowledge/routes.ts';
import { landingRoutes } from './modules/landing/routes.ts';
import { leadRoutes } from './modules/leads/routes.ts';
import { payments } from './modules/payments/plugin.ts';
import { paymentRoutes } from './modules/payments/routes.ts';
import type { PdfEngine } from './modules/pdf/pdfEngine.ts';
import { platformRoutes } from './modules/platform/routes.ts';
import { supportRoutes } from './modules/platform/supportRoutes.ts';
import { MAX_IMAGE_BYTES } from './modules/storage/images.ts';
import { fileRoutes } from './modules/storage/routes.ts';
import type { ObjectStore } from './modules/storage/s3Service.ts';
import { teamRoutes } from './modules/team/routes.ts';
import { telegramChannel } from './modules/telegram/channel.ts';
import { createTelegramPoller } from './modules/telegram/poller.ts';
import { telegramRoutes } from './modules/telegram/routes.ts';
import { widgetAdminRoutes } from './modules/widget/adminRoutes.ts';
import { frameRoutes } from './modules/widget/frameRoutes.ts';
import { widgetRoutes } from './modules/widget/routes.ts';
import { auth } from './plugins/auth.ts';
import { database } from './plugins/database.ts';
import { answerFrameworkError, errorHandler } from './plugins/errorHandler.ts';
import { eventStreams } from './plugins/eventStreams.ts';
import { frontend } from './plugins/frontend.ts';
import { openapi } from './plugins/openapi.ts';
import { services } from './plugins/services.ts';
import { textInput } from './plugins/textInput.ts';

export interface AppDependencies {
  config: Config;
  db: Database;
  /** A pino logger; requests are not logged when absent (tests). */
  logger?: FastifyBaseLogger;
  store: ObjectStore;
  pdf: PdfEngine;
  /** Who writes the AI's answers; by default from the configuration (gateway, or offline). */
  responder?: Responder;
  /** Live chat events; in-process by default. */
  events?: ChatEvents;
  /** The built front end to serve; defaults to frontend/dist. */
  frontendDist?: string;
  /** Outgoing mail: transport, attachments and outbox worker settings; by default from the configuration. */
  mail?: MailDependencies;
  /** The app secret (APP_SECRET, or the one kept in DATA_DIR); loaded from the configuration when absent. */
  secret?: Buffer;
  /** How the YooKassa client waits between retries, and how often open payments are polled. */
  payments?: { retryDelayMs?: (attempt: number) => number; pollIntervalMs?: number };
}

/** The gateway when an API key is configured; the offline responder otherwise. */
export const responderFor = (config: Config): Responder =>
  config.llm.apiKey
    ? createGatewayResponder({ baseUrl: config.llm.baseUrl, apiKey: config.llm.apiKey })
    : createOfflineResponder();

export async function buildApp(deps: AppDependencies) {
  const { config } = deps;
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    // The one proxy in front (Caddy) is trusted, not what a client wrote in X-Forwarded-For
    // before it: the address it saw is what rate limits and YooKassa's allowed senders are matched on.
    trustProxy: config.trustProxy ? (_address: string, hop: number) => hop === 0 : false,
    bodyLimit: 1024 * 1024,
    frameworkErrors: answerFrameworkError,
    ajv: {
      // allErrors lets ajv-errors attach each field's own message; bodies are small (bodyLimit).
      // Schemas are closed and nothing is removed: a field the route does not know is refused
      // with 400, so a client's typo or an attacker's `tenantId` is said out loud, not ignored.
      customOptions: { allErrors: true, removeAdditional: false, useDefaults: true, coerceTypes: 'array' },
      // The CommonJS module's `default` is the plugin itself, seen the same way by TypeScript and
      // Node; Fastify types plugins as taking `unknown` options, hence the widening.
      plugins: [ajvErrors.default as Plugin<unknown>],
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const secret = deps.secret ?? (await loadAppSecret(config));
  const telegram = {
    key: deriveKey(secret, 'telegram-tokens'),
    apiUrl: config.telegram.apiUrl,
    publicUrl: config.publicUrl,
  };

  const amocrm: AmoDeps | null = config.amocrm && {
    db: deps.db,
    api: createAmoApi({ accountUrl: config.amocrm.accountUrl }),
    key: deriveKey(secret, 'amocrm-tokens'),
    config: config.amocrm,
    redirectUri: `${config.publicUrl}/api/integrations/amocrm/callback`,
  };
  const webhooks = {
    key: deriveKey(secret, 'webhook-secrets'),
    http: createPublicHttp({ timeoutMs: config.webhooks.timeoutMs, allowPrivate: config.webhooks.allowPrivate }),
  };
  app.addHook('onClose', () => webhooks.http.close());

  await app.register(database, { db: deps.db });
  await app.register(eventStreams);
  await app.register(services, { store: deps.store, pdf: deps.pdf });
  await app.register(outbox, {
    config,
    resolveAttachment: invoiceAttachments({
      db: deps.db,
      store: deps.store,
      pdf: deps.pdf,
      log: app.log,
      signedUrlTtlSeconds: config.signedUrlTtlSeconds,
    }),
    telegram: telegramChannel({ db: deps.db, deps: telegram }),
    amocrm: amocrmChannel(amocrm),
    webhook: webhookChannel({ db: deps.db, ...webhooks }),
    ...deps.mail,
  });
  await app.register(payments, { config, ...deps.payments });
  await app.register(errorHandler);
  await app.register(customDomainHosts, { config });
  await app.register(textInput);
  // YooKassa's checkout widget, on the Billing page only: its script, and the frame it draws.
  const checkout = config.yookassa ? [new URL(config.yookassa.widgetUrl).origin] : [];
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...checkout],
        frameSrc: ["'self'", ...checkout],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Image URLs are absolute (PUBLIC_URL), so the admin opened under another host name still shows them.
        imgSrc: ["'self'", 'data:', 'blob:', new URL(config.publicUrl).origin],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(openapi);
  await app.register(auth, { config });
  await app.register(multipart, { limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 10 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', { headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) } }),
  });

  await app.register(healthRoutes);
  await app.register(authRoutes, { config });
  await app.register(teamRoutes, { config });
  await app.register(platformRoutes);
  await app.register(supportRoutes, { config });
  await app.register(deliveryRoutes, { config });
  await app.register(brandingRoutes, { config });
  await app.register(domainRoutes, { config });
  // Instances on one PostgreSQL share their chat events; the embedded database serves one process.
  const events =
    deps.events ??
    (deps.db.pubsub
      ? await createSharedEvents({ db: deps.db, pubsub: deps.db.pubsub, log: app.log })
      : createChatEvents());
  if (!deps.events) app.addHook('onClose', () => events.close());
  const responder = deps.responder ?? responderFor(config);
  await app.register(knowledge, { config });
  await app.register(widgetRoutes, { config, events, responder });
  await app.register(dialogRoutes, { events });
  await app.register(handoffSweep, { events });
  const updates = { db: deps.db, events, log: app.log };
  const poller = createTelegramPoller({
    db: deps.db,
    deps: telegram,
    updates,
    log: app.log,
    pollTimeoutSeconds: config.telegram.pollTimeoutSeconds,
  });
  app.addHook('onReady', async () => poller.start());
  app.addHook('onClose', () => poller.stop());
  await app.register(telegramRoutes, { deps: telegram, updates, poller });
  await app.register(widgetAdminRoutes, { config });
  await app.register(integrationRoutes, { config, amocrm, webhooks });
  await app.register(funnelRoutes);
  await app.register(leadRoutes, { config });
  await app.register(knowledgeRoutes, { config, responder });
  await app.register(analyticsRoutes);
  await app.register(billingRoutes);
  await app.register(invoiceRoutes, { config });
  await app.register(platformInvoiceRoutes, { config });
  await app.register(paymentRoutes, { config });
  await app.register(frameRoutes, { distDir: deps.frontendDist, publicUrl: config.publicUrl });
  await app.register(fileRoutes);
  await app.register(landingRoutes);
  await app.register(frontend, { distDir: deps.frontendDist });

  return app;
}
