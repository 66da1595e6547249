// One row of the conversation: a bot or visitor bubble, a message still being sent (or that failed,
// with «повторить»), a reply being written (dots, then its words as they stream), or the estimate.
import type { WidgetConfigView } from '@aimax/backend/contracts';
import { RotateCcw } from 'lucide-react';
import { m } from 'motion/react';
import type { ReactNode } from 'react';
import { cx } from '@/lib/ui/cx';
import { t } from '../../i18n';
import { useChatStore } from '../chatStore';
import { estimateOf, formatTime } from '../format';
import type { ChatRow } from '../rows';
import { BotAvatar } from './BotAvatar';
import { EstimateCard } from './EstimateCard';

const enter = { opacity: 0, y: 10, scale: 0.98 };
const shown = { opacity: 1, y: 0, scale: 1 };
const transition = { duration: 0.24, ease: [0.2, 0.8, 0.2, 1] as const };

interface RowProps {
  row: ChatRow;
  bot: WidgetConfigView['bot'];
  /** Whether the row slides in: rows loaded with the conversation, or that replace a bubble already shown, do not. */
  animate: boolean;
}

const bubbleText = 'whitespace-pre-line text-[14px] leading-relaxed [overflow-wrap:anywhere]';

function BotRow({ row, bot, animate, children, meta }: RowProps & { children: ReactNode; meta: string | null }) {
  return (
    <m.div
      className={cx(row.first ? 'mt-4' : 'mt-1')}
      initial={animate ? enter : false}
      animate={shown}
      transition={transition}
    >
      <div className="flex items-end gap-2">
        <div className="w-7 shrink-0">{row.last && <BotAvatar bot={bot} size="sm" />}</div>
        <div
          className={cx(
            // Bubbles of a group meet with tighter corners on the speaker's side, as in messengers.
            'min-w-0 max-w-[85%] rounded-2xl rounded-bl-md bg-white px-3.5 py-2.5 text-zinc-800 shadow-xs ring-1 ring-zinc-950/5',
            !row.first && 'rounded-tl-md',
            bubbleText,
          )}
        >
          {children}
        </div>
      </div>
      {row.last && meta && <p className="mt-1 pl-9 text-[11px] text-zinc-400">{meta}</p>}
    </m.div>
  );
}

function VisitorRow({
  row,
  animate,
  children,
  meta,
  muted = false,
}: Omit<RowProps, 'bot'> & { children: ReactNode; meta: ReactNode; muted?: boolean }) {
  return (
    <m.div
      className={cx('flex flex-col items-end', row.first ? 'mt-4' : 'mt-1')}
      initial={animate ? enter : false}
      animate={shown}
      transition={transition}
    >
      <div
        className={cx(
          'max-w-[85%] rounded-2xl rounded-br-md bg-primary px-3.5 py-2.5 text-on-primary shadow-xs transition-opacity',
          !row.first && 'rounded-tr-md',
          muted && 'opacity-60',
          bubbleText,
        )}
      >
        <span className="sr-only">{t.conversation.you}: </span>
        {children}
      </div>
      {meta}
    </m.div>
  );
}

function PendingRow({ row }: { row: Extract<ChatRow, { type: 'pending' }> }) {
  const retry = useChatStore((state) => state.retry);
  const { pending } = row;
  const failed = pending.state === 'failed';
  return (
    <VisitorRow
      row={row}
      animate
      muted={!failed}
      meta={
        failed ? (
          <button
            type="button"
            onClick={() => void retry(pending.localId)}
            title={pending.error ?? undefined}
            className="mt-1 flex items-center gap-1 rounded-md px-1 text-[12px] font-medium text-red-600 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-red-600"
          >
            <RotateCcw aria-hidden size={12} strokeWidth={2.5} />
            {t.conversation.notSent}
          </button>
        ) : (
          <span className="sr-only">{t.conversation.sending}</span>
        )
      }
    >
      {pending.text}
    </VisitorRow>
  );
}

export function MessageRow({ row, bot, animate }: RowProps) {
  if (row.type === 'pending') return <PendingRow row={row} />;

  if (row.type === 'draft') {
    return (
      <BotRow row={row} bot={bot} animate={animate} meta={null}>
        {row.text ? (
          <>
            {row.text}
            <span aria-hidden className="animate-caret ml-0.5 inline-block h-4 w-0.5 translate-y-0.5 bg-zinc-400" />
          </>
        ) : (
          <span aria-hidden className="flex h-[22px] items-center gap-1 px-0.5">
            {[0, 150, 300].map((delay) => (
              <span
                key={delay}
                className="animate-typing size-1.5 rounded-full bg-zinc-400"
                style={{ animationDelay: `${delay}ms` }}
              />
            ))}
          </span>
        )}
      </BotRow>
    );
  }

  const { message } = row;
  const time = formatTime(message.createdAt);
  if (message.kind === 'estimate') {
    const estimate = estimateOf(message.data);
    if (estimate) return <EstimateCard estimate={estimate} animate={animate} />;
  }
  if (row.side === 'visitor') {
    return (
      <VisitorRow
        row={row}
        animate={animate}
        meta={row.last && <p className="mt-1 pr-1 text-[11px] text-zinc-400">{time}</p>}
      >
        {message.content}
      </VisitorRow>
    );
  }
  if (message.kind === 'notice') {
    return (
      <m.p
        className="mx-auto mt-4 max-w-[85%] text-center text-[12px] leading-snug text-zinc-500"
        initial={animate ? enter : false}
        animate={shown}
        transition={transition}
      >
        {message.content}
      </m.p>
    );
  }
  const operatorName = typeof message.data.operatorName === 'string' ? message.data.operatorName : null;
  const author = message.role === 'operator' ? (operatorName ?? t.conversation.operator) : bot.name;
  return (
    <BotRow row={row} bot={bot} animate={animate} meta={author ? `${author} · ${time}` : time}>
      {author && <span className="sr-only">{author}: </span>}
      {message.content}
    </BotRow>
  );
}
