// Form state for the panel's forms: values, the server's per-field errors shown under their
// fields, and the rest of the error above the form. The server validates; the form reports.
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { toApiError } from './api';

type Values = Record<string, string>;

export function useForm<T extends Values>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof T, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const setValue = <K extends keyof T>(name: K, value: T[K]) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    // The message was about the old value.
    setFieldErrors(({ [name]: _, ...rest }) => rest as Partial<Record<keyof T, string>>);
  };

  /** Props for a TextField (or TextAreaField) bound to `name`. */
  const field = <K extends keyof T & string>(name: K) => ({
    name,
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValue(name, event.target.value as T[K]),
    error: fieldErrors[name],
  });

  /** Runs `action` on submit; while it runs the form reports `submitting`, and its errors are shown. */
  const onSubmit = (action: (values: T) => Promise<void>) => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setFormError(null);
    setFieldErrors({});
    try {
      await action(values);
    } catch (caught) {
      const error = toApiError(caught);
      const shown = Object.fromEntries(Object.entries(error.fields).filter(([name]) => name in initial));
      const everyMessageShown =
        Object.keys(error.fields).length > 0 && Object.keys(shown).length === Object.keys(error.fields).length;
      flushSync(() => {
        setFieldErrors(shown as Partial<Record<keyof T, string>>);
        setFormError(everyMessageShown ? null : error.message);
      });
      // Screen reader and keyboard users land on the first field to fix.
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      setSubmitting(false);
    }
  };

  /** Back to the initial values, or to `to`: what the server now holds, after a save. */
  const reset = (to: T = initial) => {
    setValues(to);
    setFieldErrors({});
    setFormError(null);
  };

  return { values, setValue, field, onSubmit, submitting, formError, formRef, reset };
}

/** A form made by useForm, for components that render a form their parent holds. */
export type FormState<T extends Values> = ReturnType<typeof useForm<T>>;
