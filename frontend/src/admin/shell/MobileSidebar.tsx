// The sidebar as a drawer on narrow screens: slides in over the page, closes on Escape, on a
// click outside and after a link is followed.
import { X } from 'lucide-react';
import { AnimatePresence, motion } from 'motion/react';
import { useEffect, useEffectEvent, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { Role } from '@/lib/api';
import { t } from '@/lib/i18n';
import { IconButton } from '@/lib/ui/Button';
import { Sidebar } from './Sidebar';

interface MobileSidebarProps {
  open: boolean;
  onClose(): void;
  role: Role;
}

export function MobileSidebar({ open, onClose, role }: MobileSidebarProps) {
  return createPortal(
    <AnimatePresence>{open && <Drawer onClose={onClose} role={role} />}</AnimatePresence>,
    document.body,
  );
}

function Drawer({ onClose, role }: Omit<MobileSidebarProps, 'open'>) {
  const closeButton = useRef<HTMLButtonElement>(null);
  const onEscape = useEffectEvent(onClose);

  useEffect(() => {
    const previouslyFocused = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeButton.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onEscape();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      previouslyFocused?.focus();
    };
  }, []);

  return (
    <div className="fixed inset-0 z-50 lg:hidden">
      <motion.div
        aria-hidden
        className="absolute inset-0 bg-zinc-950/40 backdrop-blur-[2px]"
        initial={{ opacity: 0 }}
        animate={{ opacity: 1 }}
        exit={{ opacity: 0 }}
        onClick={onClose}
      />
      <motion.div
        role="dialog"
        aria-modal="true"
        aria-label={t.nav.label}
        className="absolute inset-y-0 left-0 w-72 max-w-[85vw] border-r border-zinc-200 bg-white shadow-2xl"
        initial={{ x: '-100%' }}
        animate={{ x: 0 }}
        exit={{ x: '-100%' }}
        transition={{ type: 'spring', duration: 0.35, bounce: 0 }}
      >
        <IconButton
          ref={closeButton}
          icon={X}
          label={t.common.closeMenu}
          onClick={onClose}
          className="absolute top-4 right-3"
        />
        <Sidebar role={role} onNavigate={onClose} />
      </motion.div>
    </div>
  );
}
