// The support contact companies are pointed to: an email, a phone and a Telegram name, any of
// them (at least one). The server checks them and says what is wrong under each field.
import type { SupportContactResponse } from '@aimax/backend/contracts';
import { useState } from 'react';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Card, CardHeader } from '@/lib/ui/Card';
import { SaveBar } from '@/lib/ui/SaveBar';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';

type Contact = SupportContactResponse['support'];
const valuesOf = (contact: Contact) => ({
  email: contact?.email ?? '',
  phone: contact?.phone ?? '',
  telegram: contact?.telegram ? `@${contact.telegram}` : '',
});

export function SupportForm({ initial }: { initial: Contact }) {
  const text = t.platform.support;
  const [saved, setSaved] = useState(initial);
  const form = useForm(valuesOf(initial));
  const dirty = JSON.stringify(form.values) !== JSON.stringify(valuesOf(saved));

  const submit = form.onSubmit(async (values) => {
    const response = await api.platform.saveSupport({
      email: values.email.trim(),
      phone: values.phone.trim(),
      telegram: values.telegram.trim(),
    });
    setSaved(response.support);
    form.reset(valuesOf(response.support));
    toast(text.saved);
  });

  return (
    <Card id="support" className="mt-6 scroll-mt-6" aria-labelledby="support-title">
      <CardHeader titleId="support-title" title={text.title} description={text.description} />
      <form ref={form.formRef} onSubmit={submit} noValidate>
        {form.formError && (
          <div className="px-5 pt-5">
            <Alert>{form.formError}</Alert>
          </div>
        )}
        <div className="grid gap-5 px-5 py-5 sm:grid-cols-3">
          <TextField
            {...form.field('email')}
            label={text.email}
            type="email"
            placeholder={text.emailPlaceholder}
            maxLength={254}
          />
          <TextField
            {...form.field('phone')}
            label={text.phone}
            type="tel"
            placeholder={text.phonePlaceholder}
            maxLength={40}
          />
          <TextField
            {...form.field('telegram')}
            label={text.telegram}
            placeholder={text.telegramPlaceholder}
            hint={text.telegramHint}
            maxLength={33}
          />
        </div>
        <SaveBar
          dirty={dirty}
          neverSaved={saved === null}
          submitting={form.submitting}
          onDiscard={() => form.reset(valuesOf(saved))}
        />
      </form>
    </Card>
  );
}
