// The free question box, always there whatever the funnel asks: Enter sends, Shift+Enter starts
// a new line, and while a message is on its way the box waits (it keeps the focus, so the visitor
// types on as soon as it is through). «Работает на AI Max» sits under it unless the plan hides it.
import { SendHorizontal } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n';
import { useChatStore } from '../chatStore';
import { COMPOSER_INPUT_ID } from '../focus';

/** The box grows with the text up to about five lines, then scrolls. */
const MAX_HEIGHT = 128;

/** `poweredBy`: where «Работает на AI Max» leads, or null when the plan hides it. */
export function Composer({ poweredBy }: { poweredBy: string | null }) {
  const { sending, send, typed } = useChatStore(
    useShallow((state) => ({
      sending: state.outbox.some((item) => item.state === 'sending'),
      send: state.send,
      typed: state.typed,
    })),
  );
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the text.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT)}px`;
  }, [text]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (sending || !text.trim()) return;
    void send(text);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter while an input method is composing a word picks the word; it does not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form onSubmit={submit} className="shrink-0 border-t border-zinc-100 bg-white px-3 pt-3 pb-2">
      <div className="focus-within:ring-primary/50 flex items-end gap-2 rounded-3xl bg-zinc-100 py-1.5 pr-1.5 pl-4 ring-1 ring-transparent transition focus-within:bg-white focus-within:ring-2">
        <label htmlFor={COMPOSER_INPUT_ID} className="sr-only">
          {t.composer.label}
        </label>
        {/* 16px text on phones: iOS zooms the page into any smaller field that takes the focus. */}
        <textarea
          ref={box}
          id={COMPOSER_INPUT_ID}
          rows={1}
          maxLength={2000}
          value={text}
          readOnly={sending}
          aria-busy={sending}
          aria-describedby={hintId}
          placeholder={t.composer.placeholder}
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value.trim()) typed();
          }}
          onKeyDown={onKeyDown}
          className="min-h-9 flex-1 resize-none bg-transparent py-1.5 text-base leading-6 text-zinc-900 outline-none placeholder:text-zinc-500 read-only:opacity-60 sm:text-[15px]"
        />
        <button
          type="submit"
          aria-label={t.composer.send}
          disabled={sending || !text.trim()}
          className="bg-primary text-on-primary focus-visible:outline-primary flex size-9 shrink-0 items-center justify-center rounded-full shadow-sm transition hover:brightness-110 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:bg-zinc-300 disabled:text-white disabled:shadow-none"
        >
          <SendHorizontal aria-hidden size={17} />
        </button>
      </div>
      <p id={hintId} className="sr-only">
        {t.composer.hint}
      </p>
      {poweredBy && (
        <a
          href={poweredBy}
          target="_blank"
          rel="noopener"
          className="mx-auto mt-2 block w-fit rounded px-1 text-[11px] text-zinc-400 transition-colors hover:text-zinc-600 focus-visible:outline-2 focus-visible:outline-zinc-400"
        >
          {t.poweredBy}
        </a>
      )}
    </form>
  );
}
