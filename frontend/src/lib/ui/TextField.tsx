import { Eye, EyeOff } from 'lucide-react';
import { type ComponentProps, type ReactNode, useId, useState } from 'react';
import { t } from '../i18n';
import { cx } from './cx';

interface TextFieldProps extends Omit<ComponentProps<'input'>, 'id'> {
  label: string;
  name: string;
  /** A standing explanation under the field, such as the password rules. */
  hint?: string;
  /** The server's message for this field; marks the field invalid. */
  error?: string;
  /** A control beside the input that acts on its value, such as an «Add» button. */
  action?: ReactNode;
}

/** A labelled input with its hint and error tied to it for screen readers. */
export function TextField({ label, hint, error, action, type = 'text', className, ...rest }: TextFieldProps) {
  const id = useId();
  const [revealed, setRevealed] = useState(false);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const isPassword = type === 'password';

  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div className="flex gap-2">
        <div className="relative min-w-0 flex-1">
          <input
            id={id}
            type={isPassword && revealed ? 'text' : type}
            aria-invalid={error ? true : undefined}
            aria-describedby={cx(errorId, hintId) || undefined}
            className={cx(
              'block h-10 w-full rounded-lg border bg-white px-3 text-sm text-zinc-900 shadow-xs outline-none transition-[border-color,box-shadow] placeholder:text-zinc-400 focus:ring-4 disabled:bg-zinc-50 disabled:text-zinc-500',
              error
                ? 'border-red-400 focus:border-red-500 focus:ring-red-500/15'
                : 'border-zinc-300 hover:border-zinc-400 focus:border-brand-500 focus:ring-brand-500/15',
              isPassword && 'pr-10',
            )}
            {...rest}
          />
          {isPassword && (
            <button
              type="button"
              onClick={() => setRevealed((value) => !value)}
              aria-label={revealed ? t.common.hidePassword : t.common.showPassword}
              aria-pressed={revealed}
              className="absolute inset-y-0 right-0 flex w-10 items-center justify-center rounded-r-lg text-zinc-400 hover:text-zinc-700 focus-visible:text-zinc-700 focus-visible:outline-none"
            >
              {revealed ? <EyeOff aria-hidden size={16} /> : <Eye aria-hidden size={16} />}
            </button>
          )}
        </div>
        {action}
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
