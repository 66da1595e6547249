// A modal dialog: rendered above the page, focus kept inside while it is open and returned to
// where it was afterwards, closed by Escape or a click outside unless it is busy.
import { X } from 'lucide-react';
import { AnimatePresence, motion } from 'motion/react';
import { type KeyboardEvent, type ReactNode, useEffect, useEffectEvent, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import { t } from '../i18n';
import { IconButton } from './Button';
import { cx } from './cx';

// `iframe`: a form embedded from elsewhere, such as YooKassa's payment form, is reached by Tab too.
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select, textarea, iframe, [tabindex]:not([tabindex="-1"])';

/** The dialogs open now, the latest last: Escape closes only the top one, as a confirmation over a dialog. */
const openDialogs: object[] = [];

interface DialogProps {
  open: boolean;
  onClose(): void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** While true (a request is in flight) the dialog cannot be dismissed. */
  busy?: boolean;
  /** `lg` for long texts being written. */
  size?: 'sm' | 'md' | 'lg';
}

export function Dialog(props: DialogProps) {
  return createPortal(<AnimatePresence>{props.open && <DialogFrame {...props} />}</AnimatePresence>, document.body);
}

function DialogFrame({ onClose, title, description, children, busy = false, size = 'md' }: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const dismiss = () => {
    if (!busy) onClose();
  };
  // Reads the latest `busy` without re-running the effect, which would move the focus again.
  const onEscape = useEffectEvent(dismiss);

  useEffect(() => {
    const self = {};
    openDialogs.push(self);
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = panel.current;
    // The first field rather than the close button, unless a control asks for focus itself.
    const first =
      root?.querySelector<HTMLElement>('[data-autofocus]') ??
      [...(root?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].find(
        (element) => !element.hasAttribute('data-dialog-close'),
      );
    (first ?? root)?.focus();

    const { overflow } = document.body.style;
    document.body.style.overflow = 'hidden';
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape' && openDialogs.at(-1) === self) {
        event.stopPropagation();
        onEscape();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      openDialogs.splice(openDialogs.indexOf(self), 1);
      document.removeEventListener('keydown', onKeyDown);
      document.body.style.overflow = overflow;
      previouslyFocused?.focus();
    };
  }, []);

  // Tab from the last control goes back to the first, and Shift+Tab the other way round.
  const trapFocus = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'Tab' || !panel.current) return;
    const focusable = [...panel.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="fixed inset-0 z-50 flex items-end justify-center p-4 sm:items-center">
      <motion.div
        aria-hidden
        className="absolute inset-0 bg-zinc-950/40 backdrop-blur-[2px]"
        initial={{ opacity: 0 }}
        animate={{ opacity: 1 }}
        exit={{ opacity: 0 }}
        transition={{ duration: 0.15 }}
        onClick={dismiss}
      />
      <motion.div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={trapFocus}
        className={cx(
          'relative max-h-[calc(100dvh-2rem)] w-full overflow-y-auto rounded-2xl border border-zinc-200 bg-white shadow-2xl shadow-zinc-950/10 outline-none',
          { sm: 'max-w-md', md: 'max-w-lg', lg: 'max-w-2xl' }[size],
        )}
        initial={{ opacity: 0, y: 12, scale: 0.97 }}
        animate={{ opacity: 1, y: 0, scale: 1 }}
        exit={{ opacity: 0, y: 8, scale: 0.98 }}
        transition={{ type: 'spring', duration: 0.3, bounce: 0.12 }}
      >
        <div className="flex items-start justify-between gap-4 px-6 pt-5">
          <div className="min-w-0">
            <h2 id={titleId} className="text-lg font-semibold tracking-tight text-zinc-900">
              {title}
            </h2>
            {description && (
              <div id={descriptionId} className="mt-1 text-sm leading-relaxed text-zinc-500">
                {description}
              </div>
            )}
          </div>
          <IconButton
            icon={X}
            label={t.common.close}
            data-dialog-close
            disabled={busy}
            onClick={onClose}
            className="-mt-1 -mr-2"
          />
        </div>
        <div className="px-6 pt-5 pb-6">{children}</div>
      </motion.div>
    </div>
  );
}

/** The row of buttons at the bottom of a dialog. */
export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">{children}</div>;
}
