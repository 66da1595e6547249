import { Crown, UserRound } from 'lucide-react';
import { useId } from 'react';
import type { TenantRole } from '@/lib/api';
import { t } from '@/lib/i18n';
import { cx } from '@/lib/ui/cx';

const options: Array<{ role: TenantRole; icon: typeof Crown }> = [
  { role: 'manager', icon: UserRound },
  { role: 'owner', icon: Crown },
];

interface RolePickerProps {
  label: string;
  value: TenantRole;
  onChange(role: TenantRole): void;
  error?: string;
}

/** Two radio cards: manager or owner, each with what the role may do. */
export function RolePicker({ label, value, onChange, error }: RolePickerProps) {
  const name = useId();
  const errorId = `${name}-error`;
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800">{label}</legend>
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map(({ role, icon: Icon }) => (
          <label
            key={role}
            className={cx(
              'relative flex cursor-pointer items-start gap-3 rounded-xl border p-3 transition-colors has-focus-visible:ring-4 has-focus-visible:ring-brand-500/15',
              value === role ? 'border-brand-500 bg-brand-50/50' : 'border-zinc-200 hover:border-zinc-300',
            )}
          >
            <input
              type="radio"
              name={name}
              value={role}
              checked={value === role}
              onChange={() => onChange(role)}
              className="sr-only"
            />
            <span
              className={cx(
                'flex size-8 shrink-0 items-center justify-center rounded-lg',
                value === role ? 'bg-brand-600 text-white' : 'bg-zinc-100 text-zinc-500',
              )}
            >
              <Icon aria-hidden size={16} />
            </span>
            <span>
              <span className="block text-sm font-medium text-zinc-900">{t.roles[role]}</span>
              <span className="mt-0.5 block text-xs text-zinc-500">{t.team.inviteDialog.roleHints[role]}</span>
            </span>
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
