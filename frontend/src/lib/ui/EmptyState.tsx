import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cx } from './cx';

interface EmptyStateProps {
  icon: LucideIcon;
  title: string;
  description: string;
  children?: ReactNode;
  className?: string;
}

export function EmptyState({ icon: Icon, title, description, children, className }: EmptyStateProps) {
  return (
    <div className={cx('flex flex-col items-center px-6 py-12 text-center', className)}>
      <div className="relative mb-5">
        <div aria-hidden className="bg-brand-100/60 absolute inset-0 scale-150 rounded-full blur-xl" />
        <div className="border-brand-100 text-brand-600 relative flex size-14 items-center justify-center rounded-2xl border bg-white shadow-sm">
          <Icon aria-hidden size={26} strokeWidth={1.75} />
        </div>
      </div>
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      <p className="mt-1.5 max-w-md text-sm leading-relaxed text-balance text-zinc-500">{description}</p>
      {children && <div className="mt-5">{children}</div>}
    </div>
  );
}
