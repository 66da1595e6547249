import { CircleAlert, CircleCheck, Info, type LucideIcon, RotateCw, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { t } from '../i18n';
import { Button } from './Button';
import { cx } from './cx';

export type AlertTone = 'error' | 'info' | 'success' | 'warning';

const tones: Record<AlertTone, { box: string; icon: LucideIcon; iconClass: string }> = {
  error: { box: 'border-red-200 bg-red-50 text-red-800', icon: CircleAlert, iconClass: 'text-red-500' },
  info: { box: 'border-brand-200 bg-brand-50 text-brand-900', icon: Info, iconClass: 'text-brand-500' },
  success: {
    box: 'border-emerald-200 bg-emerald-50 text-emerald-800',
    icon: CircleCheck,
    iconClass: 'text-emerald-500',
  },
  warning: { box: 'border-amber-200 bg-amber-50 text-amber-900', icon: TriangleAlert, iconClass: 'text-amber-500' },
};

interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children: ReactNode;
  /** Shows a retry button, for data that failed to load. */
  onRetry?: () => void;
  className?: string;
}

export function Alert({ tone = 'error', title, children, onRetry, className }: AlertProps) {
  const { box, icon: Icon, iconClass } = tones[tone];
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cx('flex items-start gap-3 rounded-lg border px-3.5 py-3 text-sm', box, className)}
    >
      <Icon aria-hidden size={18} className={cx('mt-px shrink-0', iconClass)} />
      <div className="min-w-0 flex-1">
        {title && <p className="font-medium">{title}</p>}
        <div className={cx(title && 'mt-0.5 opacity-90')}>{children}</div>
      </div>
      {onRetry && (
        <Button variant="secondary" size="sm" icon={RotateCw} onClick={onRetry} className="-my-1">
          {t.common.retry}
        </Button>
      )}
    </div>
  );
}
