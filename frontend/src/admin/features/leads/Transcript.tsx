// The conversation a lead came from, as the visitor saw it: the bot and the company's managers on
// the left, the visitor on the right. Funnel questions, the options the visitor picked and the
// estimate each look their own way, so the quiz reads apart from free conversation.
import type { MessageView } from '@aimax/backend/contracts';
import { Bot, Calculator, Check, Headset, type LucideIcon, UserRound } from 'lucide-react';
import { formatTime } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';

const speakerIcons: Record<MessageView['role'], LucideIcon> = { bot: Bot, operator: Headset, visitor: UserRound };

export function Transcript({ messages }: { messages: MessageView[] }) {
  const text = t.leads.transcript;
  return (
    <Card aria-labelledby="lead-transcript-title">
      <CardHeader titleId="lead-transcript-title" title={text.title} description={text.count(messages.length)} />
      {messages.length === 0 ? (
        <p className="px-5 py-5 text-sm text-zinc-500">{text.empty}</p>
      ) : (
        <ol className="space-y-1.5 bg-zinc-50/60 px-4 py-5 sm:px-5">
          {messages.map((message, index) => {
            // Who speaks and when is said once for each run of one speaker's messages.
            const opensRun = messages[index - 1]?.role !== message.role;
            return (
              <li key={message.id} className={cx(opensRun && index > 0 && 'pt-3')}>
                <Message message={message} opensRun={opensRun} />
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}

function Message({ message, opensRun }: { message: MessageView; opensRun: boolean }) {
  const fromVisitor = message.role === 'visitor';
  const Icon = speakerIcons[message.role];
  return (
    <div className={cx('flex flex-col', fromVisitor ? 'items-end' : 'items-start')}>
      {opensRun && (
        <p
          className={cx(
            'mb-1 flex items-center gap-1.5 text-[11px] font-medium text-zinc-500',
            fromVisitor && 'flex-row-reverse',
          )}
        >
          <Icon aria-hidden size={13} className="text-zinc-400" />
          {t.leads.transcript.roles[message.role]}
          <span className="font-normal text-zinc-400 tabular-nums">{formatTime(message.createdAt)}</span>
        </p>
      )}
      <Bubble message={message} />
    </div>
  );
}

function Bubble({ message }: { message: MessageView }) {
  const base = 'max-w-[85%] px-3.5 py-2 text-sm leading-relaxed whitespace-pre-line break-words sm:max-w-[75%]';
  switch (message.kind) {
    case 'question':
      return (
        <div
          className={cx(base, 'rounded-2xl rounded-tl-md border border-zinc-200 bg-white font-medium text-zinc-900')}
        >
          {message.content}
        </div>
      );
    case 'answer':
      return (
        <div
          className={cx(
            base,
            'border-brand-200 bg-brand-50 text-brand-800 flex items-center gap-1.5 rounded-full border py-1.5 font-medium',
          )}
        >
          <Check aria-hidden size={14} className="text-brand-500 shrink-0" />
          {message.content}
        </div>
      );
    case 'estimate':
      return (
        <div className={cx(base, 'rounded-2xl rounded-tl-md border border-emerald-200 bg-emerald-50 text-emerald-950')}>
          <p className="mb-0.5 flex items-center gap-1.5 text-xs font-semibold text-emerald-700">
            <Calculator aria-hidden size={14} />
            {t.leads.transcript.estimate}
          </p>
          {message.content}
        </div>
      );
    case 'text':
      return (
        <div
          className={cx(
            base,
            'rounded-2xl',
            message.role === 'visitor' && 'bg-brand-600 rounded-tr-md text-white',
            message.role === 'bot' && 'rounded-tl-md bg-zinc-200/70 text-zinc-900',
            message.role === 'operator' && 'rounded-tl-md bg-sky-100 text-sky-950',
          )}
        >
          {message.content}
        </div>
      );
  }
}
