import type { ReactNode } from 'react';
import { cx } from './cx';

interface NumberedStepsProps {
  steps: { key: string; content: ReactNode }[];
  /** Side by side from tablets up, rather than one under the other. */
  columns?: boolean;
  className?: string;
}

/** How-to steps, each with its number in a circle: installing the widget, connecting a service. */
export function NumberedSteps({ steps, columns = false, className }: NumberedStepsProps) {
  return (
    <ol className={cx(columns ? 'grid gap-4 sm:grid-cols-3' : 'space-y-3', className)}>
      {steps.map((step, index) => (
        <li key={step.key} className="flex gap-3">
          <span className="bg-brand-50 text-brand-700 ring-brand-100 flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ring-1">
            {index + 1}
          </span>
          <p className="text-sm leading-relaxed text-zinc-700">{step.content}</p>
        </li>
      ))}
    </ol>
  );
}
