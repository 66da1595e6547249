// Form state for the panel's forms: values, the server's per-field errors shown under their
// fields, and the rest of the error above the form. The server validates; the form reports.
// Most values are texts bound to inputs; a value may also be a list (the sites a widget may be
// shown on), whose items' errors the server keys by position (`allowedOrigins.2`).
import { type ChangeEvent, type FormEvent, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { toApiError } from './api';

type Values = Record<string, unknown>;

/** The names of the values that are texts, the ones an input can be bound to. */
type TextKey<T> = { [K in keyof T]: T[K] extends string ? K : never }[keyof T] & string;

/** Whether a server field error is about `name`: the value itself or, for a list, one of its items. */
const isAbout = (field: string, name: string) => field === name || field.startsWith(`${name}.`);

export function useForm<T extends Values>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  // Keyed by the server's field names, which may point inside a value (`allowedOrigins.2`).
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // What the form-level error was, for what to offer beside it (a support contact, say).
  const [formErrorCode, setFormErrorCode] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const setValue = <K extends keyof T & string>(name: K, value: T[K]) => {
    setValues((previous) => ({ ...previous, [name]: value }));
    // The messages were about the old value.
    setFieldErrors((previous) =>
      Object.fromEntries(Object.entries(previous).filter(([field]) => !isAbout(field, name))),
    );
  };

  /** The server's message for a field, or for one item of a list (`allowedOrigins.2`). */
  const errorOf = (field: string): string | undefined => fieldErrors[field];

  /** Props for a TextField (or TextAreaField, or SelectField) bound to `name`. */
  const field = <K extends TextKey<T>>(name: K) => ({
    name,
    value: values[name] as string,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      setValue(name, event.target.value as T[K]),
    error: fieldErrors[name],
  });

  /** Runs `action` on submit; while it runs the form reports `submitting`, and its errors are shown. */
  const onSubmit = (action: (values: T) => Promise<void>) => async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setFormError(null);
    setFormErrorCode(null);
    setFieldErrors({});
    try {
      await action(values);
    } catch (caught) {
      const error = toApiError(caught);
      const names = Object.keys(initial);
      const shown = Object.fromEntries(
        Object.entries(error.fields).filter(([field]) => names.some((name) => isAbout(field, name))),
      );
      const everyMessageShown =
        Object.keys(error.fields).length > 0 && Object.keys(shown).length === Object.keys(error.fields).length;
      flushSync(() => {
        setFieldErrors(shown);
        setFormError(everyMessageShown ? null : error.message);
        setFormErrorCode(everyMessageShown ? null : error.code);
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
    setFormErrorCode(null);
  };

  return { values, setValue, field, errorOf, onSubmit, submitting, formError, formErrorCode, formRef, reset };
}

/** A form made by useForm, for components that render a form their parent holds. */
export type FormState<T extends Values> = ReturnType<typeof useForm<T>>;
