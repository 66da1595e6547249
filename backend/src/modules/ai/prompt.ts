// What the model is told: who it speaks for, what the visitor has answered so far, and the one
// job beyond answering: bring the visitor back to the next funnel question.
export interface ReplyContext {
  companyName: string;
  botName: string;
  contacts: { phone: string | null; email: string | null; address: string | null; website: string | null };
  /** The funnel's next question, or null once the visitor has left contacts. */
  currentQuestion: string | null;
  answered: { question: string; answer: string }[];
  /** The conversation so far, oldest first, free-form messages only. */
  history: { role: 'visitor' | 'bot' | 'operator'; content: string }[];
  visitorText: string;
}

type PromptMessage = { role: 'system' | 'user' | 'assistant'; content: string };

export function buildSystemPrompt(context: ReplyContext): string {
  const contacts = Object.entries({
    телефон: context.contacts.phone,
    email: context.contacts.email,
    адрес: context.contacts.address,
    сайт: context.contacts.website,
  })
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
  const answered = context.answered.map((pair) => `- ${pair.question} ${pair.answer}`).join('\n');
  return [
    `Ты — ${context.botName}, онлайн-консультант ремонтной компании «${context.companyName}» на её сайте.`,
    'Отвечай по-русски, коротко (2–4 предложения), дружелюбно и по делу. Не выдумывай цены, сроки, адреса и',
    'обещания: если не знаешь, скажи, что уточнит менеджер. Не обсуждай темы, не связанные с ремонтом.',
    contacts ? `Контакты компании: ${contacts}.` : 'Контакты компании пока не указаны.',
    answered
      ? `Посетитель уже ответил на вопросы расчёта сметы:\n${answered}`
      : 'Посетитель ещё не начал расчёт сметы.',
    context.currentQuestion
      ? `После ответа мягко верни посетителя к расчёту сметы, задав следующий вопрос: «${context.currentQuestion}»`
      : 'Посетитель уже оставил контакты и получил предварительную смету; менеджер с ним свяжется.',
  ].join('\n');
}

export function buildPromptMessages(context: ReplyContext): PromptMessage[] {
  const history: PromptMessage[] = context.history.map((message) => ({
    role: message.role === 'visitor' ? 'user' : 'assistant',
    content: message.content,
  }));
  return [
    { role: 'system', content: buildSystemPrompt(context) },
    ...history,
    { role: 'user', content: context.visitorText },
  ];
}
