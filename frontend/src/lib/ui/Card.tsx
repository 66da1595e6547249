import type { ComponentProps, ReactNode } from 'react';
import { cx } from './cx';

export function Card({ className, ...rest }: ComponentProps<'section'>) {
  return <section className={cx('rounded-xl border border-zinc-200/80 bg-white shadow-xs', className)} {...rest} />;
}

interface CardHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  /** Id for the heading, so the card can be labelled by it. */
  titleId?: string;
}

export function CardHeader({ title, description, actions, titleId }: CardHeaderProps) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-100 px-5 py-4">
      {/* The text takes the row and the actions keep to its right, until the card is too narrow for both. */}
      <div className="min-w-0 flex-[1_1_20rem]">
        <h2 id={titleId} className="text-[15px] font-semibold text-zinc-900">
          {title}
        </h2>
        {description && <p className="mt-0.5 text-sm text-zinc-500">{description}</p>}
      </div>
      {actions && <div className="flex items-center gap-2">{actions}</div>}
    </header>
  );
}
