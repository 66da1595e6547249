// «Передача менеджеру», beside the dialogs' title: how long a visitor who asked for a manager
// waits before the bot answers again, and the managers' working week (outside it the bot answers
// at once). The owner sets them; managers see them, read-only.
import type { DialogSettingsView } from '@aimax/backend/contracts';
import { CopyCheck, Lock, Timer } from 'lucide-react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { type ApiError, api, toApiError } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { Dialog, DialogActions } from '@/lib/ui/Dialog';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Switch } from '@/lib/ui/Switch';
import { useResource } from '@/lib/useResource';
import {
  type DayValues,
  dayError,
  type HandoffValues,
  handoffChanged,
  handoffInputOf,
  handoffValuesOf,
  withWeekdaysLikeMonday,
} from './handoffValues';

const text = t.dialogs.handoff;
const loadSettings = (signal: AbortSignal) => api.dialogs.settings(signal);

export function HandoffSettingsButton() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button variant="secondary" icon={Timer} onClick={() => setOpen(true)}>
        {text.open}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={text.title} description={text.description} busy={busy}>
        <HandoffSettings onClose={() => setOpen(false)} onBusy={setBusy} />
      </Dialog>
    </>
  );
}

/** Loaded afresh each time the dialog opens. */
function HandoffSettings({ onClose, onBusy }: { onClose(): void; onBusy(busy: boolean): void }) {
  const settings = useResource(loadSettings);
  const isOwner = useAuthStore((state) => state.session?.user.role === 'owner');
  if (settings.error && !settings.data) {
    return (
      <>
        <Alert title={t.errors.loadFailed} onRetry={settings.reload}>
          {settings.error.message}
        </Alert>
        <DialogActions>
          <Button variant="secondary" onClick={onClose}>
            {text.close}
          </Button>
        </DialogActions>
      </>
    );
  }
  if (!settings.data) {
    return (
      <div aria-busy="true" className="space-y-5">
        <Skeleton className="h-16 w-48" />
        <Skeleton className="h-6 w-full" />
        <Skeleton className="h-56 w-full rounded-xl" />
      </div>
    );
  }
  return <HandoffForm initial={settings.data} readOnly={!isOwner} onClose={onClose} onBusy={onBusy} />;
}

interface HandoffFormProps {
  initial: DialogSettingsView;
  readOnly: boolean;
  onClose(): void;
  onBusy(busy: boolean): void;
}

function HandoffForm({ initial, readOnly, onClose, onBusy }: HandoffFormProps) {
  const [values, setValues] = useState<HandoffValues>(() => handoffValuesOf(initial));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const fields = error?.fields ?? {};

  const change = (next: Partial<HandoffValues>) => {
    setValues((previous) => ({ ...previous, ...next }));
    setError(null);
  };
  const changeDay = (index: number, next: Partial<DayValues>) =>
    change({ days: values.days.map((day, at) => (at === index ? { ...day, ...next } : day)) });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving || readOnly) return;
    if (!handoffChanged(values, initial)) {
      onClose();
      return;
    }
    setSaving(true);
    onBusy(true);
    try {
      await api.dialogs.saveSettings(handoffInputOf(values));
      toast(text.saved);
      onBusy(false);
      onClose();
    } catch (caught) {
      flushSync(() => setError(toApiError(caught)));
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      setSaving(false);
      onBusy(false);
    }
  };

  const dayErrors = values.days.map((_, index) => dayError(fields, index));
  // The schedule's own message, unless a day already says what is wrong.
  const scheduleError = dayErrors.some(Boolean) ? undefined : (fields['workingHours.days'] ?? fields.workingHours);
  const unexplained = error && Object.keys(fields).length === 0 ? error.message : null;

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-6">
      {unexplained && <Alert>{unexplained}</Alert>}
      <MinutesField
        value={values.minutes}
        onChange={(minutes) => change({ minutes })}
        error={fields.handoffTimeoutMinutes}
        disabled={readOnly}
      />

      <fieldset className="min-w-0 space-y-3">
        <legend className="text-sm font-medium text-zinc-800">{text.hours}</legend>
        <p className="-mt-2 text-[13px] text-zinc-500">
          {text.timezone(initial.timezone === 'Europe/Moscow' ? text.moscow : initial.timezone)}
        </p>
        <div className="rounded-xl border border-zinc-200 bg-zinc-50/60 px-4 py-3">
          <Switch
            checked={values.alwaysOpen}
            onChange={(alwaysOpen) => change({ alwaysOpen })}
            label={text.alwaysOpen}
            description={text.alwaysOpenText}
            disabled={readOnly}
          />
        </div>
        {!values.alwaysOpen && (
          <div>
            <ul aria-label={text.schedule} className="divide-y divide-zinc-100 rounded-xl border border-zinc-200">
              {values.days.map((day, index) => (
                <DayRow
                  key={text.weekdays[index]}
                  index={index}
                  day={day}
                  error={dayErrors[index]}
                  readOnly={readOnly}
                  onChange={(next) => changeDay(index, next)}
                />
              ))}
            </ul>
            {scheduleError && (
              <p role="alert" className="mt-1.5 text-[13px] text-red-600">
                {scheduleError}
              </p>
            )}
            {!readOnly && (
              <Button
                variant="ghost"
                size="sm"
                icon={CopyCheck}
                onClick={() => change({ days: withWeekdaysLikeMonday(values.days) })}
                className="mt-2 -ml-2"
              >
                {text.copyToWeekdays}
              </Button>
            )}
          </div>
        )}
      </fieldset>

      {readOnly ? (
        <>
          <p className="flex items-center gap-2 text-sm text-zinc-500">
            <Lock aria-hidden size={15} className="shrink-0 text-zinc-400" />
            {text.ownerOnly}
          </p>
          <DialogActions>
            <Button variant="secondary" onClick={onClose}>
              {text.close}
            </Button>
          </DialogActions>
        </>
      ) : (
        <DialogActions>
          <Button variant="ghost" onClick={onClose} disabled={saving}>
            {text.cancel}
          </Button>
          <Button type="submit" loading={saving}>
            {text.save}
          </Button>
        </DialogActions>
      )}
    </form>
  );
}

interface MinutesFieldProps {
  value: string;
  error: string | undefined;
  disabled: boolean;
  onChange(value: string): void;
}

/** A short number with its unit beside it, labelled, hinted and with the server's error, like TextField. */
function MinutesField({ value, error, disabled, onChange }: MinutesFieldProps) {
  const id = useId();
  const minutes = Number(value);
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-zinc-800">
        {text.timeout}
      </label>
      <div className="flex items-center gap-2.5">
        <input
          id={id}
          name="handoffTimeoutMinutes"
          type="number"
          inputMode="numeric"
          min={1}
          max={60}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
          className={cx(
            'block h-10 w-24 rounded-lg border bg-white px-3 text-sm text-zinc-900 tabular-nums shadow-xs outline-none transition-[border-color,box-shadow] focus:ring-4 disabled:bg-zinc-50 disabled:text-zinc-500',
            error
              ? 'border-red-400 focus:border-red-500 focus:ring-red-500/15'
              : 'border-zinc-300 hover:border-zinc-400 focus:border-brand-500 focus:ring-brand-500/15',
          )}
        />
        <span className="text-sm text-zinc-600">{text.minutes(Number.isFinite(minutes) ? minutes : 0)}</span>
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1.5 text-[13px] text-red-600">
          {error}
        </p>
      )}
      <p id={`${id}-hint`} className="mt-1.5 text-[13px] text-zinc-500">
        {text.timeoutHint}
      </p>
    </div>
  );
}

interface DayRowProps {
  index: number;
  day: DayValues;
  error: string | undefined;
  readOnly: boolean;
  onChange(next: Partial<DayValues>): void;
}

function DayRow({ index, day, error, readOnly, onChange }: DayRowProps) {
  const name = text.weekdays[index] ?? '';
  const errorId = `handoff-day-${index}-error`;
  return (
    <li className="px-3 py-1.5">
      {/* On a phone the times wrap under the day rather than run out of the dialog. */}
      <div className="flex min-h-8 flex-wrap items-center gap-x-2.5 gap-y-1.5 sm:gap-x-3">
        <Switch
          checked={day.open}
          onChange={(open) => onChange({ open })}
          label={text.workingDay(name)}
          hideLabel
          disabled={readOnly}
        />
        <span className={cx('w-7 text-sm font-medium', day.open ? 'text-zinc-900' : 'text-zinc-400')} title={name}>
          {text.weekdaysShort[index]}
        </span>
        {day.open ? (
          <span className="flex items-center gap-2">
            <TimeInput
              value={day.from}
              label={text.from(name)}
              invalid={Boolean(error)}
              describedBy={error ? errorId : undefined}
              disabled={readOnly}
              onChange={(from) => onChange({ from })}
            />
            <span aria-hidden className="text-zinc-400">
              –
            </span>
            <TimeInput
              value={day.to}
              label={text.to(name)}
              invalid={Boolean(error)}
              describedBy={error ? errorId : undefined}
              disabled={readOnly}
              onChange={(to) => onChange({ to })}
            />
          </span>
        ) : (
          <span className="text-sm text-zinc-400">{text.dayOff}</span>
        )}
      </div>
      {error && (
        <p id={errorId} className="mt-1 text-[13px] text-red-600 sm:pl-24">
          {error}
        </p>
      )}
    </li>
  );
}

interface TimeInputProps {
  value: string;
  label: string;
  invalid: boolean;
  describedBy: string | undefined;
  disabled: boolean;
  onChange(value: string): void;
}

function TimeInput({ value, label, invalid, describedBy, disabled, onChange }: TimeInputProps) {
  return (
    <input
      type="time"
      value={value}
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      className={cx(
        'h-8 w-24 rounded-lg sm:w-32 border bg-white px-2.5 text-sm text-zinc-900 tabular-nums shadow-xs outline-none transition-[border-color,box-shadow] focus:ring-4 disabled:bg-zinc-50 disabled:text-zinc-500',
        invalid
          ? 'border-red-400 focus:border-red-500 focus:ring-red-500/15'
          : 'border-zinc-300 hover:border-zinc-400 focus:border-brand-500 focus:ring-brand-500/15',
      )}
    />
  );
}
