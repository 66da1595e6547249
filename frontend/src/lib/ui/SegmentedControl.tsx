import { useId } from 'react';
import { cx } from './cx';

interface SegmentedControlProps<T extends string> {
  /** The group's name; shown above it unless `hideLabel`, as filters above a list have no room for it. */
  label: string;
  hideLabel?: boolean;
  options: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange(value: T): void;
  className?: string;
}

/** A few mutually exclusive choices side by side: radio buttons dressed as one pill. */
export function SegmentedControl<T extends string>({
  label,
  hideLabel = false,
  options,
  value,
  onChange,
  className,
}: SegmentedControlProps<T>) {
  const name = useId();
  return (
    <fieldset className={className}>
      <legend className={hideLabel ? 'sr-only' : 'mb-1.5 text-sm font-medium text-zinc-800'}>{label}</legend>
      <div className="inline-flex w-fit max-w-full flex-wrap rounded-lg bg-zinc-200/60 p-1">
        {options.map((option) => (
          <label
            key={option.value}
            className={cx(
              'cursor-pointer rounded-md px-3 py-1.5 font-medium text-[13px] transition-all has-focus-visible:outline-2 has-focus-visible:outline-brand-500',
              value === option.value ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900',
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
