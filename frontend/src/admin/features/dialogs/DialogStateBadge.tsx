// Who answers a dialog, as a badge: the AI, nobody yet (a visitor waits for a manager, which
// stands out), a manager by name, or nobody since it was closed. The words are the badge's text,
// so screen readers read the state as it is shown.
import type { DialogSummaryView } from '@aimax/backend/contracts';
import { BellRing, Bot, CircleCheck, Headset, type LucideIcon } from 'lucide-react';
import type { DialogState } from '@/lib/api';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';

const looks: Record<DialogState, { icon: LucideIcon; className: string }> = {
  ai: { icon: Bot, className: 'bg-brand-50 text-brand-700 ring-brand-200' },
  waiting_operator: {
    icon: BellRing,
    className: 'bg-amber-500 font-semibold text-white ring-amber-500 shadow-sm shadow-amber-900/15',
  },
  operator: { icon: Headset, className: 'bg-emerald-50 text-emerald-700 ring-emerald-200' },
  closed: { icon: CircleCheck, className: 'bg-zinc-100 text-zinc-600 ring-zinc-200' },
};

/** The badge's words: «У менеджера Ольга Кузнецова» names who holds it. */
const stateLabel = ({ state, operator }: Pick<DialogSummaryView, 'state' | 'operator'>): string =>
  state === 'operator' && operator ? t.dialogs.heldBy(operator.name) : t.dialogs.states[state];

interface DialogStateBadgeProps {
  dialog: Pick<DialogSummaryView, 'state' | 'operator'>;
  size?: 'sm' | 'md';
}

export function DialogStateBadge({ dialog, size = 'sm' }: DialogStateBadgeProps) {
  const { icon: Icon, className } = looks[dialog.state];
  const label = stateLabel(dialog);
  return (
    <span
      title={label}
      className={cx(
        'inline-flex max-w-full min-w-0 items-center gap-1.5 rounded-full ring-1 ring-inset',
        dialog.state !== 'waiting_operator' && 'font-medium',
        size === 'sm' ? 'px-2 py-0.5 text-xs' : 'px-2.5 py-1 text-[13px]',
        className,
      )}
    >
      <Icon aria-hidden size={size === 'sm' ? 12 : 14} className="shrink-0" strokeWidth={2.25} />
      <span className="truncate">{label}</span>
    </span>
  );
}
