import { Sparkles } from 'lucide-react';
import { t } from '../i18n';
import { cx } from './cx';

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cx('inline-flex items-center gap-2.5', className)}>
      <span
        aria-hidden
        className="from-brand-500 shadow-brand-600/25 flex size-8 items-center justify-center rounded-lg bg-gradient-to-br to-violet-500 text-white shadow-md ring-1 ring-white/20 ring-inset"
      >
        <Sparkles size={17} strokeWidth={2.25} />
      </span>
      <span className="text-[17px] font-semibold tracking-tight text-zinc-900">{t.product.name}</span>
    </span>
  );
}
