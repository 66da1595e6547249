// The manager's reply at the foot of the conversation. Enter sends and Shift+Enter starts a new
// line, as in messengers; a reply that fails stays in the box to be sent again. Writing while the
// AI answers takes the dialog over (the server does it), so the box says so beforehand; while a
// colleague holds the dialog or it is closed, the box is off and says why.
import type { MessageView } from '@aimax/backend/contracts';
import { SendHorizontal } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useId, useRef, useState } from 'react';
import { api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Button } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import type { Holding } from './liveDialog';

/** The API's limit on one message. */
const MAX_LENGTH = 4000;

interface ComposerProps {
  dialogId: string;
  holding: Holding;
  onSent(message: MessageView): void;
  /** The server refused as the dialog moved meanwhile: it is read again. */
  onStale(): void;
}

export function Composer({ dialogId, holding, onSent, onStale }: ComposerProps) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  const copy = t.dialogs.composer;
  const blocked = holding.kind === 'closed' ? copy.closed : holding.kind === 'other' ? copy.heldBy(holding.name) : null;
  const note = blocked ?? (holding.kind === 'free' ? copy.takesOver : copy.hint);

  const send = async () => {
    const trimmed = text.trim();
    if (!trimmed || busy || blocked) return;
    setBusy(true);
    try {
      onSent(await api.dialogs.send(dialogId, trimmed));
      setText('');
      field.current?.focus();
    } catch (caught) {
      const error = toApiError(caught);
      toast(error.message, 'error');
      if (error.code === 'DIALOG_HELD' || error.code === 'DIALOG_CLOSED') onStale();
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter that confirms a word being composed (an IME, a phone's suggestions) is not a send.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  };

  return (
    <form
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void send();
      }}
      className="border-t border-zinc-100 bg-white px-4 py-3 sm:px-5"
    >
      <div className="flex items-end gap-2">
        <textarea
          ref={field}
          name="text"
          rows={2}
          value={text}
          maxLength={MAX_LENGTH}
          disabled={blocked !== null}
          aria-label={copy.label}
          aria-describedby={noteId}
          placeholder={blocked ? undefined : copy.placeholder}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          className="focus:border-brand-500 focus:ring-brand-500/15 block field-sizing-content max-h-48 min-h-11 w-full min-w-0 flex-1 resize-none rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm leading-relaxed text-zinc-900 shadow-xs transition-[border-color,box-shadow] outline-none placeholder:text-zinc-400 hover:border-zinc-400 focus:ring-4 disabled:cursor-not-allowed disabled:bg-zinc-50"
        />
        <Button
          type="submit"
          icon={SendHorizontal}
          loading={busy}
          disabled={blocked !== null || !text.trim()}
          className="max-sm:w-10 max-sm:px-0"
        >
          <span className="max-sm:sr-only">{copy.send}</span>
        </Button>
      </div>
      <p
        id={noteId}
        className={cx(
          'mt-2 text-[13px]',
          blocked ? 'font-medium text-zinc-700' : 'text-zinc-500',
          // Key combinations mean little on a phone's on-screen keyboard.
          note === copy.hint && 'max-sm:hidden',
        )}
      >
        {note}
      </p>
    </form>
  );
}
