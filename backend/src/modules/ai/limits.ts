// The AI within the plan: a session started past the session limit, or a month whose messages or
// tokens are spent, gets a polite message from a person-to-be instead of an AI reply. The funnel
// and the lead are never limited.
import type { Tx } from '../../db/database.ts';
import { consume, type PlanInForce } from '../billing/limitsService.ts';
import type { ChatSession, NewMessage } from '../chat/service.ts';
import { nextStep, stepTitle } from '../funnel/funnel.ts';
import type { Answers, FunnelConfig } from '../funnel/schemas.ts';

/**
 * Counts the visitor's message against the plan and says whether the AI may answer it: while
 * messages and tokens are left. A message the AI does not answer is not counted.
 */
export async function aiAllowed(
  tx: Tx,
  options: { tenantId: string; session: Pick<ChatSession, 'limited'>; plan: PlanInForce },
): Promise<boolean> {
  if (options.session.limited) return false;
  const consumed = await consume(tx, {
    tenantId: options.tenantId,
    resource: 'messages',
    amount: 1,
    whileLeft: 'tokens',
    plan: options.plan,
  });
  return consumed.ok;
}

export function currentQuestion(config: FunnelConfig, answers: Answers): string | null {
  const next = nextStep(config, answers);
  return next ? stepTitle(config, next) : null;
}

export function limitedReply(question: string | null): NewMessage {
  return {
    role: 'bot',
    kind: 'text',
    content: question
      ? `Спасибо за вопрос! Менеджер ответит на него лично. А пока давайте продолжим расчёт: ${question}`
      : 'Спасибо за вопрос! Менеджер свяжется с вами и ответит на него лично.',
    data: { limited: true },
  };
}
