import { useId } from 'react';
import type { Plan } from '@/lib/api';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';

const PLANS: readonly Plan[] = ['free', 'start', 'business', 'enterprise'];

interface PlanPickerProps {
  label: string;
  value: Plan;
  onChange(plan: Plan): void;
  error?: string;
}

/** The four plans as a row of radio buttons. */
export function PlanPicker({ label, value, onChange, error }: PlanPickerProps) {
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">{label}</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {PLANS.map((plan) => (
          <label
            key={plan}
            className={cx(
              'relative flex h-10 cursor-pointer items-center justify-center rounded-lg border px-3 font-medium text-sm transition-colors has-focus-visible:ring-4 has-focus-visible:ring-brand-500/15',
              value === plan
                ? 'border-brand-500 bg-brand-50 text-brand-700'
                : 'border-zinc-200 text-zinc-700 hover:border-zinc-300',
            )}
          >
            <input
              type="radio"
              name={name}
              value={plan}
              checked={value === plan}
              onChange={() => onChange(plan)}
              className="sr-only"
            />
            {t.plans[plan]}
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="mt-1.5 text-[13px] text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
