import { useId } from 'react';
import { cx } from '@/lib/ui/cx';

export interface Option<T extends string | number> {
  value: T;
  title: string;
  /** A line under the title, such as the price. */
  note?: string;
  /** A mark beside the title, such as a discount. */
  badge?: string;
}

interface OptionCardsProps<T extends string | number> {
  label: string;
  options: ReadonlyArray<Option<T>>;
  value: T;
  onChange(value: T): void;
  /** The grid's columns, as many as fit the options side by side. */
  className?: string;
}

/** Radio buttons as cards, each with a title and a line or mark under it. */
export function OptionCards<T extends string | number>({
  label,
  options,
  value,
  onChange,
  className,
}: OptionCardsProps<T>) {
  const name = useId();
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">{label}</legend>
      <div className={cx('grid gap-2', className)}>
        {options.map((option) => {
          const checked = option.value === value;
          return (
            <label
              key={option.value}
              className={cx(
                'relative flex min-h-14 cursor-pointer flex-col justify-center rounded-xl border px-3 py-2 transition-colors has-focus-visible:ring-4 has-focus-visible:ring-brand-500/15',
                checked ? 'border-brand-500 bg-brand-50/60' : 'border-zinc-200 hover:border-zinc-300',
              )}
            >
              <input
                type="radio"
                name={name}
                value={String(option.value)}
                checked={checked}
                onChange={() => onChange(option.value)}
                className="sr-only"
              />
              <span className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5">
                <span className={cx('text-sm font-medium', checked ? 'text-brand-700' : 'text-zinc-900')}>
                  {option.title}
                </span>
                {option.badge && (
                  <span className="rounded-full bg-emerald-50 px-1.5 py-px text-[11px] font-semibold text-emerald-700 ring-1 ring-emerald-200 ring-inset">
                    {option.badge}
                  </span>
                )}
              </span>
              {option.note && <span className="mt-0.5 text-xs text-zinc-500 tabular-nums">{option.note}</span>}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
