// BotSettings: what the consultant is called, how it opens the chat, and its avatar.
import type { BotSettingsView } from '@aimax/backend/contracts';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Card, CardHeader } from '@/lib/ui/Card';
import { SaveBar } from '@/lib/ui/SaveBar';
import { TextAreaField } from '@/lib/ui/TextAreaField';
import { TextField } from '@/lib/ui/TextField';
import type { FormState } from '@/lib/useForm';
import { type BotValues, botChanged, botInputOf, botValuesOf } from './formValues';
import { ImageUpload } from './ImageUpload';

interface BotSettingsCardProps {
  form: FormState<BotValues>;
  saved: BotSettingsView;
  onSaved(view: BotSettingsView): void;
}

export function BotSettingsCard({ form, saved, onSaved }: BotSettingsCardProps) {
  const { bot: text, upload } = t.branding;
  const dirty = botChanged(form.values, saved);

  const submit = form.onSubmit(async (values) => {
    const view = await api.botSettings.save(botInputOf(values));
    onSaved(view);
    form.reset(botValuesOf(view));
    toast(text.saved);
  });

  return (
    <Card aria-labelledby="bot-settings-title">
      <CardHeader titleId="bot-settings-title" title={text.title} description={text.description} />
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <div className="space-y-5 px-5 py-5">
          {form.formError && <Alert>{form.formError}</Alert>}
          <ImageUpload
            label={text.avatar}
            hint={text.avatarHint}
            image={saved.avatar}
            shape="avatar"
            upload={async (file, options) => onSaved(await api.botSettings.uploadAvatar(file, options))}
            remove={async () => onSaved(await api.botSettings.deleteAvatar())}
            texts={{
              uploaded: upload.avatarUploaded,
              deleted: upload.avatarDeleted,
              deleteTitle: upload.deleteAvatarTitle,
              deleteText: upload.deleteAvatarText,
            }}
          />
          <TextField
            {...form.field('name')}
            label={text.name}
            placeholder={text.namePlaceholder}
            maxLength={60}
            autoComplete="off"
          />
          <TextAreaField
            {...form.field('greeting')}
            label={text.greeting}
            hint={text.greetingHint}
            maxLength={500}
            rows={3}
          />
        </div>
        <SaveBar dirty={dirty} submitting={form.submitting} onDiscard={() => form.reset(botValuesOf(saved))} />
      </form>
    </Card>
  );
}
