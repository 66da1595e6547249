// An on/off setting that takes effect at once: a button with the switch role, so screen readers
// say «включено»/«выключено», and a label that names what it turns on.
import { motion } from 'motion/react';
import { useId } from 'react';
import { cx } from './cx';

interface SwitchProps {
  checked: boolean;
  onChange(checked: boolean): void;
  /** What the switch turns on; read aloud, and shown unless `hideLabel`. */
  label: string;
  hideLabel?: boolean;
  /** A line under the label: what changes when it is on. */
  description?: string;
  disabled?: boolean;
}

export function Switch({ checked, onChange, label, hideLabel = false, description, disabled = false }: SwitchProps) {
  const id = useId();
  const descriptionId = useId();
  const button = (
    <button
      id={id}
      type="button"
      role="switch"
      aria-checked={checked}
      aria-label={hideLabel ? label : undefined}
      aria-describedby={description ? descriptionId : undefined}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={cx(
        'relative inline-flex h-6 w-11 shrink-0 cursor-pointer items-center rounded-full p-0.5 transition-colors',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600',
        'disabled:cursor-not-allowed disabled:opacity-50',
        checked ? 'justify-end bg-brand-600' : 'justify-start bg-zinc-300',
      )}
    >
      {/* Animated only when it flips: a switch moved by the page around it just moves. */}
      <motion.span
        layout
        layoutDependency={checked}
        transition={{ type: 'spring', stiffness: 700, damping: 40 }}
        className="size-5 rounded-full bg-white shadow-sm ring-1 ring-zinc-900/5"
      />
    </button>
  );
  if (hideLabel) return button;
  return (
    <div className="flex items-start justify-between gap-4">
      <span className="min-w-0">
        <label
          htmlFor={id}
          className={cx('block text-sm font-medium text-zinc-900', disabled ? 'cursor-not-allowed' : 'cursor-pointer')}
        >
          {label}
        </label>
        {description && (
          <span id={descriptionId} className="mt-0.5 block text-sm text-zinc-500">
            {description}
          </span>
        )}
      </span>
      {button}
    </div>
  );
}
