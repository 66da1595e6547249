import { useId, useState } from 'react';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';
import { parseHexColor } from './colors';

interface ColorFieldProps {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  /** The server's message for this field. */
  error?: string;
  /** What the swatch shows while the text is not a colour yet: the saved colour. */
  fallback: string;
}

/**
 * A colour as a swatch that opens the system palette, and as `#RRGGBB` text for a brand colour
 * copied from a style guide. Both edit the same value.
 */
export function ColorField({ label, name, value, onChange, hint, error, fallback }: ColorFieldProps) {
  const id = useId();
  // A half-typed colour is not an error yet; it is one once the owner leaves the field.
  const [left, setLeft] = useState(false);
  const color = parseHexColor(value);
  const shownError = error ?? (left && !color ? t.branding.color.invalid : undefined);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = shownError ? `${id}-error` : undefined;

  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-800">
        {label}
      </label>
      <div
        className={cx(
          'flex h-10 items-center gap-2.5 rounded-lg border bg-white pr-3 pl-1.5 shadow-xs transition-[border-color,box-shadow] focus-within:ring-4',
          shownError
            ? 'border-red-400 focus-within:border-red-500 focus-within:ring-red-500/15'
            : 'border-zinc-300 focus-within:border-brand-500 focus-within:ring-brand-500/15 hover:border-zinc-400',
        )}
      >
        <span
          className="relative size-7 shrink-0 overflow-hidden rounded-md shadow-sm ring-1 ring-black/10 ring-inset"
          style={{ backgroundColor: color ?? fallback }}
        >
          <input
            type="color"
            value={color ?? fallback}
            onChange={(event) => onChange(event.target.value)}
            aria-label={t.branding.color.picker(label)}
            className="absolute inset-0 size-full cursor-pointer opacity-0"
          />
        </span>
        <input
          id={id}
          name={name}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onFocus={() => setLeft(false)}
          onBlur={() => {
            setLeft(true);
            if (color && color !== value) onChange(color);
          }}
          maxLength={9}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={shownError ? true : undefined}
          aria-describedby={cx(errorId, hintId) || undefined}
          className="h-full min-w-0 flex-1 bg-transparent font-mono text-sm text-zinc-900 uppercase outline-none placeholder:text-zinc-400"
        />
      </div>
      {shownError && (
        <p id={errorId} className="mt-1.5 text-[13px] text-red-600">
          {shownError}
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
