// Where amoCRM deals go and what fills them: the pipeline and its stage, the responsible user, the
// tags, whether a known phone joins its contact, and the field mapping. The pipelines, fields and
// users are read live from amoCRM, so the form waits for them (and says why when amoCRM does not
// answer); one save bar sends it all.
import type { AmoAccountView, AmoIntegrationView, AmoSettingsInput } from '@aimax/backend/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { SaveBar } from '@/lib/ui/SaveBar';
import { SelectField } from '@/lib/ui/SelectField';
import { Skeleton } from '@/lib/ui/Skeleton';
import { Switch } from '@/lib/ui/Switch';
import { useForm } from '@/lib/useForm';
import { useResource } from '@/lib/useResource';
import { AmoMapping } from './AmoMapping';
import { AmoTags } from './AmoTags';
import {
  amoInputOf,
  amoSettingsChanged,
  amoValuesOf,
  checkNewTag,
  pipelineAt,
  type TagCheck,
  withMissing,
} from './amoSettings';

const loadAccount = (signal: AbortSignal) => api.integrations.amocrmAccount(signal);

interface AmoSettingsProps {
  settings: AmoSettingsInput;
  onSaved(view: AmoIntegrationView): void;
  onStale(): void;
}

export function AmoSettings({ settings, onSaved, onStale }: AmoSettingsProps) {
  const account = useResource(loadAccount);
  const refused = account.error?.code === 'AMOCRM_REAUTH_REQUIRED';
  useEffect(() => {
    if (refused) onStale();
  }, [refused, onStale]);

  if (account.error && !account.data) {
    return (
      <div className="border-t border-zinc-100 px-5 py-5">
        <Alert title={t.integrations.amocrm.accountFailed} onRetry={account.reload}>
          {account.error.message}
        </Alert>
      </div>
    );
  }
  if (!account.data) return <SettingsSkeleton />;
  return <AmoSettingsForm account={account.data} settings={settings} onSaved={onSaved} />;
}

const tagProblem = (problem: Extract<TagCheck, { ok: false }>['problem']): string | undefined => {
  const text = t.integrations.amocrm.tags;
  if (problem === 'duplicate') return text.duplicate;
  if (problem === 'tooLong') return text.tooLong;
  if (problem === 'full') return text.full;
  return undefined;
};

interface AmoSettingsFormProps {
  account: AmoAccountView;
  settings: AmoSettingsInput;
  onSaved(view: AmoIntegrationView): void;
}

function AmoSettingsForm({ account, settings, onSaved }: AmoSettingsFormProps) {
  const text = t.integrations.amocrm;
  const form = useForm(amoValuesOf(settings));
  const { values } = form;
  const [tagDraft, setTagDraft] = useState('');
  const [tagError, setTagError] = useState<string | undefined>();
  const tagInput = useRef<HTMLInputElement>(null);
  // A tag typed but not added counts as a change: Save adds it rather than dropping it.
  const dirty = amoSettingsChanged(values, settings) || tagDraft.trim() !== '';

  const mainPipeline = pipelineAt(account, '');
  const pipeline = pipelineAt(account, values.pipelineId);
  const pipelineOptions = withMissing(
    [
      { value: '', label: text.mainPipeline(mainPipeline?.name ?? t.common.noValue) },
      ...account.pipelines.map((each) => ({ value: String(each.id), label: each.name })),
    ],
    values.pipelineId,
    text.missing(Number(values.pipelineId)),
  );
  const stageOptions = withMissing(
    [
      { value: '', label: text.firstStage(pipeline?.statuses[0]?.name ?? t.common.noValue) },
      ...(pipeline?.statuses ?? []).map((status) => ({ value: String(status.id), label: status.name })),
    ],
    values.statusId,
    text.missing(Number(values.statusId)),
  );
  const userOptions = withMissing(
    [
      { value: '', label: text.responsibleDefault },
      ...account.users.map((user) => ({ value: String(user.id), label: user.name })),
    ],
    values.responsibleUserId,
    text.missing(Number(values.responsibleUserId)),
  );

  const addTag = () => {
    const check = checkNewTag(tagDraft, values.tags);
    if (!check.ok) {
      setTagError(tagProblem(check.problem));
      return;
    }
    form.setValue('tags', [...values.tags, check.tag]);
    setTagDraft('');
    setTagError(undefined);
    tagInput.current?.focus();
  };

  const removeTag = (tag: string) => {
    form.setValue(
      'tags',
      values.tags.filter((each) => each !== tag),
    );
    // The button pressed is gone; the field to add a tag is the nearest place to carry on.
    tagInput.current?.focus();
  };

  const save = form.onSubmit(async (submitted) => {
    const pending = tagDraft.trim() ? checkNewTag(tagDraft, submitted.tags) : null;
    const tags = pending?.ok ? [...submitted.tags, pending.tag] : submitted.tags;
    const view = await api.integrations.saveAmocrmSettings(amoInputOf({ ...submitted, tags }));
    onSaved(view);
    form.reset(amoValuesOf(view.connection?.settings ?? amoInputOf({ ...submitted, tags })));
    setTagDraft('');
    toast(text.saved);
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    const pending = tagDraft.trim() ? checkNewTag(tagDraft, values.tags) : null;
    if (pending && !pending.ok) {
      event.preventDefault();
      setTagError(tagProblem(pending.problem));
      tagInput.current?.focus();
      return;
    }
    return save(event);
  };

  const discard = () => {
    form.reset(amoValuesOf(settings));
    setTagDraft('');
    setTagError(undefined);
  };

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate className="border-t border-zinc-100">
      <section aria-labelledby="amocrm-deal-title" className="space-y-5 px-5 py-5">
        <div>
          <h3 id="amocrm-deal-title" className="text-sm font-semibold text-zinc-900">
            {text.deal.title}
          </h3>
          <p className="mt-0.5 text-[13px] text-zinc-500">{text.deal.description}</p>
        </div>
        <div className="grid gap-4 md:grid-cols-3">
          <SelectField
            name="pipelineId"
            label={text.pipeline}
            options={pipelineOptions}
            value={values.pipelineId}
            onChange={(event) => {
              form.setValue('pipelineId', event.target.value);
              // Stages belong to their pipeline: the new one starts at its first.
              form.setValue('statusId', '');
            }}
            error={form.errorOf('pipelineId')}
          />
          <SelectField {...form.field('statusId')} label={text.stage} options={stageOptions} />
          <SelectField {...form.field('responsibleUserId')} label={text.responsible} options={userOptions} />
        </div>
        <AmoTags
          tags={values.tags}
          onRemove={removeTag}
          draft={tagDraft}
          onDraftChange={(draft) => {
            setTagDraft(draft);
            setTagError(undefined);
          }}
          onAdd={addTag}
          // A tag the server refused on its way in from the field is reported under the field.
          draftError={tagError ?? form.errorOf('tags') ?? form.errorOf(`tags.${values.tags.length}`)}
          errorOf={form.errorOf}
          draftInput={tagInput}
        />
        <Switch
          checked={values.attachExistingContact}
          onChange={(checked) => form.setValue('attachExistingContact', checked)}
          label={text.attach.label}
          description={text.attach.text}
        />
      </section>
      <section aria-labelledby="amocrm-mapping-title" className="border-t border-zinc-100 px-5 py-5">
        <AmoMapping
          account={account}
          rows={values.mapping}
          onChange={(rows) => form.setValue('mapping', rows)}
          errorOf={form.errorOf}
        />
      </section>
      {form.formError && (
        <div className="px-5 pb-5">
          <Alert>{form.formError}</Alert>
        </div>
      )}
      <SaveBar dirty={dirty} submitting={form.submitting} onDiscard={discard} />
    </form>
  );
}

function SettingsSkeleton() {
  return (
    <div aria-busy="true" className="space-y-5 border-t border-zinc-100 px-5 py-5">
      <Skeleton className="h-4 w-40" />
      <div className="grid gap-4 md:grid-cols-3">
        {['pipeline', 'stage', 'responsible'].map((field) => (
          <Skeleton key={field} className="h-16 w-full rounded-lg" />
        ))}
      </div>
      <Skeleton className="h-10 w-full max-w-md rounded-lg" />
      <Skeleton className="h-24 w-full rounded-lg" />
    </div>
  );
}
