import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { memberOf } from '../../plugins/auth.ts';
import { IdParams, responses } from '../../schemas.ts';
import type { ChatEvents } from '../chat/events.ts';
import { MessageView } from '../chat/schemas.ts';
import { listMessages } from '../chat/service.ts';
import { streamSessionEvents } from '../widget/sse.ts';
import { getDialogSettings, saveDialogSettings } from './handoffSettings.ts';
import { streamInbox } from './inbox.ts';
import {
  DialogEventsQuery,
  DialogListQuery,
  DialogListView,
  DialogSettingsInput,
  DialogSettingsView,
  DialogStatusView,
  DialogView,
  NoQuery,
  OperatorMessageBody,
  TakeDialogBody,
} from './schemas.ts';
import { actorOf, getDialog, getDialogSummary, listDialogs, sendOperatorMessage } from './service.ts';
import { changeDialogState, type DialogAction, dialogStatus } from './state.ts';

export const dialogRoutes: FastifyPluginAsyncTypebox<{ events: ChatEvents }> = async (app, { events }) => {
  app.get(
    '/api/dialogs',
    {
      config: { access: 'member' },
      schema: {
        tags: ['dialogs'],
        summary: 'Dialogs, the latest activity first, filtered by state, period and a search, with counts per state',
        querystring: DialogListQuery,
        response: responses({ 200: DialogListView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, (tx) => listDialogs(tx, ctx, request.query));
    },
  );

  app.get(
    '/api/dialogs/events',
    {
      config: { access: 'member' },
      schema: {
        tags: ['dialogs'],
        summary:
          'Server-sent events of the inbox: `dialog` (a DialogSummaryView) when a dialog starts or changes, `resync` when the client should load the list again',
        querystring: NoQuery,
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      streamInbox(reply, {
        events,
        tenantId: ctx.tenantId,
        summary: (dialogId) => app.db.withTenant(ctx.tenantId, (tx) => getDialogSummary(tx, ctx, dialogId)),
        log: request.log,
      });
    },
  );

  app.get(
    '/api/dialogs/settings',
    {
      config: { access: 'member' },
      schema: {
        tags: ['dialogs'],
        summary: 'How long a visitor waits for a manager before the AI answers again, and the working hours',
        response: responses({ 200: DialogSettingsView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, (tx) => getDialogSettings(tx, ctx));
    },
  );

  app.put(
    '/api/dialogs/settings',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['dialogs'],
        summary: 'Set the wait for a manager (1–60 minutes) and the working hours (the owner only)',
        body: DialogSettingsInput,
        response: responses({ 200: DialogSettingsView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, (tx) => saveDialogSettings(tx, ctx, request.body));
    },
  );

  app.get(
    '/api/dialogs/:id/events',
    {
      config: { access: 'member' },
      schema: {
        tags: ['dialogs'],
        summary:
          'Server-sent events of a dialog: `message` (id = its sequence number), `typing`/`token`/`cut` of an AI reply, `state`, `visitor_typing`. Resumes after Last-Event-ID',
        params: IdParams,
        querystring: DialogEventsQuery,
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const dialogId = request.params.id;
      await app.db.withTenant(ctx.tenantId, (tx) => dialogStatus(tx, { tenantId: ctx.tenantId, sessionId: dialogId }));
      const header = Number(request.headers['last-event-id']);
      const afterSeq = Number.isInteger(header) && header >= 0 ? header : (request.query.lastEventId ?? 0);
      streamSessionEvents(reply, {
        events,
        sessionId: dialogId,
        afterSeq,
        missed: (seq) =>
          app.db.withTenant(ctx.tenantId, (tx) =>
            listMessages(tx, { tenantId: ctx.tenantId, sessionId: dialogId, afterSeq: seq }),
          ),
        accept: (event) => event.type !== 'started',
      });
    },
  );

  app.get(
    '/api/dialogs/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['dialogs'],
        summary: 'A dialog: its transcript, answers, estimate, source, lead and timeline',
        params: IdParams,
        response: responses({ 200: DialogView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, (tx) => getDialog(tx, ctx, request.params.id));
    },
  );

  /** Takes, returns or closes a dialog, and tells its stream (the visitor, the AI in flight). */
  async function change(request: FastifyRequest<{ Params: { id: string } }>, action: DialogAction) {
    const ctx = memberOf(request);
    const result = await app.db.withTenant(ctx.tenantId, async (tx) =>
      changeDialogState(tx, {
        tenantId: ctx.tenantId,
        sessionId: request.params.id,
        actor: await actorOf(tx, ctx),
        action,
      }),
    );
    for (const event of result.events) events.publish({ tenantId: ctx.tenantId, sessionId: request.params.id }, event);
    return { state: result.state, operator: result.operator };
  }

  app.post(
    '/api/dialogs/:id/take',
    {
      config: { access: 'member' },
      schema: {
        tags: ['dialogs'],
        summary: '«Перехватить диалог»: the AI stops at once; `force` takes it from another manager',
        params: IdParams,
        body: TakeDialogBody,
        response: responses({ 200: DialogStatusView }),
      },
    },
    (request) => change(request, { kind: 'take', force: request.body.force }),
  );

  app.post(
    '/api/dialogs/:id/return',
    {
      config: { access: 'member' },
      schema: {
        tags: ['dialogs'],
        summary: '«Вернуть боту»: the AI answers again, and the visitor is told',
        params: IdParams,
        response: responses({ 200: DialogStatusView }),
      },
    },
    (request) => change(request, { kind: 'return' }),
  );

  app.post(
    '/api/dialogs/:id/close',
    {
      config: { access: 'member' },
      schema: {
        tags: ['dialogs'],
        summary: '«Закрыть диалог»: nobody answers until the visitor writes again',
        params: IdParams,
        response: responses({ 200: DialogStatusView }),
      },
    },
    (request) => change(request, { kind: 'close' }),
  );

  app.post(
    '/api/dialogs/:id/messages',
    {
      config: { access: 'member' },
      schema: {
        tags: ['dialogs'],
        summary: 'A manager’s message to the visitor; it takes the dialog when the AI has it',
        params: IdParams,
        body: OperatorMessageBody,
        response: responses({ 201: MessageView }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const sent = await app.db.withTenant(ctx.tenantId, (tx) =>
        sendOperatorMessage(tx, ctx, { dialogId: request.params.id, text: request.body.text }),
      );
      for (const event of sent.events) events.publish({ tenantId: ctx.tenantId, sessionId: request.params.id }, event);
      return reply.code(201).send(sent.message);
    },
  );
};
