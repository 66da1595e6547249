// TenantBranding: the company's name, colours and welcome in the widget, its contacts on the
// PDF estimates, and its logo in both. The form lives in BrandingEditor, which previews it.
import type { BrandingView } from '@aimax/backend/contracts';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Card, CardHeader } from '@/lib/ui/Card';
import { SaveBar } from '@/lib/ui/SaveBar';
import { TextAreaField } from '@/lib/ui/TextAreaField';
import { TextField } from '@/lib/ui/TextField';
import type { FormState } from '@/lib/useForm';
import { ColorField } from './ColorField';
import { type BrandingValues, brandingChanged, brandingInputOf, brandingValuesOf } from './formValues';
import { ImageUpload } from './ImageUpload';
import { SampleEstimate } from './SampleEstimate';

interface CompanyBrandingCardProps {
  form: FormState<BrandingValues>;
  saved: BrandingView;
  onSaved(view: BrandingView): void;
}

export function CompanyBrandingCard({ form, saved, onSaved }: CompanyBrandingCardProps) {
  const { company: text, upload } = t.branding;
  const dirty = brandingChanged(form.values, saved);

  const submit = form.onSubmit(async (values) => {
    const view = await api.branding.save(brandingInputOf(values));
    onSaved(view);
    form.reset(brandingValuesOf(view));
    toast(text.saved);
  });

  return (
    <Card aria-labelledby="company-branding-title">
      <CardHeader titleId="company-branding-title" title={text.title} description={text.description} />
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <div className="space-y-5 px-5 py-5">
          {form.formError && <Alert>{form.formError}</Alert>}
          <ImageUpload
            label={text.logo}
            hint={text.logoHint}
            image={saved.logo}
            shape="logo"
            upload={async (file, options) => onSaved(await api.branding.uploadLogo(file, options))}
            remove={async () => onSaved(await api.branding.deleteLogo())}
            texts={{
              uploaded: upload.logoUploaded,
              deleted: upload.logoDeleted,
              deleteTitle: upload.deleteLogoTitle,
              deleteText: upload.deleteLogoText,
            }}
          />
          <TextField
            {...form.field('companyName')}
            label={text.name}
            placeholder={saved.defaultCompanyName}
            hint={text.nameHint(saved.defaultCompanyName)}
            maxLength={120}
            autoComplete="organization"
          />
          <div className="grid gap-5 sm:grid-cols-2">
            {(['primaryColor', 'accentColor'] as const).map((name) => (
              <ColorField
                key={name}
                name={name}
                label={name === 'primaryColor' ? text.primaryColor : text.accentColor}
                hint={name === 'primaryColor' ? text.primaryHint : text.accentHint}
                value={form.values[name]}
                onChange={(value) => form.setValue(name, value)}
                error={form.field(name).error}
                fallback={saved[name]}
              />
            ))}
          </div>
          <TextField {...form.field('welcomeTitle')} label={text.welcomeTitle} maxLength={120} />
          <TextAreaField {...form.field('welcomeText')} label={text.welcomeText} maxLength={500} rows={3} />

          <fieldset className="border-t border-zinc-100 pt-5">
            <legend className="float-left w-full text-sm font-semibold text-zinc-900">{text.contacts}</legend>
            <p className="clear-left pt-0.5 text-[13px] text-zinc-500">{text.contactsHint}</p>
            <div className="mt-4 grid gap-5 sm:grid-cols-2">
              <TextField
                {...form.field('contacts.phone')}
                label={text.phone}
                type="tel"
                placeholder={text.phonePlaceholder}
                maxLength={40}
                autoComplete="tel"
              />
              <TextField
                {...form.field('contacts.email')}
                label={text.email}
                type="email"
                placeholder={text.emailPlaceholder}
                maxLength={254}
                autoComplete="email"
              />
              <TextField
                {...form.field('contacts.address')}
                label={text.address}
                placeholder={text.addressPlaceholder}
                maxLength={200}
                autoComplete="street-address"
              />
              <TextField
                {...form.field('contacts.website')}
                label={text.website}
                placeholder={text.websitePlaceholder}
                maxLength={200}
                autoComplete="url"
              />
            </div>
          </fieldset>
          <SampleEstimate unsaved={dirty} />
        </div>
        <SaveBar dirty={dirty} submitting={form.submitting} onDiscard={() => form.reset(brandingValuesOf(saved))} />
      </form>
    </Card>
  );
}
