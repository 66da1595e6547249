// The scrolling conversation: the company's welcome, the messages (a live log for screen readers:
// each stored message is announced once; the words of a reply being written are not, the stored
// reply is), and under the last question, the current step's answer. It stays pinned to the newest
// line while the visitor has not scrolled up to read.
import type { WidgetConfigView } from '@aimax/backend/contracts';
import { WifiOff } from 'lucide-react';
import { AnimatePresence, m } from 'motion/react';
import { type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n';
import { useChatStore } from '../chatStore';
import { CONVERSATION_ID } from '../focus';
import { type ChatRow, chatRows } from '../rows';
import { MessageRow } from './MessageRow';
import { StepPanel } from './StepPanel';

/** How close to the bottom still counts as "reading the newest": a few pixels of slack. */
const PINNED_SLACK = 48;

/**
 * Keeps the conversation scrolled to its newest line unless the visitor scrolled up to read; a
 * change of `visitorActs` (they sent or answered something) brings it back down.
 */
function useStickToBottom(
  scroller: RefObject<HTMLElement | null>,
  content: RefObject<HTMLDivElement | null>,
  visitorActs: number,
) {
  const pinned = useRef(true);
  // Where we last scrolled to: a scroll event above it is the visitor going up to read (content
  // may grow again before our own scroll's event arrives, so "far from the bottom" alone is not).
  const ownTop = useRef(0);

  const toBottom = useCallback(() => {
    const viewport = scroller.current;
    if (!viewport || !pinned.current) return;
    viewport.scrollTop = viewport.scrollHeight;
    ownTop.current = viewport.scrollTop;
  }, [scroller]);

  useEffect(() => {
    const viewport = scroller.current;
    const inner = content.current;
    if (!viewport || !inner) return;
    const onScroll = () => {
      if (viewport.scrollHeight - viewport.scrollTop - viewport.clientHeight <= PINNED_SLACK) pinned.current = true;
      else if (viewport.scrollTop < ownTop.current - 1) pinned.current = false;
    };
    // Whatever grows the conversation (a message, streamed words, a form's error, a phone's
    // keyboard shrinking the view) changes one of these two sizes.
    const observer = new ResizeObserver(toBottom);
    observer.observe(inner);
    observer.observe(viewport);
    viewport.addEventListener('scroll', onScroll, { passive: true });
    toBottom();
    return () => {
      observer.disconnect();
      viewport.removeEventListener('scroll', onScroll);
    };
  }, [scroller, content, toBottom]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: each act of the visitor re-pins.
  useEffect(() => {
    pinned.current = true;
    toBottom();
  }, [visitorActs, toBottom]);
}

/** Whether a row slides in: not when it was there on load, nor when it replaces a bubble already on screen. */
function animates(row: ChatRow, loadedSeq: number): boolean {
  if (row.type !== 'message') return true;
  const { message } = row;
  if (message.seq <= loadedSeq) return false;
  const wasPending = message.role === 'visitor' && message.kind === 'text';
  const wasDraft = typeof message.data.replyId === 'string';
  return !wasPending && !wasDraft;
}

function Welcome({ config }: { config: WidgetConfigView }) {
  if (!config.welcomeTitle && !config.welcomeText) return null;
  return (
    <div className="rounded-2xl bg-white px-4 py-3.5 shadow-xs ring-1 ring-zinc-950/5">
      {config.welcomeTitle && (
        <h2 className="text-[15px] leading-snug font-semibold [overflow-wrap:anywhere] text-zinc-900">
          {config.welcomeTitle}
        </h2>
      )}
      {config.welcomeText && (
        <p className="mt-1 text-[13px] leading-relaxed [overflow-wrap:anywhere] whitespace-pre-line text-zinc-500">
          {config.welcomeText}
        </p>
      )}
    </div>
  );
}

export function Conversation({ config }: { config: WidgetConfigView }) {
  const { messages, outbox, drafts, step, active, loadedSeq, reconnecting } = useChatStore(
    useShallow((state) => ({
      messages: state.messages,
      outbox: state.outbox,
      drafts: state.drafts,
      step: state.step,
      active: state.status === 'active',
      loadedSeq: state.loadedSeq,
      reconnecting: state.connection === 'reconnecting',
    })),
  );
  const rows = useMemo(() => chatRows(messages, outbox, drafts), [messages, outbox, drafts]);
  const writing = Object.keys(drafts).length > 0;
  const scroller = useRef<HTMLElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const visitorActs = useMemo(
    () => outbox.length + messages.filter((message) => message.role === 'visitor').length,
    [messages, outbox],
  );
  useStickToBottom(scroller, content, visitorActs);

  return (
    <div className="relative min-h-0 flex-1">
      <AnimatePresence>
        {reconnecting && (
          <m.p
            role="status"
            className="absolute inset-x-0 top-2 z-10 mx-auto flex w-fit items-center gap-1.5 rounded-full bg-amber-50 px-3 py-1.5 text-xs font-medium text-amber-800 shadow-sm ring-1 ring-amber-200"
            initial={{ opacity: 0, y: -6 }}
            animate={{ opacity: 1, y: 0 }}
            exit={{ opacity: 0, y: -6 }}
          >
            <WifiOff aria-hidden size={13} />
            {t.conversation.reconnecting}
          </m.p>
        )}
      </AnimatePresence>
      {/* Positioned, so the visually hidden texts inside are clipped by it and never scroll the page. */}
      <section
        ref={scroller}
        id={CONVERSATION_ID}
        aria-label={t.conversation.region}
        tabIndex={-1}
        className="relative h-full overflow-y-auto overscroll-contain bg-zinc-50 outline-none"
      >
        <div ref={content} className="px-4 pt-4 pb-5">
          <Welcome config={config} />
          <div role="log" aria-label={t.conversation.label}>
            {rows.map((row) =>
              row.type === 'draft' ? (
                // The words of a reply being written are not read out one by one; the stored reply is.
                <div key={row.key} aria-hidden>
                  <MessageRow row={row} bot={config.bot} animate />
                </div>
              ) : (
                <MessageRow key={row.key} row={row} bot={config.bot} animate={animates(row, loadedSeq)} />
              ),
            )}
          </div>
          <p role="status" className="sr-only">
            {writing ? t.conversation.typing(config.bot.name || t.conversation.operator) : ''}
          </p>
          <AnimatePresence mode="wait" initial={false}>
            {step && active && <StepPanel key={step.id} step={step} />}
          </AnimatePresence>
        </div>
      </section>
    </div>
  );
}
