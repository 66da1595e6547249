import { ChevronDown } from 'lucide-react';
import { type ComponentProps, useId } from 'react';
import { cx } from './cx';

interface SelectFieldProps extends Omit<ComponentProps<'select'>, 'id'> {
  label: string;
  name: string;
  /** A standing explanation under the field. */
  hint?: string;
  /** The server's message for this field; marks the field invalid. */
  error?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}

/** A labelled native select, styled as TextField is, its hint and error tied to it for screen readers. */
export function SelectField({ label, hint, error, options, className, ...rest }: SelectFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;

  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className="relative">
        <select
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={cx(errorId, hintId) || undefined}
          className={cx(
            'block h-10 w-full appearance-none rounded-lg border bg-white pr-9 pl-3 text-sm text-zinc-900 shadow-xs outline-none transition-[border-color,box-shadow] focus:ring-4 disabled:bg-zinc-50 disabled:text-zinc-500',
            error
              ? 'border-red-400 focus:border-red-500 focus:ring-red-500/15'
              : 'border-zinc-300 hover:border-zinc-400 focus:border-brand-500 focus:ring-brand-500/15',
          )}
          {...rest}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
        <ChevronDown
          aria-hidden
          size={16}
          className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-zinc-400"
        />
      </div>
      {error && (
        <p id={errorId} className="mt-1.5 text-[13px] text-red-600">
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="mt-1.5 text-[13px] text-zinc-500">
          {hint}
        </p>
      )}
    </div>
  );
}
