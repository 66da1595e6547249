// The sites the widget may be shown on: one form in one card ending in the save bar.
import type { WidgetSettingsView } from '@aimax/backend/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Card, CardHeader } from '@/lib/ui/Card';
import { SaveBar } from '@/lib/ui/SaveBar';
import { useForm } from '@/lib/useForm';
import { OriginsField } from './OriginsField';
import { checkNewOrigin, MAX_ORIGINS, type OriginCheck } from './origins';
import { widgetInputOf, widgetSettingsChanged, widgetValuesOf } from './settingsValues';

const problemText = (problem: Extract<OriginCheck, { ok: false }>['problem']): string => {
  const text = t.widget.origins;
  if (problem === 'duplicate') return text.duplicate;
  if (problem === 'full') return text.full(MAX_ORIGINS);
  return text.invalid;
};

/** The form from settings loaded once; afterwards every save answers with the new state. */
export function WidgetSettingsForm({ initial }: { initial: WidgetSettingsView }) {
  const [saved, setSaved] = useState(initial);
  const form = useForm(widgetValuesOf(initial));
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | undefined>();
  const draftInput = useRef<HTMLInputElement>(null);
  const origins = form.values.allowedOrigins;
  // A typed site not yet added counts as a change: Save adds it rather than dropping it.
  const dirty = widgetSettingsChanged(form.values, saved) || draft.trim() !== '';

  const addDraft = () => {
    const check = checkNewOrigin(draft, origins);
    if (!check.ok) {
      setDraftError(problemText(check.problem));
      return;
    }
    form.setValue('allowedOrigins', [...origins, check.origin]);
    setDraft('');
    setDraftError(undefined);
    draftInput.current?.focus();
  };

  const removeOrigin = (origin: string) => {
    form.setValue(
      'allowedOrigins',
      origins.filter((listed) => listed !== origin),
    );
    // The button pressed is gone; the field to add a site is the nearest place to carry on.
    draftInput.current?.focus();
  };

  const save = form.onSubmit(async (values) => {
    const pending = draft.trim() ? checkNewOrigin(draft, values.allowedOrigins) : null;
    const allowedOrigins = pending?.ok ? [...values.allowedOrigins, pending.origin] : values.allowedOrigins;
    const view = await api.widget.saveSettings(widgetInputOf({ ...values, allowedOrigins }));
    setSaved(view);
    form.reset(widgetValuesOf(view));
    setDraft('');
    toast(t.widget.saved);
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const pending = draft.trim() ? checkNewOrigin(draft, origins) : null;
    if (pending && !pending.ok) {
      event.preventDefault();
      setDraftError(problemText(pending.problem));
      draftInput.current?.focus();
      return;
    }
    return save(event);
  };

  const discard = () => {
    form.reset(widgetValuesOf(saved));
    setDraft('');
    setDraftError(undefined);
  };

  return (
    <Card aria-labelledby="widget-origins-title">
      <CardHeader
        titleId="widget-origins-title"
        title={t.widget.origins.title}
        description={t.widget.origins.description}
      />
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <div className="space-y-4 px-5 py-5">
          {form.formError && <Alert>{form.formError}</Alert>}
          <OriginsField
            origins={origins}
            onRemove={removeOrigin}
            draft={draft}
            onDraftChange={(value) => {
              setDraft(value);
              setDraftError(undefined);
            }}
            onAdd={addDraft}
            // A site the server refused on its way in from the field is reported under the field.
            draftError={draftError ?? form.errorOf(`allowedOrigins.${origins.length}`)}
            errorOf={form.errorOf}
            draftInput={draftInput}
          />
        </div>
        <SaveBar dirty={dirty} submitting={form.submitting} onDiscard={discard} />
      </form>
    </Card>
  );
}
