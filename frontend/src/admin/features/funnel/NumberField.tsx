// Numbers and prices as the owner types them. The field keeps the text typed («1 500», «-5», or
// half a number on its way), and hands the funnel the number it reads: undefined while empty, NaN
// while it is not a number, which the field itself points out at once.
import { type ChangeEvent, useId, useState } from 'react';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';
import { TextField } from '@/lib/ui/TextField';
import { numberText, parseNumber } from './draft';

interface NumberTextOptions {
  value: number | undefined;
  onChange(value: number | undefined): void;
  integer?: boolean;
}

/** The typed text of a number, following `value` when it changes from elsewhere (a reset, a restore). */
function useNumberText({ value, onChange, integer = false }: NumberTextOptions) {
  const [text, setText] = useState(() => numberText(value));
  const [shown, setShown] = useState(value);
  if (!Object.is(shown, value)) {
    setShown(value);
    if (!Object.is(parseNumber(text, integer), value)) setText(numberText(value));
  }
  const typed = parseNumber(text, integer);
  const formatError = !Number.isNaN(typed)
    ? undefined
    : Number.isNaN(parseNumber(text))
      ? t.funnel.problems.number
      : t.funnel.problems.wholeNumber;
  return {
    text,
    formatError,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      setText(event.target.value);
      onChange(parseNumber(event.target.value, integer));
    },
    // Once typed, a number is shown as every other: «15000» becomes «15 000».
    onBlur: () => {
      if (!Number.isNaN(typed)) setText(numberText(typed));
    },
  };
}

interface NumberFieldProps extends NumberTextOptions {
  /** For a number of the funnel, its path, which its problems are keyed by. */
  name: string;
  label: string;
  hint?: string;
  error?: string;
  className?: string;
}

/** A labelled number, laid out as every other field of the panel. */
export function NumberField({ name, label, hint, error, className, ...number }: NumberFieldProps) {
  const { text, formatError, onChange, onBlur } = useNumberText(number);
  return (
    <TextField
      onBlur={onBlur}
      name={name}
      label={label}
      hint={hint}
      error={formatError ?? error}
      value={text}
      onChange={onChange}
      inputMode={number.integer ? 'numeric' : 'decimal'}
      autoComplete="off"
      className={className}
    />
  );
}

interface NumberInputProps extends NumberTextOptions {
  name: string;
  /** Read by screen readers: the input has no label of its own on screen. */
  label: string;
  /** «₽», «₽/м²», «%», after the number. */
  unit: string;
  error?: string;
  className?: string;
}

/** A price in a row or a table, its unit inside the box, its message under it. */
export function NumberInput({ name, label, unit, error, className, ...number }: NumberInputProps) {
  const { text, formatError, onChange, onBlur } = useNumberText(number);
  const errorId = useId();
  const message = formatError ?? error;
  return (
    <div className={className}>
      <div className="relative">
        <input
          name={name}
          aria-label={label}
          value={text}
          onChange={onChange}
          onBlur={onBlur}
          inputMode={number.integer ? 'numeric' : 'decimal'}
          autoComplete="off"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? errorId : undefined}
          className={cx(
            'block h-10 w-full rounded-lg border bg-white pr-14 pl-3 text-right text-sm text-zinc-900 tabular-nums shadow-xs outline-none transition-[border-color,box-shadow] focus:ring-4',
            message
              ? 'border-red-400 focus:border-red-500 focus:ring-red-500/15'
              : 'border-zinc-300 hover:border-zinc-400 focus:border-brand-500 focus:ring-brand-500/15',
          )}
        />
        <span
          aria-hidden
          className="pointer-events-none absolute inset-y-0 right-3 flex items-center text-[13px] text-zinc-400"
        >
          {unit}
        </span>
      </div>
      {message && (
        <p id={errorId} className="mt-1.5 text-[13px] text-red-600">
          {message}
        </p>
      )}
    </div>
  );
}
