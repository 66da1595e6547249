// «Шаг 3 из 8» and a bar under the header: how far the visitor is from the estimate.
import { m } from 'motion/react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n';
import { useChatStore } from '../chatStore';

export function FunnelProgress() {
  const { progress, completed } = useChatStore(
    useShallow((state) => ({ progress: state.progress, completed: state.status === 'completed' })),
  );
  if (progress.total === 0) return null;
  const label = completed
    ? t.progress.done
    : t.progress.step(Math.min(progress.answered + 1, progress.total), progress.total);
  const share = completed ? 1 : progress.answered / progress.total;

  return (
    <div className="shrink-0 border-b border-zinc-100 bg-white px-4 pt-2.5 pb-3">
      <p aria-hidden className="mb-1.5 text-xs font-medium text-zinc-500">
        {label}
      </p>
      <div
        role="progressbar"
        aria-label={t.progress.label}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={completed ? progress.total : progress.answered}
        aria-valuetext={label}
        className="h-1.5 overflow-hidden rounded-full bg-zinc-100"
      >
        <m.div
          className="bg-primary h-full rounded-full"
          initial={false}
          animate={{ width: `${Math.max(share * 100, 4)}%` }}
          transition={{ duration: 0.45, ease: [0.2, 0.8, 0.2, 1] }}
        />
      </div>
    </div>
  );
}
