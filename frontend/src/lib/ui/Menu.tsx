// A dropdown menu behind a button, with the keyboard behaviour of the WAI-ARIA menu button
// pattern: arrows move between items, Escape closes and returns focus to the button.
import type { LucideIcon } from 'lucide-react';
import { AnimatePresence, motion } from 'motion/react';
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { cx } from './cx';

export interface MenuItem {
  label: string;
  icon: LucideIcon;
  onSelect(): void;
  tone?: 'neutral' | 'danger';
}

interface MenuProps {
  /** The button's accessible name. */
  label: string;
  button: ReactNode;
  /** Shown above the items, e.g. who is signed in. */
  header?: ReactNode;
  items: MenuItem[];
}

export function Menu({ label, button, header, items }: MenuProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<Array<HTMLButtonElement | null>>([]);

  useEffect(() => {
    if (!open) return;
    itemRefs.current[0]?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = itemRefs.current.indexOf(document.activeElement as HTMLButtonElement);
    const move = (index: number) => itemRefs.current[(index + items.length) % items.length]?.focus();
    if (event.key === 'ArrowDown') move(current + 1);
    else if (event.key === 'ArrowUp') move(current - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') close();
    else if (event.key === 'Tab') setOpen(false);
    else return;
    if (event.key !== 'Tab') event.preventDefault();
  };

  return (
    <div ref={root} className="relative">
      <button
        ref={trigger}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className="focus-visible:outline-brand-500 flex items-center gap-2 rounded-lg p-1 transition-colors hover:bg-zinc-100 focus-visible:outline-2 aria-expanded:bg-zinc-100"
      >
        {button}
      </button>
      <AnimatePresence>
        {open && (
          <motion.div
            id={menuId}
            role="menu"
            aria-label={label}
            onKeyDown={onMenuKeyDown}
            initial={{ opacity: 0, y: -4, scale: 0.98 }}
            animate={{ opacity: 1, y: 0, scale: 1 }}
            exit={{ opacity: 0, y: -4, scale: 0.98, transition: { duration: 0.1 } }}
            transition={{ duration: 0.14 }}
            className="absolute right-0 z-40 mt-2 w-64 origin-top-right rounded-xl border border-zinc-200 bg-white p-1.5 shadow-xl shadow-zinc-950/10"
          >
            {header && <div className="border-b border-zinc-100 px-2.5 pt-1.5 pb-2.5">{header}</div>}
            <div className={header ? 'pt-1.5' : undefined}>
              {items.map((item, index) => (
                <button
                  key={item.label}
                  ref={(element) => {
                    itemRefs.current[index] = element;
                  }}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  onClick={() => {
                    // Focus goes back to the button first, so a dialog the item opens returns it there.
                    close();
                    item.onSelect();
                  }}
                  className={cx(
                    'flex w-full items-center gap-2.5 rounded-lg px-2.5 py-2 text-left text-sm outline-none transition-colors',
                    item.tone === 'danger'
                      ? 'text-red-600 hover:bg-red-50 focus:bg-red-50'
                      : 'text-zinc-700 hover:bg-zinc-100 focus:bg-zinc-100',
                  )}
                >
                  <item.icon aria-hidden size={16} className="opacity-80" />
                  {item.label}
                </button>
              ))}
            </div>
          </motion.div>
        )}
      </AnimatePresence>
    </div>
  );
}
