// The funnel as a chat: each answer is stored as the visitor's message, the next question as the
// bot's, and the contacts complete it — the lead is written in the same transaction, once.
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { recordFunnelStages, stagesOfAnswer } from '../analytics/funnelEvents.ts';
import type { WidgetSettings } from '../branding/service.ts';
import type { ChatEvents } from '../chat/events.ts';
import type { MessageView } from '../chat/schemas.ts';
import { appendMessages, type ChatSession, findSession, type NewMessage, updateSession } from '../chat/service.ts';
import { leadSnapshot } from '../integrations/leadSnapshot.ts';
import { queueLeadIntegrations } from '../integrations/queue.ts';
import { queueNewLeadEmails } from '../leads/newLeadEmails.ts';
import { createLead } from '../leads/service.ts';
import { dialogUrl, queueLeadAlerts } from '../telegram/alerts.ts';
import {
  answeredQuestions,
  answerLabel,
  answerOf,
  applyAnswer,
  enabledSteps,
  nextStep,
  publicStep,
  stepTitle,
} from './funnel.ts';
import { computeEstimate } from './pricing.ts';
import type { Answers, Estimate, FunnelConfig, PublicStep } from './schemas.ts';
import { funnelOfSession } from './versions.ts';

export interface FunnelProgress {
  step: PublicStep | null;
  progress: { answered: number; total: number };
  estimate: Estimate | null;
}

export function progressOf(config: FunnelConfig, answers: Answers): FunnelProgress {
  const steps = enabledSteps(config);
  const next = nextStep(config, answers);
  return {
    step: next ? publicStep(config, next) : null,
    progress: { answered: steps.filter((id) => answerOf(answers, id) !== undefined).length, total: steps.length },
    estimate: next === null ? computeEstimate(config, answers) : null,
  };
}

export const formatRange = (estimate: Estimate) => {
  const rub = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });
  return `от ${rub.format(estimate.range.min)} до ${rub.format(estimate.range.max)} ₽`;
};

/** The question for a step, as the bot asks it. */
export const questionMessage = (config: FunnelConfig, id: string): NewMessage => ({
  role: 'bot',
  kind: 'question',
  content: stepTitle(config, id),
  data: { stepId: id },
});

interface Deps {
  db: Database;
  events: ChatEvents;
  outbox: { kick(): void };
  /** Where the admin panel is, for the link in the new-lead email. */
  publicUrl: string;
}

/**
 * Records an answer: validates it against the tenant's funnel, stores it with the next question,
 * and on the contacts step completes the session and creates the lead, with the emails that tell
 * the team of it. A repeated contacts
 * submission (a double click) answers with the state as it is, and creates nothing.
 */
export async function submitAnswer(
  deps: Deps,
  options: {
    tenantId: string;
    sessionId: string;
    token: string;
    settings: Pick<WidgetSettings, 'funnel' | 'funnelVersion'>;
    stepId: string;
    value: unknown;
  },
): Promise<FunnelProgress & { messages: MessageView[] }> {
  const { tenantId } = options;
  const result = await deps.db.withTenant(tenantId, async (tx) => {
    const session = await findSession(tx, { tenantId, sessionId: options.sessionId, token: options.token, lock: true });
    if (!session) throw new AppError('SESSION_NOT_FOUND');
    const before = session.answers as Answers;
    // The version the session started on, whatever was saved since.
    const config = await funnelOfSession(tx, options.settings, session);
    if (session.status === 'completed') {
      if (options.stepId === 'contacts') return { answers: before, config, messages: [], queued: 0 };
      throw new AppError('FUNNEL_COMPLETED');
    }

    const answers = applyAnswer(config, before, options.stepId, options.value);
    const { stepId } = options;
    const next = nextStep(config, answers);
    const newMessages: NewMessage[] = [
      { role: 'visitor', kind: 'answer', content: answerLabel(config, stepId, answers) ?? '', data: { stepId } },
    ];
    if (next) newMessages.push(questionMessage(config, next));

    /** Deliveries queued (emails, Telegram alerts): the outbox is kicked after the commit when there are any. */
    let queued = 0;
    let leadCreated = false;
    if (stepId === 'contacts' && next === null) {
      const estimate = computeEstimate(config, answers);
      newMessages.push({
        role: 'bot',
        kind: 'estimate',
        content: `Предварительная стоимость ремонта: ${formatRange(estimate)}. Менеджер свяжется с вами, чтобы уточнить детали.`,
        data: { estimate },
      });
      await updateSession(tx, { tenantId, sessionId: session.id, answers, status: 'completed' });
      const questions = answeredQuestions(config, answers);
      const leadId = await createLead(tx, { tenantId, session: session as ChatSession, answers, estimate, questions });
      leadCreated = leadId !== null;
      const contacts = answers.contacts;
      if (leadId && contacts) {
        queued = await queueNewLeadEmails(tx, {
          tenantId,
          lead: {
            id: leadId,
            name: contacts.name,
            phone: contacts.phone,
            answers: questions,
            estimate,
            utm: session.utm,
            pageUrl: session.pageUrl,
          },
          estimate: formatRange(estimate),
          publicUrl: deps.publicUrl,
        });
        queued += await queueLeadAlerts(tx, {
          tenantId,
          sessionId: session.id,
          leadId,
          name: contacts.name,
          phone: contacts.phone,
          answers: questions,
          estimate: formatRange(estimate),
          publicUrl: deps.publicUrl,
        });
        const lead = leadSnapshot({
          leadId,
          sessionId: session.id,
          config,
          answers,
          estimate,
          estimateText: formatRange(estimate),
          utm: session.utm,
          pageUrl: session.pageUrl,
          funnelVersion: session.funnelVersion,
          dialogUrl: dialogUrl(deps.publicUrl, session.id),
        });
        queued += await queueLeadIntegrations(tx, tenantId, lead);
      }
    } else {
      await updateSession(tx, { tenantId, sessionId: session.id, answers });
    }
    const messages = await appendMessages(tx, { tenantId, sessionId: session.id, messages: newMessages });
    await recordFunnelStages(tx, {
      tenantId,
      sessionId: session.id,
      stages: [...stagesOfAnswer(config, stepId), ...(leadCreated ? (['contacts'] as const) : [])],
    });
    return { answers, config, messages, queued };
  });

  if (result.queued > 0) deps.outbox.kick();
  for (const message of result.messages)
    deps.events.publish({ tenantId, sessionId: options.sessionId }, { type: 'message', message });
  return { ...progressOf(result.config, result.answers), messages: result.messages };
}
