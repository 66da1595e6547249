// The answer to the funnel's current question, under the conversation: quick-reply buttons for a
// choice, toggles with «Далее» for several, a number with its unit, a short text, or the contacts
// form, with the company's hint above. When the step changes the focus moves to
// the new one, so a keyboard or screen-reader user answers on without hunting for it.
import type { PublicStep } from '@aimax/backend/contracts';
import { ArrowRight, Check, Send } from 'lucide-react';
import { m } from 'motion/react';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { cx } from '@/lib/ui/cx';
import { t } from '../../i18n';
import { useChatStore } from '../chatStore';
import { focusPrimaryControl } from '../focus';
import {
  type ContactsErrors,
  type ContactsInput,
  contactsValue,
  formatPhone,
  parseNumberInput,
  validateContacts,
} from '../funnelInput';
import { Spinner } from './Spinner';

const text = t.funnel;

function useAnswering() {
  return useChatStore(
    useShallow((state) => ({
      answering: state.answering,
      answerError: state.answerError,
      answer: state.answer,
      clearAnswerError: state.clearAnswerError,
    })),
  );
}

const primaryButton =
  'flex h-11 shrink-0 items-center justify-center gap-1.5 rounded-xl bg-primary px-4 font-semibold text-on-primary text-sm shadow-sm transition hover:brightness-110 focus-visible:outline-2 focus-visible:outline-primary focus-visible:outline-offset-2 disabled:cursor-wait disabled:opacity-70';

// 16px text on phones: iOS zooms the page into any smaller field that takes the focus.
const inputClass =
  'h-11 w-full rounded-xl border border-zinc-300 bg-white px-3.5 text-base text-zinc-900 sm:text-[15px] outline-none transition placeholder:text-zinc-400 focus:border-primary focus:ring-3 focus:ring-primary/20 aria-invalid:border-red-500 aria-invalid:focus:ring-red-500/15';

/** «Далее», a form's submit unless given its own click. */
function NextButton({ answering, onClick }: { answering: boolean; onClick?: () => void }) {
  return (
    <button type={onClick ? 'button' : 'submit'} disabled={answering} onClick={onClick} className={primaryButton}>
      {answering ? <Spinner /> : null}
      {text.next}
      {!answering && <ArrowRight aria-hidden size={16} />}
    </button>
  );
}

function FieldError({ id, message }: { id: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="mt-1.5 text-xs leading-snug text-red-600">
      {message}
    </p>
  );
}

function ChoiceStep({ step }: { step: PublicStep }) {
  const { answering, answerError, answer } = useAnswering();
  const [chosen, setChosen] = useState<string | null>(null);
  const errorId = useId();
  return (
    <>
      <div className="flex flex-wrap justify-end gap-2" aria-describedby={answerError ? errorId : undefined}>
        {(step.options ?? []).map((option, index) => (
          <button
            key={option.id}
            type="button"
            data-autofocus={index === 0 || undefined}
            disabled={answering}
            onClick={() => {
              setChosen(option.id);
              void answer(option.id);
            }}
            className="border-accent bg-accent/10 hover:bg-accent hover:text-on-accent focus-visible:outline-accent disabled:hover:bg-accent/10 flex min-h-10 items-center gap-1.5 rounded-full border-[1.5px] px-4 py-2 text-left text-sm font-medium text-zinc-900 shadow-xs transition focus-visible:outline-2 focus-visible:outline-offset-2 active:scale-[0.98] disabled:cursor-default disabled:opacity-60 disabled:hover:text-zinc-900"
          >
            {answering && chosen === option.id && <Spinner size={14} />}
            {option.label}
          </button>
        ))}
      </div>
      <div className="text-right">
        <FieldError id={errorId} message={answerError} />
      </div>
    </>
  );
}

function MultiStep({ step }: { step: PublicStep }) {
  const { answering, answerError, answer, clearAnswerError } = useAnswering();
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const hintId = useId();
  const shownError = error ?? answerError;

  const toggle = (id: string) => {
    setChosen((current) => (current.includes(id) ? current.filter((item) => item !== id) : [...current, id]));
    setError(null);
    clearAnswerError();
  };
  const submit = () => {
    if (chosen.length === 0) {
      setError(text.multiRequired);
      return;
    }
    void answer(chosen);
  };

  return (
    <fieldset aria-describedby={cx(hintId, shownError && errorId)} className="m-0 min-w-0 border-0 p-0">
      <legend className="sr-only">{step.title}</legend>
      <div className="flex flex-wrap justify-end gap-2">
        {(step.options ?? []).map((option, index) => {
          const on = chosen.includes(option.id);
          return (
            <button
              key={option.id}
              type="button"
              aria-pressed={on}
              data-autofocus={index === 0 || undefined}
              disabled={answering}
              onClick={() => toggle(option.id)}
              className={cx(
                'border-accent focus-visible:outline-accent flex min-h-10 items-center gap-1.5 rounded-full border-[1.5px] px-4 py-2 text-left text-sm font-medium shadow-xs transition focus-visible:outline-2 focus-visible:outline-offset-2 active:scale-[0.98] disabled:cursor-default disabled:opacity-60',
                on ? 'bg-accent text-on-accent' : 'bg-accent/10 hover:bg-accent/20 text-zinc-900',
              )}
            >
              {on && <Check aria-hidden size={14} />}
              {option.label}
            </button>
          );
        })}
      </div>
      <div className="mt-2 flex items-center justify-end gap-3">
        <p id={hintId} className="text-xs text-zinc-500">
          {text.multiHint}
        </p>
        <NextButton answering={answering} onClick={submit} />
      </div>
      <div className="text-right">
        <FieldError id={errorId} message={shownError} />
      </div>
    </fieldset>
  );
}

function TextStep({ step }: { step: PublicStep }) {
  const { answering, answerError, answer, clearAnswerError } = useAnswering();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const errorId = useId();
  const shownError = error ?? answerError;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) {
      setError(text.textRequired);
      input.current?.focus();
      return;
    }
    void answer(value.trim());
  };

  return (
    <form noValidate onSubmit={submit} className="rounded-2xl bg-white p-3 shadow-xs ring-1 ring-zinc-950/5">
      <label htmlFor={inputId} className="sr-only">
        {step.title}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={inputId}
          data-autofocus
          autoComplete="off"
          enterKeyHint="next"
          maxLength={300}
          placeholder={text.textPlaceholder}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
            clearAnswerError();
          }}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={shownError ? errorId : undefined}
          className={cx(inputClass, 'min-w-0 flex-1')}
        />
        <NextButton answering={answering} />
      </div>
      <FieldError id={errorId} message={shownError} />
    </form>
  );
}

function NumberStep({ step }: { step: PublicStep }) {
  const { answering, answerError, answer, clearAnswerError } = useAnswering();
  const [raw, setRaw] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const shownError = error ?? answerError;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseNumberInput(raw, step);
    if (parsed.error !== undefined) {
      setError(parsed.error);
      input.current?.focus();
      return;
    }
    void answer(parsed.value);
  };

  return (
    <form noValidate onSubmit={submit} className="rounded-2xl bg-white p-3 shadow-xs ring-1 ring-zinc-950/5">
      {/* The question is the label; the unit and the range are in the hint it points to. */}
      <label htmlFor={inputId} className="sr-only">
        {step.title}
      </label>
      <div className="flex gap-2">
        <div className="relative min-w-0 flex-1">
          <input
            ref={input}
            id={inputId}
            data-autofocus
            inputMode="decimal"
            autoComplete="off"
            enterKeyHint="next"
            value={raw}
            onChange={(event) => {
              setRaw(event.target.value);
              setError(null);
              clearAnswerError();
            }}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={cx(step.min !== undefined && hintId, shownError && errorId) || undefined}
            className={cx(inputClass, step.unit && 'pr-12')}
          />
          {step.unit && (
            <span
              aria-hidden
              className="pointer-events-none absolute inset-y-0 right-3.5 flex items-center text-sm text-zinc-400"
            >
              {step.unit}
            </span>
          )}
        </div>
        <NextButton answering={answering} />
      </div>
      {step.min !== undefined && step.max !== undefined && (
        <p id={hintId} className="mt-1.5 text-xs text-zinc-500">
          {text.numberRange(step.min, step.max, step.unit)}
        </p>
      )}
      <FieldError id={errorId} message={shownError} />
    </form>
  );
}

function ContactsStep({ step }: { step: PublicStep }) {
  const { answering, answerError, answer, clearAnswerError } = useAnswering();
  const [values, setValues] = useState<ContactsInput>({ name: '', phone: '', consent: false });
  const [errors, setErrors] = useState<ContactsErrors>({});
  const [checked, setChecked] = useState(false);
  const ids = { name: useId(), phone: useId(), consent: useId(), phoneHint: useId(), formError: useId() };

  const change = (patch: Partial<ContactsInput>) => {
    const next = { ...values, ...patch };
    setValues(next);
    // Once the visitor tried to send, each field says at once when it has become right.
    if (checked) setErrors(validateContacts(next));
    clearAnswerError();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateContacts(values);
    setErrors(found);
    setChecked(true);
    const firstInvalid = (['name', 'phone', 'consent'] as const).find((field) => found[field]);
    if (firstInvalid) {
      document.getElementById(ids[firstInvalid])?.focus();
      return;
    }
    void answer(contactsValue(values));
  };

  const describedBy = (field: 'name' | 'phone' | 'consent', ...more: string[]) =>
    cx(errors[field] && `${ids[field]}-error`, ...more) || undefined;

  return (
    <form
      noValidate
      onSubmit={submit}
      className="space-y-3.5 rounded-2xl bg-white p-4 shadow-xs ring-1 ring-zinc-950/5"
    >
      <div>
        <label htmlFor={ids.name} className="mb-1.5 block text-sm font-medium text-zinc-800">
          {text.name}
        </label>
        <input
          id={ids.name}
          data-autofocus
          autoComplete="name"
          enterKeyHint="next"
          maxLength={100}
          placeholder={text.namePlaceholder}
          value={values.name}
          onChange={(event) => change({ name: event.target.value })}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy('name')}
          className={inputClass}
        />
        <FieldError id={`${ids.name}-error`} message={errors.name} />
      </div>
      <div>
        <label htmlFor={ids.phone} className="mb-1.5 block text-sm font-medium text-zinc-800">
          {text.phone}
        </label>
        <input
          id={ids.phone}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          enterKeyHint="done"
          maxLength={30}
          placeholder={text.phonePlaceholder}
          value={values.phone}
          onChange={(event) => change({ phone: event.target.value })}
          onBlur={() => values.phone && change({ phone: formatPhone(values.phone) })}
          aria-invalid={errors.phone ? true : undefined}
          aria-describedby={describedBy('phone', ids.phoneHint)}
          className={inputClass}
        />
        <FieldError id={`${ids.phone}-error`} message={errors.phone} />
        <p id={ids.phoneHint} className={cx('text-xs text-zinc-500', errors.phone ? 'mt-1' : 'mt-1.5')}>
          {text.phoneHint}
        </p>
      </div>
      <div>
        <div className="flex items-start gap-2.5">
          <input
            id={ids.consent}
            type="checkbox"
            checked={values.consent}
            onChange={(event) => change({ consent: event.target.checked })}
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={describedBy('consent')}
            className="accent-primary mt-0.5 size-4.5 shrink-0 cursor-pointer rounded"
          />
          <label htmlFor={ids.consent} className="cursor-pointer text-xs leading-relaxed text-zinc-600">
            {step.consentText}
            {step.consentUrl && (
              <>
                {' '}
                <a
                  href={step.consentUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="text-primary underline underline-offset-2"
                >
                  {text.consentLink}
                </a>
              </>
            )}
          </label>
        </div>
        <FieldError id={`${ids.consent}-error`} message={errors.consent} />
      </div>
      {answerError && (
        <p
          id={ids.formError}
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-xs leading-snug text-red-700 ring-1 ring-red-100"
        >
          {answerError}
        </p>
      )}
      <button type="submit" disabled={answering} className={cx(primaryButton, 'w-full')}>
        {answering ? <Spinner /> : <Send aria-hidden size={16} />}
        {text.submitContacts}
      </button>
    </form>
  );
}

export function StepPanel({ step }: { step: PublicStep }) {
  const panel = useRef<HTMLElement>(null);

  // A new step takes the focus when the previous one had it (or it was lost with a disabled
  // button), never when the visitor is typing a question in the composer. On first load the
  // chat puts the focus on the conversation right after (ChatApp's effect runs after this one).
  useEffect(() => {
    const active = document.activeElement;
    const focusWasHere = !active || active === document.body || Boolean(panel.current?.contains(active));
    if (focusWasHere && panel.current) focusPrimaryControl(panel.current);
  }, []);

  return (
    <m.section
      ref={panel}
      aria-label={text.regionLabel(step.title)}
      className="mt-3"
      initial={{ opacity: 0, y: 8 }}
      animate={{ opacity: 1, y: 0 }}
      exit={{ opacity: 0, transition: { duration: 0.12 } }}
      transition={{ duration: 0.24, delay: 0.08, ease: [0.2, 0.8, 0.2, 1] }}
    >
      {step.hint && <p className="mb-2 text-right text-xs leading-relaxed text-zinc-500">{step.hint}</p>}
      {step.kind === 'choice' && <ChoiceStep step={step} />}
      {step.kind === 'multi' && <MultiStep step={step} />}
      {step.kind === 'number' && <NumberStep step={step} />}
      {step.kind === 'text' && <TextStep step={step} />}
      {step.kind === 'contacts' && <ContactsStep step={step} />}
    </m.section>
  );
}
