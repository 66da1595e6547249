// The whole conversation, live, as a log screen readers follow: the visitor on the right; the bot
// and the company's managers, each by name, on the left; notices of who joined or left as lines of
// their own in the middle. Funnel questions, the options picked and the estimate each look their
// own way. The AI's reply being written shows as a draft, and a reply a takeover cut short is
// marked so; under a reply, the knowledge entries it drew on, and beside a manager's answer, the
// way to make it a pair of the knowledge base. The view keeps to the newest message unless the
// manager scrolled up to read.
import type { MessageView } from '@aimax/backend/contracts';
import { BookPlus, Bot, Calculator, Check, Headset, type LucideIcon, Scissors, UserRound } from 'lucide-react';
import { type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import { formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';
import { Spinner } from '@/lib/ui/Spinner';
import { KnowledgeSources } from '../knowledge/KnowledgeSources';
import { knowledgeIdsOf } from '../knowledge/sources';
import type { PairFromMessage } from '../knowledge/usePairFromMessage';

const speakerIcons: Record<MessageView['role'], LucideIcon> = { bot: Bot, operator: Headset, visitor: UserRound };

/** How close to the end counts as reading the newest messages, in pixels. */
const NEAR_END = 96;

const operatorNameOf = (message: MessageView) =>
  typeof message.data.operatorName === 'string' && message.data.operatorName ? message.data.operatorName : null;

/** Who wrote a message, as its run of messages is headed: a manager by name. */
function authorOf(message: MessageView): string {
  const roles = t.dialogs.conversation.roles;
  return message.role === 'operator' ? (operatorNameOf(message) ?? roles.operator) : roles[message.role];
}

interface ConversationProps {
  messages: MessageView[];
  drafts: Record<string, string>;
  visitorTyping: boolean;
  /** The titles of the knowledge entries replies drew on; undefined while they are read. */
  knowledgeTitles: ReadonlyMap<string, string> | undefined;
  /** «Добавить в базу знаний» from a manager's answer. */
  pairFromMessage: Pick<PairFromMessage, 'start' | 'loadingId'>;
  /** The composer, at the foot of the card. */
  children: ReactNode;
}

export function Conversation({
  messages,
  drafts,
  visitorTyping,
  knowledgeTitles,
  pairFromMessage,
  children,
}: ConversationProps) {
  const titleId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const text = t.dialogs.conversation;
  const spoken = messages.filter((message) => message.kind !== 'notice').length;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && atEnd.current) element.scrollTop = element.scrollHeight;
  });

  return (
    // On wide screens the conversation stays in view, the height of the window, while the details
    // beside it scroll past.
    <Card
      aria-labelledby={titleId}
      className="flex flex-col overflow-hidden lg:sticky lg:top-24 lg:h-[calc(100dvh-8rem)]"
    >
      <CardHeader titleId={titleId} title={text.title} description={text.count(spoken)} />
      <div
        ref={scroller}
        onScroll={(event) => {
          const element = event.currentTarget;
          atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_END;
        }}
        className="h-[60dvh] min-h-80 overflow-y-auto overscroll-contain bg-zinc-50/60 px-4 py-5 sm:px-5 lg:h-auto lg:min-h-0 lg:flex-1"
      >
        {messages.length === 0 && <p className="py-10 text-center text-sm text-zinc-500">{text.empty}</p>}
        <div role="log" aria-labelledby={titleId} className="space-y-1.5">
          {messages.map((message, index) => {
            const previous = messages[index - 1];
            // Who speaks and when is said once for each run of one author's messages.
            const opensRun =
              message.kind !== 'notice' &&
              (!previous || previous.kind === 'notice' || authorOf(previous) !== authorOf(message));
            return (
              <div key={message.id} className={cx(opensRun && index > 0 && 'pt-3')}>
                {message.kind === 'notice' ? (
                  <Notice message={message} />
                ) : (
                  <Message
                    message={message}
                    opensRun={opensRun}
                    knowledgeTitles={knowledgeTitles}
                    pairFromMessage={pairFromMessage}
                  />
                )}
              </div>
            );
          })}
        </div>
        {Object.entries(drafts).map(([replyId, draft]) => (
          <Draft key={replyId} text={draft} />
        ))}
        {visitorTyping && (
          <p role="status" className="mt-3 flex items-center justify-end gap-2 text-xs text-zinc-500">
            <TypingDots />
            {text.visitorTyping}
          </p>
        )}
      </div>
      {children}
    </Card>
  );
}

function Notice({ message }: { message: MessageView }) {
  return (
    <p className="flex items-center gap-3 py-2 text-center text-xs text-zinc-500 before:h-px before:flex-1 before:bg-zinc-200 after:h-px after:flex-1 after:bg-zinc-200">
      <span className="max-w-[80%]">
        {message.content}
        <span className="ml-1.5 text-zinc-400 tabular-nums">{formatTime(message.createdAt)}</span>
      </span>
    </p>
  );
}

interface MessageProps extends Pick<ConversationProps, 'knowledgeTitles' | 'pairFromMessage'> {
  message: MessageView;
  opensRun: boolean;
}

function Message({ message, opensRun, knowledgeTitles, pairFromMessage }: MessageProps) {
  const fromVisitor = message.role === 'visitor';
  const Icon = speakerIcons[message.role];
  const cut = message.data.cut === true;
  return (
    <div className={cx('flex flex-col', fromVisitor ? 'items-end' : 'items-start')}>
      {opensRun && (
        <p
          className={cx(
            'mb-1 flex items-center gap-1.5 text-[11px] font-medium text-zinc-500',
            fromVisitor && 'flex-row-reverse',
          )}
        >
          <Icon aria-hidden size={13} className={message.role === 'operator' ? 'text-sky-600' : 'text-zinc-400'} />
          {authorOf(message)}
          <span className="font-normal text-zinc-400 tabular-nums">{formatTime(message.createdAt)}</span>
        </p>
      )}
      {/* Runs say their author once; a screen reader, going message by message, hears it on each. */}
      {!opensRun && <span className="sr-only">{authorOf(message)}: </span>}
      <Bubble message={message} />
      {cut && (
        <p className="mt-1 flex items-center gap-1 text-[11px] text-zinc-400" title={t.dialogs.conversation.cutLabel}>
          <Scissors aria-hidden size={11} />
          {t.dialogs.conversation.cut}
          <span className="sr-only">: {t.dialogs.conversation.cutLabel}</span>
        </p>
      )}
      {message.kind === 'text' && <KnowledgeSources ids={knowledgeIdsOf(message)} titles={knowledgeTitles} />}
      {message.role === 'operator' && message.kind === 'text' && (
        <AddToKnowledge
          busy={pairFromMessage.loadingId === message.id}
          disabled={pairFromMessage.loadingId !== null}
          onClick={() => pairFromMessage.start(message.id)}
        />
      )}
    </div>
  );
}

function AddToKnowledge({ busy, disabled, onClick }: { busy: boolean; disabled: boolean; onClick(): void }) {
  const text = t.dialogs.conversation;
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-busy={busy || undefined}
      aria-label={text.addToKnowledgeLabel}
      className="hover:text-brand-700 focus-visible:outline-brand-500 mt-1 inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-[11px] font-medium text-zinc-500 transition-colors hover:bg-white focus-visible:outline-2 disabled:opacity-60"
    >
      {busy ? <Spinner size={12} /> : <BookPlus aria-hidden size={12} />}
      {text.addToKnowledge}
    </button>
  );
}

const bubble = 'max-w-[85%] px-3.5 py-2 text-sm leading-relaxed whitespace-pre-line break-words sm:max-w-[75%]';

function Bubble({ message }: { message: MessageView }) {
  switch (message.kind) {
    case 'question':
      return (
        <div
          className={cx(bubble, 'rounded-2xl rounded-tl-md border border-zinc-200 bg-white font-medium text-zinc-900')}
        >
          {message.content}
        </div>
      );
    case 'answer':
      return (
        <div
          className={cx(
            bubble,
            'border-brand-200 bg-brand-50 text-brand-800 flex items-center gap-1.5 rounded-full border py-1.5 font-medium',
          )}
        >
          <Check aria-hidden size={14} className="text-brand-500 shrink-0" />
          {message.content}
        </div>
      );
    case 'estimate':
      return (
        <div
          className={cx(bubble, 'rounded-2xl rounded-tl-md border border-emerald-200 bg-emerald-50 text-emerald-950')}
        >
          <p className="mb-0.5 flex items-center gap-1.5 text-xs font-semibold text-emerald-700">
            <Calculator aria-hidden size={14} />
            {t.dialogs.conversation.estimate}
          </p>
          {message.content}
        </div>
      );
    default:
      return (
        <div
          className={cx(
            bubble,
            'rounded-2xl',
            message.role === 'visitor' && 'bg-brand-600 rounded-tr-md text-white',
            message.role === 'bot' && 'rounded-tl-md bg-zinc-200/70 text-zinc-900',
            message.role === 'operator' && 'rounded-tl-md bg-sky-100 text-sky-950',
            message.data.cut === true && 'opacity-75',
          )}
        >
          {message.content}
        </div>
      );
  }
}

/** A reply the AI is still writing: dots until its first words, then the words as they come. */
function Draft({ text }: { text: string }) {
  return (
    <div className="mt-4 flex flex-col items-start">
      <p className="mb-1 flex items-center gap-1.5 text-[11px] font-medium text-zinc-500">
        <Bot aria-hidden size={13} className="text-zinc-400" />
        {t.dialogs.conversation.draft}
      </p>
      <div
        className={cx(bubble, 'rounded-2xl rounded-tl-md border border-dashed border-zinc-300 bg-white text-zinc-600')}
      >
        {text || <TypingDots />}
      </div>
    </div>
  );
}

function TypingDots() {
  return (
    <span aria-hidden className="inline-flex items-center gap-1">
      {[0, 150, 300].map((delay) => (
        <span
          key={delay}
          className="size-1.5 animate-pulse rounded-full bg-zinc-400"
          style={{ animationDelay: `${delay}ms` }}
        />
      ))}
    </span>
  );
}
