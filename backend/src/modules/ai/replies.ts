// Answering a visitor's free question: the reply streams to the session's event stream token by
// token and is stored when complete. A gateway that fails gets one more try (on the fallback model
// when one is set); if that fails too, a polite fallback keeps the funnel going. The visitor never
// waits forever: each try has a deadline. A manager taking the dialog over stops the reply at
// once: the stream is aborted, what was written is stored as cut, and its tokens still count.
import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../db/database.ts';
import { record } from '../billing/limitsService.ts';
import { allowedModel } from '../billing/plans.ts';
import type { WidgetSettings } from '../branding/service.ts';
import type { ChatEvents } from '../chat/events.ts';
import type { MessageView } from '../chat/schemas.ts';
import { appendMessages, recentConversation } from '../chat/service.ts';
import { dialogStatus } from '../dialogs/state.ts';
import { answeredQuestions, nextStep, stepTitle } from '../funnel/funnel.ts';
import type { Answers, FunnelConfig } from '../funnel/schemas.ts';
import type { ReplyContext, ReplyKnowledge } from './prompt.ts';
import type { ReplyResult, Responder } from './responders.ts';

export interface ReplyDeps {
  db: Database;
  events: ChatEvents;
  responder: Responder;
  llm: { model: string; fallbackModel: string | undefined; timeoutMs: number };
  log: { warn(object: object, message: string): void };
}

/** How much of the conversation the model sees. */
const HISTORY = 20;

/**
 * What the model needs to answer: the company's settings (given), and the conversation, read in
 * the caller's transaction (the one that stored the visitor's message), so that the gateway is
 * asked without another round of queries.
 */
export async function replyContext(
  tx: Tx,
  options: {
    tenantId: string;
    sessionId: string;
    /** The funnel the session is asked from (its version). */
    funnel: FunnelConfig;
    settings: WidgetSettings;
    answers: Answers;
    visitorText: string;
    beforeSeq: number;
    defaultModel: string;
    knowledge: ReplyKnowledge;
  },
): Promise<{ context: ReplyContext; model: string; timezone: string }> {
  const { tenantId, sessionId, settings } = options;
  const config = options.funnel;
  const next = nextStep(config, options.answers);
  const history = await recentConversation(tx, { tenantId, sessionId, beforeSeq: options.beforeSeq, limit: HISTORY });
  return {
    timezone: settings.timezone,
    model: allowedModel(settings.plan.features, settings.llmModel, options.defaultModel),
    context: {
      companyName: settings.companyName ?? settings.tenantName,
      botName: settings.botName,
      contacts: settings.contacts,
      currentQuestion: next ? stepTitle(config, next) : null,
      answered: answeredQuestions(config, options.answers),
      history,
      visitorText: options.visitorText,
      knowledge: options.knowledge,
    },
  };
}

const knowledgeOf = (entryIds: string[]) => (entryIds.length > 0 ? { knowledge: entryIds } : {});

export function fallbackReply(context: ReplyContext): string {
  return context.currentQuestion
    ? `Извините, сейчас не получается ответить подробно — менеджер уточнит это для вас. А пока давайте продолжим расчёт: ${context.currentQuestion}`
    : 'Извините, сейчас не получается ответить подробно. Менеджер свяжется с вами и ответит на вопрос.';
}

/**
 * Tokens of a reply cut short, whose usage the gateway never sent: about three characters a token
 * for Russian text, the prompt included, so a takeover does not make the AI free.
 */
export function estimatedTokens(
  context: ReplyContext,
  text: string,
): { promptTokens: number; completionTokens: number } {
  const prompt = [context.visitorText, ...context.history.map((message) => message.content)].join('');
  return { promptTokens: Math.ceil(prompt.length / 3), completionTokens: Math.ceil(text.length / 3) };
}

/**
 * Writes the bot's reply in `context` and stores it. Resolves with the stored reply, or null when
 * a manager took the dialog before the AI wrote anything; never rejects for a gateway failure
 * (the fallback is stored instead).
 */
export async function answerVisitor(
  deps: ReplyDeps,
  options: {
    tenantId: string;
    sessionId: string;
    context: ReplyContext;
    model: string;
    /** The company's, for counting the tokens in its month. */
    timezone: string;
  },
): Promise<MessageView | null> {
  const { tenantId, sessionId, context, model } = options;
  const target = { tenantId, sessionId };
  const replyId = randomUUID();
  const models = [model, deps.llm.fallbackModel ?? model];

  // Listening first, then reading the state: a takeover is seen whether it commits before or after.
  const takenOver = new AbortController();
  const unsubscribe = deps.events.subscribe(sessionId, (event) => {
    if (event.type === 'state' && event.state !== 'ai') takenOver.abort();
  });
  let text = '';
  let result: ReplyResult | null = null;
  try {
    const { state } = await deps.db.withTenant(tenantId, (tx) => dialogStatus(tx, { tenantId, sessionId }));
    if (state !== 'ai') return null;
    for (const attempt of models) {
      text = '';
      // A new "typing" with the same id tells the widget to clear a draft from a failed try.
      deps.events.publish(target, { type: 'typing', replyId });
      const signal = AbortSignal.any([AbortSignal.timeout(deps.llm.timeoutMs), takenOver.signal]);
      try {
        result = await deps.responder.reply(context, {
          model: attempt,
          signal,
          onDelta: (delta) => {
            if (takenOver.signal.aborted) return;
            text += delta;
            deps.events.publish(target, { type: 'token', replyId, delta });
          },
        });
        if (text.trim()) break;
        result = null;
      } catch (error) {
        if (takenOver.signal.aborted) break;
        deps.log.warn({ err: error, model: attempt, responder: deps.responder.name }, 'AI reply failed');
        result = null;
      }
    }
  } finally {
    unsubscribe();
  }

  const cut = takenOver.signal.aborted;
  if (cut) deps.events.publish(target, { type: 'cut', replyId });
  if (cut && !text.trim()) {
    await deps.db.withTenant(tenantId, (tx) =>
      record(tx, {
        tenantId,
        counter: 'tokens',
        amount: estimatedTokens(context, '').promptTokens,
        timezone: options.timezone,
      }),
    );
    return null;
  }
  const reply = cut
    ? { content: text.trim(), model, ...estimatedTokens(context, text) }
    : result
      ? {
          content: text.trim(),
          model: result.model,
          promptTokens: result.promptTokens,
          completionTokens: result.completionTokens,
        }
      : { content: fallbackReply(context), model: null, promptTokens: null, completionTokens: null };
  const [stored] = await deps.db.withTenant(tenantId, async (tx) => {
    // Counted after the answer: a reply in flight is never cut off by the limit, the next one is refused.
    await record(tx, {
      tenantId,
      counter: 'tokens',
      amount: (reply.promptTokens ?? 0) + (reply.completionTokens ?? 0),
      timezone: options.timezone,
    });
    return appendMessages(tx, {
      tenantId,
      sessionId,
      messages: [
        {
          role: 'bot',
          kind: 'text',
          data: {
            replyId,
            fallback: !cut && result === null,
            ...(cut ? { cut } : {}),
            // The knowledge entries it drew on, which the dialog page names for managers.
            ...knowledgeOf(result?.sources ?? (result ? context.knowledge.entryIds : [])),
          },
          ...reply,
        },
      ],
    });
  });
  if (!stored) throw new Error('answerVisitor: the reply was not stored');
  deps.events.publish(target, { type: 'message', message: stored });
  return stored;
}
