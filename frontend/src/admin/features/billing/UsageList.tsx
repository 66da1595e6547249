// This month's usage against the plan's limits, one meter per resource: the owner's Billing page
// and the platform operator's plan dialog show the same list.
import type { UsageItem } from '@aimax/backend/contracts';
import { Bot, HardDrive, type LucideIcon, MessagesSquare, Sparkles, UserX } from 'lucide-react';
import { motion } from 'motion/react';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';
import { Skeleton } from '@/lib/ui/Skeleton';
import { usageAmount, usedShare } from './usage';

const icons: Record<UsageItem['resource'], LucideIcon> = {
  sessions: MessagesSquare,
  messages: Bot,
  tokens: Sparkles,
  storageBytes: HardDrive,
};

const levels: Record<UsageItem['level'], { bar: string; icon: string; note: string }> = {
  ok: { bar: 'bg-brand-500', icon: 'bg-brand-50 text-brand-600', note: '' },
  warning: { bar: 'bg-amber-500', icon: 'bg-amber-50 text-amber-600', note: 'text-amber-700' },
  reached: { bar: 'bg-red-500', icon: 'bg-red-50 text-red-600', note: 'text-red-700' },
};

interface UsageListProps {
  usage: readonly UsageItem[];
  /** Visitors served without the AI past the session limit; told under the sessions meter. */
  limitedSessions: number;
}

export function UsageList({ usage, limitedSessions }: UsageListProps) {
  return (
    <ul className="space-y-5">
      {usage.map((item) => (
        <li key={item.resource}>
          <UsageMeter item={item} limitedSessions={item.resource === 'sessions' ? limitedSessions : 0} />
        </li>
      ))}
    </ul>
  );
}

function UsageMeter({ item, limitedSessions }: { item: UsageItem; limitedSessions: number }) {
  const text = t.billing.usage;
  const { label, hint, reachedShort } = text.resources[item.resource];
  const style = levels[item.level];
  const Icon = icons[item.resource];
  const amount = usageAmount(item);
  const share = usedShare(item);
  return (
    <div className="flex gap-3">
      <span className={cx('flex size-9 shrink-0 items-center justify-center rounded-lg', style.icon)}>
        <Icon aria-hidden size={18} />
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
          <p className="text-sm font-medium text-zinc-900">{label}</p>
          <p className="text-sm text-zinc-600 tabular-nums">{amount}</p>
        </div>
        <p className="text-xs text-zinc-500">{hint}</p>
        <div
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={item.limit}
          aria-valuenow={Math.min(item.used, item.limit)}
          aria-valuetext={amount}
          className="mt-2 h-2 overflow-hidden rounded-full bg-zinc-100"
        >
          <motion.div
            className={cx('h-full rounded-full transition-colors', style.bar)}
            initial={{ width: 0 }}
            // A little use still shows as a sliver, not as an empty bar.
            animate={{ width: `${(item.used > 0 ? Math.max(share, 0.015) : 0) * 100}%` }}
            transition={{ duration: 0.7, ease: 'easeOut' }}
          />
        </div>
        {item.level !== 'ok' && (
          <p className={cx('mt-1.5 text-xs font-medium', style.note)}>
            {item.level === 'reached' ? reachedShort : text.warning}
          </p>
        )}
        {limitedSessions > 0 && (
          <p className="mt-1.5 flex items-start gap-1.5 text-xs text-zinc-600">
            <UserX aria-hidden size={14} className="mt-px shrink-0 text-zinc-400" />
            {text.limitedSessions(limitedSessions)}
          </p>
        )}
      </div>
    </div>
  );
}

export function UsageListSkeleton() {
  return (
    <div aria-busy="true" className="space-y-5">
      {[0, 1, 2, 3].map((row) => (
        <div key={row} className="flex gap-3">
          <Skeleton className="size-9 rounded-lg" />
          <div className="flex-1 space-y-2">
            <div className="flex justify-between">
              <Skeleton className="h-3.5 w-28" />
              <Skeleton className="h-3.5 w-24" />
            </div>
            <Skeleton className="h-3 w-48 max-w-full" />
            <Skeleton className="h-2 w-full rounded-full" />
          </div>
        </div>
      ))}
    </div>
  );
}
