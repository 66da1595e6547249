import { type ComponentProps, useId } from 'react';
import { cx } from './cx';

interface TextAreaFieldProps extends Omit<ComponentProps<'textarea'>, 'id'> {
  label: string;
  name: string;
  value: string;
  /** A standing explanation under the field. */
  hint?: string;
  /** The server's message for this field; marks the field invalid. */
  error?: string;
}

/**
 * A labelled multi-line input, the TextField of longer texts. With `maxLength` it counts the
 * characters, so the limit is seen before the browser silently stops accepting input.
 */
export function TextAreaField({ label, hint, error, maxLength, rows = 3, className, ...rest }: TextAreaFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const counterId = maxLength ? `${id}-counter` : undefined;

  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <textarea
        id={id}
        rows={rows}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={cx(errorId, hintId, counterId) || undefined}
        className={cx(
          'block w-full resize-y rounded-lg border bg-white px-3 py-2 text-sm text-zinc-900 leading-relaxed shadow-xs outline-none transition-[border-color,box-shadow] placeholder:text-zinc-400 focus:ring-4 disabled:bg-zinc-50 disabled:text-zinc-500',
          error
            ? 'border-red-400 focus:border-red-500 focus:ring-red-500/15'
            : 'border-zinc-300 hover:border-zinc-400 focus:border-brand-500 focus:ring-brand-500/15',
        )}
        {...rest}
      />
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
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
        {maxLength && (
          <p id={counterId} className="mt-1.5 shrink-0 text-xs text-zinc-400 tabular-nums">
            {rest.value.length}/{maxLength}
          </p>
        )}
      </div>
    </div>
  );
}
