// The widget's public API, resolved by widget key: its config, a visitor's session (start or
// resume), funnel answers, free messages answered by the AI, the event stream those arrive on,
// and the estimate PDF. Rate-limited per IP and per widget key.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import slugify from '@sindresorhus/slugify';
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { Config } from '../../config.ts';
import type { Tx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { webUrlOrNull } from '../../lib/webUrl.ts';
import { iso, NoContent, responses, SignedLinkView } from '../../schemas.ts';
import { aiAllowed, currentQuestion, limitedReply } from '../ai/limits.ts';
import { answerVisitor, type ReplyDeps, replyContext } from '../ai/replies.ts';
import { recordFunnelStages } from '../analytics/funnelEvents.ts';
import { consume, record } from '../billing/limitsService.ts';
import { getWidgetSettings, type WidgetSettings } from '../branding/service.ts';
import type { ChatEvent, ChatEvents } from '../chat/events.ts';
import type { MessageView } from '../chat/schemas.ts';
import { appendMessages, createSession, findSession, listMessages, type NewMessage } from '../chat/service.ts';
import { asksForPerson } from '../dialogs/handoff.ts';
import { requestOperator } from '../dialogs/handoffTimeouts.ts';
import { changeDialogState, dialogStatus } from '../dialogs/state.ts';
import { isServedOrigin } from '../domains/hosts.ts';
import { funnelOf, nextStep } from '../funnel/funnel.ts';
import type { Answers } from '../funnel/schemas.ts';
import { progressOf, questionMessage, submitAnswer } from '../funnel/service.ts';
import { funnelOfSession } from '../funnel/versions.ts';
import { recordMatch, replyKnowledge, retrievalSettings, retrieve } from '../knowledge/retrieve.ts';
import { findLead, leadEstimatePdf } from '../leads/service.ts';
import { queueHandoffAlerts, queueNewDialogAlerts } from '../telegram/alerts.ts';
import { recordWidgetSeen } from '../tenants/service.ts';
import { cachedWidgetKeys, type ResolvedTenant } from '../tenants/tenantResolver.ts';
import { metrikaOf } from './metrika.ts';
import {
  AnswerBody,
  AnswerView,
  EventsQuery,
  MessageBody,
  SessionParams,
  SessionView,
  StartSessionBody,
  VisitorDialogView,
  WidgetConfigQuery,
  WidgetConfigView,
} from './schemas.ts';
import { streamSessionEvents } from './sse.ts';

/**
 * «Работает на AI Max» leads to the platform's page for companies (POWERED_BY_URL), tagged so the
 * platform sees which company's visitors came: utm_campaign is the company's slug, or its name
 * transliterated (campaign names need not be unique).
 */
function badgeUrl(base: string, campaign: string): string {
  const url = new URL(base);
  url.searchParams.set('utm_source', 'widget');
  url.searchParams.set('utm_medium', 'badge');
  url.searchParams.set('utm_campaign', campaign || 'company');
  return url.href;
}

export interface WidgetRoutesOptions {
  config: Config;
  events: ChatEvents;
  responder: ReplyDeps['responder'];
}

const keyFrom = (request: FastifyRequest) => String(request.headers['x-widget-key'] ?? '');
const tokenFrom = (request: FastifyRequest) =>
  /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ''))?.[1] ?? '';

export const widgetRoutes: FastifyPluginAsyncTypebox<WidgetRoutesOptions> = async (app, options) => {
  const { config, events } = options;
  const replyDeps: ReplyDeps = { db: app.db, events, responder: options.responder, llm: config.llm, log: app.log };
  const pdfDeps = {
    db: app.db,
    store: app.store,
    pdf: app.pdf,
    log: app.log,
    signedUrlTtlSeconds: config.signedUrlTtlSeconds,
  };

  // Replies still being written when the app stops are let finish (each has a deadline).
  const pending = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled(pending);
  });

  const limited = (max: number, scope: string, keyOf: (request: FastifyRequest) => string) =>
    app.rateLimit({ max, timeWindow: 60_000, keyGenerator: (request) => `${scope}:${keyOf(request)}` });
  const perIp = (max: number, scope: string) => limited(max, `${scope}:ip`, (request) => request.ip);
  const perKey = (max: number, scope: string) =>
    limited(
      max,
      `${scope}:key`,
      (request) => keyFrom(request) || String((request.query as { key?: string }).key ?? ''),
    );

  // Every widget call names its key; ten seconds of memory spare the database most lookups.
  const widgetKeys = cachedWidgetKeys(app.db, { ttlMs: 10_000 });
  /** The key's company; on a company's own domain, that company's key only. */
  async function tenantOf(request: FastifyRequest, key: string): Promise<ResolvedTenant> {
    const tenant = key ? await widgetKeys(key) : null;
    if (!tenant || (request.servedDomain && request.servedDomain.tenantId !== tenant.id)) {
      throw new AppError('WIDGET_NOT_FOUND');
    }
    return tenant;
  }

  /** The managers' Telegram alert of a visitor asking for a person, in the request's transaction. */
  const alertHandoff = (tx: Tx, tenantId: string, sessionId: string) =>
    queueHandoffAlerts(tx, { tenantId, sessionId, publicUrl: config.publicUrl });
  const settingsOf = (tenantId: string) => app.db.withTenant(tenantId, (tx) => getWidgetSettings(tx, tenantId));
  // What the AI is told about a company, remembered for a few seconds: a conversation's messages
  // come in bursts, and a changed bot name may reach the replies a moment late.
  const recentSettings = new LRUCache<string, WidgetSettings>({ max: 10_000, ttl: 5_000 });
  const replySettingsOf = async (tenantId: string) => {
    const known = recentSettings.get(tenantId);
    if (known) return known;
    const settings = await settingsOf(tenantId);
    recentSettings.set(tenantId, settings);
    return settings;
  };

  // The widget loaded on a company's own site (the loader asks for its config from there, with
  // the page's Origin) proves it is installed. Each site is noted at most every ten minutes per
  // instance, and written at most hourly, so a busy landing page costs no write per view.
  const publicOrigin = new URL(config.publicUrl).origin;
  const notedSites = new LRUCache<string, true>({ max: 10_000, ttl: 10 * 60_000 });
  async function noteSite(tenantId: string, origin: string) {
    const site = webUrlOrNull(origin);
    if (!site) return;
    const siteOrigin = new URL(site).origin;
    const key = `${tenantId} ${siteOrigin}`;
    if (siteOrigin === publicOrigin || notedSites.has(key)) return;
    notedSites.set(key, true);
    // A note that cannot be written must not keep the widget from showing.
    await app.db
      .withTenant(tenantId, (tx) => recordWidgetSeen(tx, { tenantId, origin: siteOrigin }))
      .catch((error: unknown) => app.log.error({ err: error, tenantId }, 'could not note where the widget runs'));
  }

  app.get(
    '/api/widget/config',
    {
      config: { access: 'public' },
      onRequest: [perIp(120, 'config')],
      schema: {
        tags: ['widget'],
        summary: 'The widget’s look and texts for a widget key (public)',
        querystring: WidgetConfigQuery,
        response: responses({ 200: WidgetConfigView }),
      },
    },
    async (request, reply) => {
      const tenant = await tenantOf(request, request.query.key);
      const settings = await settingsOf(tenant.id);
      const imageUrl = (key: string | null) => (key ? app.store.publicUrl(key) : null);
      // The loader reads this from the customer's page. A company that listed its sites lets only
      // those read it (and show the widget); one that listed none lets any site.
      const origin = request.headers.origin;
      const allowed =
        settings.allowedOrigins.length === 0 ||
        Boolean(origin && settings.allowedOrigins.includes(origin.toLowerCase())) ||
        isServedOrigin(request, origin);
      if (settings.allowedOrigins.length === 0) reply.header('access-control-allow-origin', '*');
      else if (allowed && origin) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      if (allowed && origin) await noteSite(tenant.id, origin);
      reply.header('cache-control', 'public, max-age=60');
      return {
        companyName: settings.companyName ?? settings.tenantName,
        primaryColor: settings.primaryColor,
        accentColor: settings.accentColor,
        welcomeTitle: settings.welcomeTitle,
        welcomeText: settings.welcomeText,
        logoUrl: imageUrl(settings.logoKey),
        bot: { name: settings.botName, greeting: settings.botGreeting, avatarUrl: imageUrl(settings.avatarKey) },
        poweredBy: !settings.plan.features.whiteLabel,
        poweredByUrl: badgeUrl(config.poweredByUrl, settings.tenantSlug ?? slugify(settings.tenantName)),
        metrika: metrikaOf(settings.metrika),
      };
    },
  );

  app.post(
    '/api/widget/sessions',
    {
      config: { access: 'public' },
      onRequest: [perIp(30, 'start'), perKey(600, 'start')],
      schema: {
        tags: ['widget'],
        summary: 'Start a visitor’s session, or resume it with the token the widget kept',
        body: StartSessionBody,
        response: responses({ 200: SessionView, 201: SessionView }),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const tenant = await tenantOf(request, body.key);
      const settings = await settingsOf(tenant.id);
      const state = await app.db.withTenant(tenant.id, async (tx) => {
        const resumed = body.token ? await findSession(tx, { tenantId: tenant.id, token: body.token }) : null;
        if (resumed && body.token) {
          const { state, operator } = await dialogStatus(tx, { tenantId: tenant.id, sessionId: resumed.id });
          return {
            session: resumed,
            funnel: await funnelOfSession(tx, settings, resumed),
            token: body.token,
            created: false,
            messages: await listMessages(tx, { tenantId: tenant.id, sessionId: resumed.id }),
            dialog: { state, operatorName: state === 'operator' ? (operator?.name ?? null) : null },
          };
        }
        // Past the plan's session limit the visitor is still served, for the lead: without the AI.
        const allowed = await consume(tx, { tenantId: tenant.id, resource: 'sessions', amount: 1, plan: settings });
        if (!allowed.ok) {
          await record(tx, { tenantId: tenant.id, counter: 'limitedSessions', amount: 1, timezone: settings.timezone });
        }
        const { session, token } = await createSession(tx, {
          tenantId: tenant.id,
          visitorId: body.visitorId,
          pageUrl: webUrlOrNull(body.pageUrl),
          referrer: webUrlOrNull(body.referrer),
          utm: body.utm ?? {},
          limited: !allowed.ok,
          // New sessions start on the funnel saved last; a visitor mid-funnel keeps theirs.
          funnelVersion: settings.funnelVersion,
        });
        const funnel = funnelOf(settings);
        await queueNewDialogAlerts(tx, {
          tenantId: tenant.id,
          sessionId: session.id,
          pageUrl: session.pageUrl,
          publicUrl: config.publicUrl,
        });
        const first = nextStep(funnel, {});
        const messages = await appendMessages(tx, {
          tenantId: tenant.id,
          sessionId: session.id,
          messages: [
            { role: 'bot', kind: 'text', content: settings.botGreeting },
            ...(first ? [questionMessage(funnel, first)] : []),
          ],
        });
        // The frame starts a session when the widget is first opened; a reload resumes it (above).
        await recordFunnelStages(tx, { tenantId: tenant.id, sessionId: session.id, stages: ['opened'] });
        const dialog = { state: 'ai' as const, operatorName: null };
        return { session, funnel, token, created: true, messages, dialog };
      });
      if (state.created) {
        events.publish({ tenantId: tenant.id, sessionId: state.session.id }, { type: 'started' });
        app.outbox.kick();
      }
      const answers = state.session.answers as Answers;
      return reply.code(state.created ? 201 : 200).send({
        sessionId: state.session.id,
        token: state.token,
        status: state.session.status,
        ...progressOf(state.funnel, answers),
        messages: state.messages,
        dialog: state.dialog,
      });
    },
  );

  app.post(
    '/api/widget/sessions/:id/answers',
    {
      config: { access: 'public' },
      onRequest: [perIp(120, 'answer')],
      schema: {
        tags: ['widget'],
        summary: 'Answer the funnel’s current question (or change an earlier answer)',
        params: SessionParams,
        body: AnswerBody,
        response: responses({ 200: AnswerView }),
      },
    },
    async (request) => {
      const tenant = await tenantOf(request, keyFrom(request));
      const result = await submitAnswer(
        { db: app.db, events, outbox: app.outbox, publicUrl: config.publicUrl },
        {
          tenantId: tenant.id,
          sessionId: request.params.id,
          token: tokenFrom(request),
          settings: await settingsOf(tenant.id),
          stepId: request.body.stepId,
          value: request.body.value,
        },
      );
      return { status: result.step ? ('active' as const) : ('completed' as const), ...result };
    },
  );

  app.post(
    '/api/widget/sessions/:id/messages',
    {
      config: { access: 'public' },
      onRequest: [perIp(30, 'message'), perKey(1200, 'message')],
      schema: {
        tags: ['widget'],
        summary: 'Send a free message; the bot’s reply streams on the session’s events',
        params: SessionParams,
        body: MessageBody,
        response: responses({ 202: AnswerView.properties.messages.items }),
      },
    },
    async (request, reply) => {
      const tenant = await tenantOf(request, keyFrom(request));
      const text = request.body.text.trim();
      const settings = await replySettingsOf(tenant.id);
      // One transaction stores the message, counts it against the plan, and reads what the reply needs.
      const { stored, changes, prepared } = await app.db.withTenant(tenant.id, async (tx) => {
        const session = await findSession(tx, {
          tenantId: tenant.id,
          sessionId: request.params.id,
          token: tokenFrom(request),
          lock: true,
        });
        if (!session) throw new AppError('SESSION_NOT_FOUND');
        await recordFunnelStages(tx, { tenantId: tenant.id, sessionId: session.id, stages: ['started'] });
        const answers = session.answers as Answers;
        const visitor: NewMessage = { role: 'visitor', kind: 'text', content: text };
        const dialog = { tenantId: tenant.id, sessionId: session.id, actor: null };
        // Writing in a closed dialog opens it again, with the AI.
        const reopened =
          session.dialogState === 'closed'
            ? await changeDialogState(tx, { ...dialog, action: { kind: 'reopen' } })
            : null;
        const state = reopened?.state ?? session.dialogState;
        const before = reopened?.events ?? [];

        // A manager answers (or is coming): the message waits for them, and the AI's quota is not touched.
        if (state !== 'ai' || asksForPerson(text)) {
          const saved = await appendMessages(tx, { tenantId: tenant.id, sessionId: session.id, messages: [visitor] });
          const asked =
            state === 'ai' ? await requestOperator(tx, { tenantId: tenant.id, sessionId: session.id }) : null;
          if (asked?.changed) await alertHandoff(tx, tenant.id, session.id);
          return { stored: saved, changes: [...before, ...(asked?.events ?? [])], prepared: null };
        }
        if (!(await aiAllowed(tx, { tenantId: tenant.id, session, plan: settings }))) {
          const reply = limitedReply(currentQuestion(await funnelOfSession(tx, settings, session), answers));
          return {
            stored: await appendMessages(tx, {
              tenantId: tenant.id,
              sessionId: session.id,
              messages: [visitor, reply],
            }),
            changes: before,
            prepared: null,
          };
        }
        const [message] = await appendMessages(tx, { tenantId: tenant.id, sessionId: session.id, messages: [visitor] });
        if (!message) throw new Error('the visitor message was not stored');
        // What the company's knowledge says, found in this same transaction (and under its RLS).
        const found = await retrieve(tx, app.knowledge, {
          tenantId: tenant.id,
          question: text,
          settings: await retrievalSettings(tx, tenant.id),
        });
        await recordMatch(tx, { tenantId: tenant.id, sessionId: session.id, source: 'chat', retrieval: found });
        const context = await replyContext(tx, {
          tenantId: tenant.id,
          sessionId: session.id,
          funnel: await funnelOfSession(tx, settings, session),
          settings,
          answers,
          visitorText: text,
          beforeSeq: message.seq,
          defaultModel: config.llm.model,
          knowledge: replyKnowledge(found),
        });
        return { stored: [message], changes: before, prepared: context };
      });
      const sent: ChatEvent[] = [...stored.map((message): ChatEvent => ({ type: 'message', message })), ...changes];
      for (const event of sent) events.publish({ tenantId: tenant.id, sessionId: request.params.id }, event);
      if (changes.length > 0) app.outbox.kick();
      const message = stored[0] as MessageView;
      if (!prepared) return reply.code(202).send(message);

      const replying = answerVisitor(replyDeps, { tenantId: tenant.id, sessionId: request.params.id, ...prepared })
        .catch((error: unknown) => app.log.error({ err: error }, 'could not store an AI reply'))
        .finally(() => pending.delete(replying));
      pending.add(replying);
      return reply.code(202).send(message);
    },
  );

  app.post(
    '/api/widget/sessions/:id/operator',
    {
      config: { access: 'public' },
      onRequest: [perIp(20, 'operator')],
      schema: {
        tags: ['widget'],
        summary:
          'The visitor asks for a manager («Позвать менеджера»); the managers are alerted. Outside working hours the AI answers again at once',
        params: SessionParams,
        response: responses({ 200: VisitorDialogView }),
      },
    },
    async (request) => {
      const tenant = await tenantOf(request, keyFrom(request));
      const change = await app.db.withTenant(tenant.id, async (tx) => {
        const session = await findSession(tx, {
          tenantId: tenant.id,
          sessionId: request.params.id,
          token: tokenFrom(request),
          lock: true,
        });
        if (!session) throw new AppError('SESSION_NOT_FOUND');
        await recordFunnelStages(tx, { tenantId: tenant.id, sessionId: session.id, stages: ['started'] });
        // Outside working hours the visitor is told at once when a manager will answer.
        const asked = await requestOperator(tx, { tenantId: tenant.id, sessionId: session.id });
        if (asked.changed) await alertHandoff(tx, tenant.id, session.id);
        return asked;
      });
      app.outbox.kick();
      for (const event of change.events) events.publish({ tenantId: tenant.id, sessionId: request.params.id }, event);
      return { state: change.state, operatorName: change.operator?.name ?? null };
    },
  );

  app.get(
    '/api/widget/sessions/:id/events',
    {
      config: { access: 'public' },
      onRequest: [perIp(60, 'events')],
      schema: {
        tags: ['widget'],
        summary:
          'Server-sent events of a session: `message` (id = its sequence number), `typing` and `token` of an AI reply. Resumes after Last-Event-ID',
        params: SessionParams,
        querystring: EventsQuery,
      },
    },
    async (request, reply) => {
      const tenant = await tenantOf(request, request.query.key);
      const session = await app.db.withTenant(tenant.id, (tx) =>
        findSession(tx, { tenantId: tenant.id, sessionId: request.params.id, token: request.query.token }),
      );
      if (!session) throw new AppError('SESSION_NOT_FOUND');
      const header = Number(request.headers['last-event-id']);
      const afterSeq = Number.isInteger(header) && header >= 0 ? header : (request.query.lastEventId ?? 0);
      streamSessionEvents(reply, {
        events,
        sessionId: session.id,
        afterSeq,
        missed: (seq) =>
          app.db.withTenant(tenant.id, (tx) =>
            listMessages(tx, { tenantId: tenant.id, sessionId: session.id, afterSeq: seq }),
          ),
        // The visitor's own typing and the inbox's news are the managers' business.
        accept: (event) => event.type !== 'visitor_typing' && event.type !== 'started',
      });
    },
  );

  // At most one «печатает» per session every two seconds reaches the managers, whatever the widget sends.
  const typingSeen = new LRUCache<string, true>({ max: 10_000, ttl: 2000 });
  app.post(
    '/api/widget/sessions/:id/typing',
    {
      config: { access: 'public' },
      onRequest: [perIp(60, 'typing')],
      schema: {
        tags: ['widget'],
        summary: 'The visitor is typing: shown to the managers for a few seconds, never stored',
        params: SessionParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const tenant = await tenantOf(request, keyFrom(request));
      const session = await app.db.withTenant(tenant.id, (tx) =>
        findSession(tx, { tenantId: tenant.id, sessionId: request.params.id, token: tokenFrom(request) }),
      );
      if (!session) throw new AppError('SESSION_NOT_FOUND');
      if (!typingSeen.has(session.id)) {
        typingSeen.set(session.id, true);
        events.publish({ tenantId: tenant.id, sessionId: session.id }, { type: 'visitor_typing' });
      }
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/widget/sessions/:id/estimate-pdf',
    {
      config: { access: 'public' },
      onRequest: [perIp(20, 'pdf')],
      schema: {
        tags: ['widget'],
        summary: 'A fresh signed link to the session’s estimate PDF (rendered on first request)',
        params: SessionParams,
        response: responses({ 200: SignedLinkView }),
      },
    },
    async (request) => {
      const tenant = await tenantOf(request, keyFrom(request));
      const lead = await app.db.withTenant(tenant.id, async (tx) => {
        const session = await findSession(tx, {
          tenantId: tenant.id,
          sessionId: request.params.id,
          token: tokenFrom(request),
        });
        if (!session) throw new AppError('SESSION_NOT_FOUND');
        return findLead(tx, { tenantId: tenant.id, sessionId: session.id });
      });
      if (!lead) throw new AppError('FUNNEL_INCOMPLETE');
      const link = await leadEstimatePdf(pdfDeps, { tenantId: tenant.id, lead });
      await app.db.withTenant(tenant.id, (tx) =>
        recordFunnelStages(tx, { tenantId: tenant.id, sessionId: lead.sessionId, stages: ['estimate_pdf'] }),
      );
      return { url: link.url, expiresAt: iso(link.expiresAt) };
    },
  );
};
