// Above every page of the owner's panel once a limit is near or spent: the AI stops answering
// visitors at the limit, and the owner should learn that here rather than from a client. Billing
// itself says the same beside each meter, so there it gives way. A warning may be put away until
// another one comes; a spent limit stays in view.
import { ArrowRight, CircleAlert, TriangleAlert, X } from 'lucide-react';
import { useCallback, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { IconButton } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { useResource } from '@/lib/useResource';
import { usageNotices } from '../features/billing/usage';
import { sections } from '../navigation';

export function UsageBanner() {
  const { pathname } = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: each page change looks again, so a limit reached meanwhile shows without a reload.
  const billing = useResource(useCallback((signal: AbortSignal) => api.billing.get(signal), [pathname]));
  const [dismissed, setDismissed] = useState<string | null>(null);

  const notices = usageNotices(billing.data?.usage ?? []);
  const signature = notices.map((notice) => `${notice.resource}:${notice.level}`).join(',');
  if (notices.length === 0 || signature === dismissed || pathname === sections.billing.path) return null;

  const reached = notices.some((notice) => notice.level === 'reached');
  const Icon = reached ? CircleAlert : TriangleAlert;
  return (
    <div
      role={reached ? 'alert' : 'status'}
      className={cx(
        'mb-6 flex items-start gap-3 rounded-xl border px-4 py-3 text-sm',
        reached ? 'border-red-200 bg-red-50 text-red-800' : 'border-amber-200 bg-amber-50 text-amber-900',
      )}
    >
      <Icon aria-hidden size={18} className={cx('mt-px shrink-0', reached ? 'text-red-500' : 'text-amber-500')} />
      <div className="flex min-w-0 flex-1 flex-col gap-1.5 sm:flex-row sm:items-start sm:gap-4">
        <ul className="min-w-0 flex-1 space-y-1">
          {notices.map((notice) => (
            // Beside a spent limit, one that is only near reads as the lesser news it is.
            <li key={notice.resource} className={cx(notice.level === 'reached' || !reached ? 'font-medium' : null)}>
              {notice.text}
            </li>
          ))}
        </ul>
        <Link
          to={sections.billing.path}
          className="inline-flex shrink-0 items-center gap-1 self-start font-medium whitespace-nowrap underline-offset-2 hover:underline focus-visible:underline focus-visible:outline-none"
        >
          {sections.billing.label}
          <ArrowRight aria-hidden size={15} />
        </Link>
      </div>
      {!reached && (
        <IconButton
          icon={X}
          label={t.billing.bannerDismiss}
          onClick={() => setDismissed(signature)}
          className="-my-1.5 -mr-2 text-amber-700 hover:bg-amber-100 hover:text-amber-900"
        />
      )}
    </div>
  );
}
