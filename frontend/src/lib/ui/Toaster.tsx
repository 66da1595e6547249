import { CircleAlert, CircleCheck, X } from 'lucide-react';
import { AnimatePresence, motion } from 'motion/react';
import { Link } from 'react-router';
import { t } from '../i18n';
import { useToastStore } from '../stores/useToastStore';

/** Where toasts appear: bottom right on wide screens, bottom centre on phones. */
export function Toaster() {
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.dismiss);
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-0 z-[60] flex flex-col items-center gap-2 p-4 sm:items-end"
    >
      <AnimatePresence initial={false}>
        {toasts.map((toast) => (
          <motion.div
            key={toast.id}
            layout
            role="status"
            initial={{ opacity: 0, y: 16, scale: 0.96 }}
            animate={{ opacity: 1, y: 0, scale: 1 }}
            exit={{ opacity: 0, scale: 0.96, transition: { duration: 0.15 } }}
            className="pointer-events-auto flex w-full max-w-sm items-center gap-3 rounded-xl border border-zinc-200 bg-white py-3 pr-2 pl-4 text-sm text-zinc-800 shadow-lg shadow-zinc-950/5"
          >
            {toast.tone === 'success' ? (
              <CircleCheck aria-hidden size={18} className="shrink-0 text-emerald-500" />
            ) : (
              <CircleAlert aria-hidden size={18} className="shrink-0 text-red-500" />
            )}
            <span className="flex-1">{toast.message}</span>
            {toast.link && (
              <Link
                to={toast.link.to}
                onClick={() => dismiss(toast.id)}
                className="text-brand-700 hover:text-brand-800 shrink-0 rounded-md px-1.5 py-1 font-medium hover:underline"
              >
                {toast.link.label}
              </Link>
            )}
            <button
              type="button"
              aria-label={t.common.close}
              onClick={() => dismiss(toast.id)}
              className="rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700"
            >
              <X aria-hidden size={14} />
            </button>
          </motion.div>
        ))}
      </AnimatePresence>
    </div>
  );
}
