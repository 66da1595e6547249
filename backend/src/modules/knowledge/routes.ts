// «База знаний»: the company's documents and curated answers, the owner's «Проверить ответ», the
// near misses, and «Добавить в базу знаний» from a manager's answer on a dialog's page. Managers
// read everything and add pairs (they are the ones answering); the owner changes the rest.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, desc, eq, gt, lt, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Config } from '../../config.ts';
import type { TenantContext } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { chatSessions, kbEntries, kbMatches, messages, tenantBotSettings } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { memberOf } from '../../plugins/auth.ts';
import { IdParams, iso, isoOrNull, NoContent, responses } from '../../schemas.ts';
import { currentQuestion } from '../ai/limits.ts';
import type { ReplyContext } from '../ai/prompt.ts';
import { fallbackReply } from '../ai/replies.ts';
import type { Responder } from '../ai/responders.ts';
import { ensureStorageRoom, record, tenantPlan } from '../billing/limitsService.ts';
import { allowedModel } from '../billing/plans.ts';
import { getWidgetSettings } from '../branding/service.ts';
import { funnelOf } from '../funnel/funnel.ts';
import { deleteFileRow, deleteObjects, storeObject } from '../storage/files.ts';
import { uploadedFile } from '../storage/upload.ts';
import {
  addFileDocument,
  addQaPair,
  addTextDocument,
  deleteEntry,
  type EntrySummary,
  entryWithAuthor,
  findEntry,
  listEntries,
  MAX_FILE_BYTES,
  recentMatches,
  reindexEntry,
  updateEntry,
} from './entries.ts';
import { recordMatch, replyKnowledge, retrievalSettings, retrieve } from './retrieve.ts';
import {
  AddPairBody,
  AddTextBody,
  CheckBody,
  CheckView,
  DraftParams,
  EntryDetailView,
  EntryView,
  KnowledgeSettingsBody,
  KnowledgeView,
  NearMissesView,
  PairDraftView,
  UpdateEntryBody,
} from './schemas.ts';

/** How many of the visitor's last messages a pair drafted from a manager's answer takes as its question. */
const DRAFT_QUESTIONS = 2;

const TOO_LARGE = `Файл слишком большой: не больше ${MAX_FILE_BYTES / 1024 / 1024} МБ`;

export function entryView(entry: EntrySummary): EntryView {
  return {
    id: entry.id,
    kind: entry.kind,
    title: entry.title,
    body: entry.body,
    fileName: entry.fileName,
    questions: entry.questions,
    answer: entry.answer,
    dialogId: entry.sourceSessionId,
    status: entry.status,
    error: entry.error,
    enabled: entry.enabled,
    sizeBytes: entry.sizeBytes,
    chunkCount: entry.chunkCount,
    useCount: entry.useCount,
    lastUsedAt: isoOrNull(entry.lastUsedAt),
    indexedAt: isoOrNull(entry.indexedAt),
    createdBy: entry.createdByName,
    createdAt: iso(entry.createdAt),
    updatedAt: iso(entry.updatedAt),
  };
}

/** `Прайс 2026.xlsx` → `Прайс 2026`; the extension the stored object gets. */
function namesOf(filename: string): { title: string; extension: string } {
  const dot = filename.lastIndexOf('.');
  const extension = dot > 0 ? filename.slice(dot + 1).toLowerCase() : '';
  const title = (dot > 0 ? filename.slice(0, dot) : filename).trim().slice(0, 200) || 'Документ';
  return { title, extension: /^[a-z0-9]{2,5}$/.test(extension) ? extension : 'bin' };
}

async function ensureDialog(tx: Tx, ctx: TenantContext, dialogId: string): Promise<void> {
  const [session] = await tx
    .select({ id: chatSessions.id })
    .from(chatSessions)
    .where(and(eq(chatSessions.tenantId, ctx.tenantId), eq(chatSessions.id, dialogId)));
  if (!session) throw new AppError('DIALOG_NOT_FOUND');
}

export const knowledgeRoutes: FastifyPluginAsyncTypebox<{ config: Config; responder: Responder }> = async (
  app,
  { config, responder },
) => {
  const fileDeps = { db: app.db, store: app.store, log: app.log };
  const kicked = <T>(result: T) => {
    app.indexer.kick();
    return result;
  };

  async function knowledgeView(tx: Tx, ctx: TenantContext): Promise<KnowledgeView> {
    const entries = await listEntries(tx, ctx.tenantId);
    const { plan } = await tenantPlan(tx, ctx.tenantId);
    return {
      entries: entries.map(entryView),
      warning: app.knowledge.warning,
      search: { vectors: app.knowledge.store?.driver ?? null, model: app.knowledge.embedder.model },
      documents: {
        used: entries.filter((entry) => entry.kind === 'document').length,
        limit: plan.limits.kbDocuments,
      },
      settings: await retrievalSettings(tx, ctx.tenantId),
    };
  }

  app.get(
    '/api/knowledge',
    {
      config: { access: 'member' },
      schema: {
        tags: ['knowledge'],
        summary: 'The knowledge base: every entry with its indexing status, the plan’s room and the search settings',
        response: responses({ 200: KnowledgeView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, (tx) => knowledgeView(tx, ctx));
    },
  );

  app.get(
    '/api/knowledge/:id',
    {
      config: { access: 'member' },
      schema: {
        tags: ['knowledge'],
        summary: 'One entry, with the last questions it answered or nearly answered',
        params: IdParams,
        response: responses({ 200: EntryDetailView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        const entry = await findEntry(tx, { tenantId: ctx.tenantId, entryId: request.params.id });
        if (!entry) throw new AppError('KB_ENTRY_NOT_FOUND');
        const recent = await recentMatches(tx, { tenantId: ctx.tenantId, entryId: entry.id, limit: 10 });
        return {
          ...entryView(await entryWithAuthor(tx, entry)),
          recentQuestions: recent.map((match) => ({
            question: match.question,
            score: match.score,
            passed: match.passed,
            at: iso(match.createdAt),
          })),
        };
      });
    },
  );

  app.post(
    '/api/knowledge/documents',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['knowledge'],
        summary: 'Add a document from pasted text (Markdown headings make sections); it is indexed in the background',
        body: AddTextBody,
        response: responses({ 201: EntryView }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const entry = await app.db.withTenant(ctx.tenantId, async (tx) =>
        entryWithAuthor(
          tx,
          await addTextDocument(tx, ctx, { title: request.body.title.trim(), body: request.body.body }),
        ),
      );
      return reply.code(201).send(kicked(entryView(entry)));
    },
  );

  app.post(
    '/api/knowledge/files',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['knowledge'],
        summary:
          'Upload a document (multipart field "file": PDF, DOCX, XLSX, CSV, TXT or Markdown up to 10 MB); it is parsed and indexed in the background',
        consumes: ['multipart/form-data'],
        response: responses({ 201: EntryView }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const upload = await uploadedFile(request, { maxBytes: MAX_FILE_BYTES, tooLarge: TOO_LARGE });
      if (upload.data.length === 0) {
        throw new AppError('VALIDATION_FAILED', {
          message: 'Файл пустой',
          fields: { file: 'Файл пустой: в нём нет ни одного байта' },
        });
      }
      const { title, extension } = namesOf(upload.filename);
      const entry = await storeObject(
        fileDeps,
        {
          tenantId: ctx.tenantId,
          kind: 'knowledge',
          visibility: 'private',
          data: upload.data,
          contentType: upload.mimetype || 'application/octet-stream',
          extension,
          createdBy: ctx.actorId,
        },
        async (tx, insertRow) => {
          await ensureStorageRoom(tx, { tenantId: ctx.tenantId, adding: upload.data.length });
          const file = await insertRow();
          const added = await addFileDocument(tx, ctx, {
            title,
            fileId: file.id,
            fileName: upload.filename.slice(0, 255) || `${title}.${extension}`,
            sizeBytes: upload.data.length,
          });
          return { result: await entryWithAuthor(tx, added), obsoleteKeys: [] };
        },
      );
      return reply.code(201).send(kicked(entryView(entry)));
    },
  );

  app.post(
    '/api/knowledge/pairs',
    {
      config: { access: 'member' },
      schema: {
        tags: ['knowledge'],
        summary: 'Add a curated question-and-answer pair (from a dialog: name it); the AI answers it from now on',
        body: AddPairBody,
        response: responses({ 201: EntryView }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const { questions, answer, dialogId } = request.body;
      const entry = await app.db.withTenant(ctx.tenantId, async (tx) => {
        if (dialogId) await ensureDialog(tx, ctx, dialogId);
        return entryWithAuthor(
          tx,
          await addQaPair(tx, ctx, { questions, answer: answer.trim(), sourceSessionId: dialogId ?? null }),
        );
      });
      return reply.code(201).send(kicked(entryView(entry)));
    },
  );

  app.patch(
    '/api/knowledge/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['knowledge'],
        summary: 'Edit an entry or switch it off; a change of its text indexes it again',
        params: IdParams,
        body: UpdateEntryBody,
        response: responses({ 200: EntryView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const entry = await app.db.withTenant(ctx.tenantId, async (tx) =>
        entryWithAuthor(tx, await updateEntry(tx, ctx, request.params.id, request.body)),
      );
      return kicked(entryView(entry));
    },
  );

  app.post(
    '/api/knowledge/:id/reindex',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['knowledge'],
        summary: 'Index an entry again (after an error, or for a new embedding model)',
        params: IdParams,
        response: responses({ 200: EntryView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const entry = await app.db.withTenant(ctx.tenantId, async (tx) =>
        entryWithAuthor(tx, await reindexEntry(tx, ctx, request.params.id)),
      );
      return kicked(entryView(entry));
    },
  );

  app.delete(
    '/api/knowledge/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['knowledge'],
        summary: 'Delete an entry with its file and its index',
        params: IdParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      const ctx = memberOf(request);
      const { entry, fileKey } = await app.db.withTenant(ctx.tenantId, async (tx) => {
        const deleted = await deleteEntry(tx, ctx, request.params.id);
        await app.knowledge.store?.removeEntry(tx, { tenantId: ctx.tenantId, entryId: deleted.id });
        const key = deleted.fileId ? await deleteFileRow(tx, { tenantId: ctx.tenantId, fileId: deleted.fileId }) : null;
        return { entry: deleted, fileKey: key };
      });
      if (fileKey) await deleteObjects(fileDeps, [fileKey]);
      request.log.info({ entryId: entry.id }, 'knowledge entry deleted');
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/knowledge/settings',
    {
      config: { access: 'owner' },
      schema: {
        tags: ['knowledge'],
        summary: 'How many passages an answer draws on, and the similarity a passage and a curated pair must reach',
        body: KnowledgeSettingsBody,
        response: responses({ 200: KnowledgeSettingsBody }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const { topK, minSimilarity, qaSimilarity } = request.body;
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        // The settings row is made with the company; an update cannot miss it.
        await tx
          .update(tenantBotSettings)
          .set({ kbTopK: topK, kbMinSimilarity: minSimilarity, kbQaSimilarity: qaSimilarity, updatedAt: sql`now()` })
          .where(eq(tenantBotSettings.tenantId, ctx.tenantId));
        return retrievalSettings(tx, ctx.tenantId);
      });
    },
  );

  app.post(
    '/api/knowledge/check',
    {
      config: { access: 'member' },
      schema: {
        tags: ['knowledge'],
        summary:
          '«Проверить ответ»: what the bot would retrieve for a question (each leg’s scores, passed or not) and what it would answer',
        body: CheckBody,
        response: responses({ 200: CheckView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const question = request.body.question.trim();
      const { retrieval, context, model, timezone } = await app.db.withTenant(ctx.tenantId, async (tx) => {
        const found = await retrieve(tx, app.knowledge, {
          tenantId: ctx.tenantId,
          question,
          settings: await retrievalSettings(tx, ctx.tenantId),
        });
        await recordMatch(tx, { tenantId: ctx.tenantId, sessionId: null, source: 'check', retrieval: found });
        const settings = await getWidgetSettings(tx, ctx.tenantId);
        const replyContext: ReplyContext = {
          companyName: settings.companyName ?? settings.tenantName,
          botName: settings.botName,
          contacts: settings.contacts,
          currentQuestion: currentQuestion(funnelOf(settings), {}),
          answered: [],
          history: [],
          visitorText: question,
          knowledge: replyKnowledge(found),
        };
        return {
          retrieval: found,
          context: replyContext,
          model: allowedModel(settings.plan.features, settings.llmModel, config.llm.model),
          timezone: settings.timezone,
        };
      });
      let reply = '';
      let tokens = 0;
      try {
        const result = await responder.reply(context, {
          model,
          signal: AbortSignal.timeout(config.llm.timeoutMs),
          onDelta: (delta) => {
            reply += delta;
          },
        });
        tokens = (result.promptTokens ?? 0) + (result.completionTokens ?? 0);
      } catch (error) {
        request.log.warn({ err: error }, 'the check’s reply failed');
        reply = fallbackReply(context);
      }
      if (tokens > 0) {
        await app.db.withTenant(ctx.tenantId, (tx) =>
          record(tx, { tenantId: ctx.tenantId, counter: 'tokens', amount: tokens, timezone }),
        );
      }
      return {
        question,
        normalized: retrieval.normalized,
        vectors: retrieval.vectors,
        pairs: retrieval.pairs,
        passages: [
          ...retrieval.passages.map((passage) => ({ ...passage, passed: true })),
          ...retrieval.rejected.map((passage) => ({ ...passage, passed: false })),
        ].map(({ entryId, title, content, headingPath, vector, fullText, trigram, passed }) => ({
          entryId,
          title,
          content,
          headingPath,
          vector,
          fullText,
          trigram,
          passed,
        })),
        reply: reply.trim() || fallbackReply(context),
        responder: responder.name,
      };
    },
  );

  app.get(
    '/api/knowledge/near-misses',
    {
      config: { access: 'member' },
      schema: {
        tags: ['knowledge'],
        summary: 'Visitors’ questions that came close to a curated pair but stayed under its threshold, newest first',
        querystring: Type.Object({}, { additionalProperties: false }),
        response: responses({ 200: NearMissesView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const rows = await app.db.withTenant(ctx.tenantId, (tx) =>
        tx
          .select({
            question: kbMatches.question,
            entryId: kbMatches.entryId,
            entryTitle: kbEntries.title,
            score: kbMatches.score,
            at: kbMatches.createdAt,
          })
          .from(kbMatches)
          .leftJoin(kbEntries, eq(kbEntries.id, kbMatches.entryId))
          .where(and(eq(kbMatches.tenantId, ctx.tenantId), eq(kbMatches.passed, false), eq(kbMatches.source, 'chat')))
          .orderBy(desc(kbMatches.createdAt))
          .limit(50),
      );
      return { nearMisses: rows.map((row) => ({ ...row, at: iso(row.at) })) };
    },
  );

  app.get(
    '/api/dialogs/:id/messages/:messageId/pair-draft',
    {
      config: { access: 'member' },
      schema: {
        tags: ['knowledge'],
        summary:
          '«Добавить в базу знаний»: a manager’s message as a pair draft, the visitor’s messages it answered joined as the question',
        params: DraftParams,
        response: responses({ 200: PairDraftView }),
      },
    },
    async (request) => {
      const ctx = memberOf(request);
      const { id: dialogId, messageId } = request.params;
      return app.db.withTenant(ctx.tenantId, async (tx) => {
        await ensureDialog(tx, ctx, dialogId);
        const [answer] = await tx
          .select({ seq: messages.seq, content: messages.content })
          .from(messages)
          .where(
            and(
              eq(messages.tenantId, ctx.tenantId),
              eq(messages.sessionId, dialogId),
              eq(messages.id, messageId),
              eq(messages.role, 'operator'),
            ),
          );
        if (!answer) throw new AppError('KB_MESSAGE_NOT_FOUND');
        // The visitor's words since the manager's previous message, the last few of them: what this
        // one answers. Earlier questions the bot answered already are the manager's to add back.
        const [previous] = await tx
          .select({ seq: messages.seq })
          .from(messages)
          .where(and(eq(messages.sessionId, dialogId), eq(messages.role, 'operator'), lt(messages.seq, answer.seq)))
          .orderBy(desc(messages.seq))
          .limit(1);
        const asked = await tx
          .select({ content: messages.content })
          .from(messages)
          .where(
            and(
              eq(messages.tenantId, ctx.tenantId),
              eq(messages.sessionId, dialogId),
              eq(messages.role, 'visitor'),
              eq(messages.kind, 'text'),
              lt(messages.seq, answer.seq),
              gt(messages.seq, previous?.seq ?? 0),
            ),
          )
          .orderBy(desc(messages.seq))
          .limit(DRAFT_QUESTIONS);
        const question = asked
          .reverse()
          .map((message) => message.content)
          .join(' ');
        return { question, answer: answer.content, dialogId };
      });
    },
  );
};
