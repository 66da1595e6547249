// Who writes the bot's free-form answers. With LLM_API_KEY: an OpenAI-compatible gateway
// (RouterAI by default) through the `openai` SDK, streaming. Without: the offline responder, which
// needs nothing outside the process and keeps steering the visitor to the estimate.
import OpenAI from 'openai';
import type { ReplyContext } from './prompt.ts';
import { buildPromptMessages } from './prompt.ts';

export interface ReplyResult {
  model: string;
  promptTokens: number | null;
  completionTokens: number | null;
  /** The knowledge entries the reply drew on, when the responder knows better than «all it was given». */
  sources?: string[];
}

export interface Responder {
  readonly name: 'gateway' | 'offline';
  /** Streams the reply through `onDelta`, resolving with the model and the tokens it took. */
  reply(
    context: ReplyContext,
    options: { model: string; onDelta(text: string): void; signal: AbortSignal },
  ): Promise<ReplyResult>;
}

export function createGatewayResponder(options: { baseUrl: string; apiKey: string }): Responder {
  // Retries and timeouts are ours (one retry, possibly on the fallback model), not the SDK's.
  const client = new OpenAI({ baseURL: options.baseUrl, apiKey: options.apiKey, maxRetries: 0 });
  return {
    name: 'gateway',
    async reply(context, { model, onDelta, signal }) {
      const stream = await client.chat.completions.create(
        { model, messages: buildPromptMessages(context), stream: true, stream_options: { include_usage: true } },
        { signal },
      );
      let usage: OpenAI.CompletionUsage | undefined;
      let wrote = false;
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) {
          wrote = true;
          onDelta(delta);
        }
        if (chunk.usage) usage = chunk.usage;
      }
      if (!wrote) throw new Error('the gateway streamed no text');
      return { model, promptTokens: usage?.prompt_tokens ?? null, completionTokens: usage?.completion_tokens ?? null };
    },
  };
}

const PRICE_WORDS = /(цен|стоим|сколько|смет|бюджет|руб|₽|дорог|дешев)/i;
const CONTACT_WORDS = /(телефон|адрес|почт|email|e-mail|позвон|связат|контакт|сайт|офис)/i;
const TIMING_WORDS = /(срок|длит|долго|когда|быстро|недел|месяц)/i;

/** A passage cut at a sentence (or word) boundary near QUOTE_CHARS, ending in a full stop. */
function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= QUOTE_CHARS) return /[.!?…]$/.test(flat) ? flat : `${flat}.`;
  const cut = flat.slice(0, QUOTE_CHARS);
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return sentence > QUOTE_CHARS / 2 ? cut.slice(0, sentence + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

/** Plain answers from what the widget knows, delivered in small pieces like a streamed reply. */
export function createOfflineResponder(): Responder {
  return {
    name: 'offline',
    async reply(context, { onDelta, signal }) {
      const { text, sources } = offlineAnswer(context);
      for (const piece of text.match(/\S+\s*/g) ?? [text]) {
        if (signal.aborted) throw signal.reason;
        onDelta(piece);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return { model: 'offline', promptTokens: null, completionTokens: null, sources };
    },
  };
}

/** The longest passage the offline responder quotes. */
const QUOTE_CHARS = 600;

export function offlineAnswer(context: ReplyContext): { text: string; sources: string[] } {
  const { answer, quotable } = context.knowledge;
  const back = context.currentQuestion
    ? ` Давайте продолжим расчёт: ${context.currentQuestion}`
    : ' Менеджер свяжется с вами и ответит подробно.';
  // The company's own words first: a curated answer as it is, else the passage search is sure of.
  if (answer) return { text: `${answer.answer.trim()}${back}`, sources: [answer.entryId] };
  if (quotable) {
    return { text: `Вот что есть в наших материалах: ${quote(quotable.content)}${back}`, sources: [quotable.entryId] };
  }
  return { text: cannedAnswer(context, back), sources: [] };
}

/** What the offline responder says from the widget's settings alone, with the way back to the funnel. */
function cannedAnswer(context: ReplyContext, back: string): string {
  const question = context.visitorText;
  const contacts = [context.contacts.phone, context.contacts.email, context.contacts.address, context.contacts.website]
    .filter(Boolean)
    .join(', ');

  if (CONTACT_WORDS.test(question) && contacts) return `Наши контакты: ${contacts}.${back}`;
  // Timing first: «сколько длится» is about time, though «сколько» also asks prices.
  if (TIMING_WORDS.test(question)) {
    return `Сроки зависят от площади и вида ремонта; обычно косметический ремонт занимает 3–6 недель, капитальный — 2–4 месяца.${back}`;
  }
  if (PRICE_WORDS.test(question)) {
    return context.currentQuestion
      ? `Стоимость зависит от объекта, вида ремонта и площади — посчитаю её для вас за пару вопросов.${back}`
      : 'Предварительная смета уже готова — её можно скачать в PDF. Точную стоимость менеджер назовёт после замера.';
  }
  return `Я помощник компании «${context.companyName}» и лучше всего умею считать стоимость ремонта.${back}`;
}
