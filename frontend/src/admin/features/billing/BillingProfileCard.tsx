// The company's requisites as the buyer on its invoices. Until saved it is a form; afterwards a
// summary, which «Изменить» turns back into the form. The server checks the numbers' check
// digits and its messages go under the fields.
import type { BillingProfileView } from '@aimax/backend/contracts';
import { Pencil, Save } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { useAuthStore } from '@/lib/stores/useAuthStore';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Button } from '@/lib/ui/Button';
import { Card, CardHeader } from '@/lib/ui/Card';
import { SegmentedControl } from '@/lib/ui/SegmentedControl';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';
import { profileInputOf, profileValuesOf } from './profileValues';

const text = t.billing.profile;

const legalForms = [
  { value: 'company', label: t.legalForms.company },
  { value: 'entrepreneur', label: t.legalForms.entrepreneur },
] as const;

interface BillingProfileCardProps {
  profile: BillingProfileView | null;
  onSaved(profile: BillingProfileView): void;
}

export function BillingProfileCard({ profile, onSaved }: BillingProfileCardProps) {
  const [editing, setEditing] = useState(profile === null);
  return (
    <Card aria-labelledby="billing-profile-title">
      <CardHeader titleId="billing-profile-title" title={text.title} description={text.description} />
      {profile && !editing ? (
        <ProfileSummary profile={profile} onEdit={() => setEditing(true)} />
      ) : (
        <ProfileForm
          profile={profile}
          onSaved={(saved) => {
            onSaved(saved);
            setEditing(false);
          }}
          onCancel={profile ? () => setEditing(false) : undefined}
        />
      )}
    </Card>
  );
}

function CardFooter({ children }: { children: ReactNode }) {
  return (
    <footer className="flex flex-wrap justify-end gap-2 rounded-b-xl border-t border-zinc-100 bg-zinc-50/70 px-5 py-3">
      {children}
    </footer>
  );
}

function ProfileSummary({ profile, onEdit }: { profile: BillingProfileView; onEdit(): void }) {
  const rows = [
    { label: text.name, value: profile.name },
    { label: text.inn, value: profile.inn },
    ...(profile.kpp ? [{ label: text.kpp, value: profile.kpp }] : []),
    { label: text.ogrn[profile.legalForm], value: profile.ogrn },
    { label: text.legalAddress, value: profile.legalAddress },
    { label: text.email, value: profile.email },
  ];
  return (
    <>
      <dl className="divide-y divide-zinc-100 px-5 py-1.5">
        {rows.map((row) => (
          <div key={row.label} className="grid gap-x-4 gap-y-0.5 py-2.5 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]">
            <dt className="text-zinc-500">{row.label}</dt>
            <dd className="break-words text-zinc-900 tabular-nums">{row.value}</dd>
          </div>
        ))}
      </dl>
      <CardFooter>
        <Button variant="secondary" icon={Pencil} onClick={onEdit} aria-label={text.editLabel}>
          {text.edit}
        </Button>
      </CardFooter>
    </>
  );
}

interface ProfileFormProps {
  profile: BillingProfileView | null;
  onSaved(profile: BillingProfileView): void;
  /** Back to the summary; absent while there is no saved profile to go back to. */
  onCancel?: () => void;
}

function ProfileForm({ profile, onSaved, onCancel }: ProfileFormProps) {
  const ownerEmail = useAuthStore((state) => state.session?.user.email ?? '');
  const form = useForm(profileValuesOf(profile, ownerEmail));
  const { legalForm } = form.values;

  const submit = form.onSubmit(async (values) => {
    const saved = await api.billing.saveProfile(profileInputOf(values));
    // The API answers a save with the profile it kept; it is never null here.
    if (saved.profile) onSaved(saved.profile);
    toast(text.saved);
  });

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <div className="space-y-5 px-5 py-5">
        {form.formError && <Alert>{form.formError}</Alert>}
        <SegmentedControl
          label={text.legalForm}
          options={legalForms}
          value={legalForm}
          onChange={(value) => form.setValue('legalForm', value)}
        />
        <TextField
          {...form.field('name')}
          label={text.name}
          placeholder={text.namePlaceholder[legalForm]}
          hint={text.nameHint[legalForm]}
          maxLength={300}
          autoComplete="organization"
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            {...form.field('inn')}
            label={text.inn}
            hint={text.innHint[legalForm]}
            inputMode="numeric"
            maxLength={32}
          />
          {legalForm === 'company' && (
            <TextField {...form.field('kpp')} label={text.kpp} inputMode="numeric" maxLength={32} />
          )}
          <TextField
            {...form.field('ogrn')}
            label={text.ogrn[legalForm]}
            hint={text.ogrnHint[legalForm]}
            inputMode="numeric"
            maxLength={32}
          />
        </div>
        <TextField
          {...form.field('legalAddress')}
          label={text.legalAddress}
          placeholder={text.legalAddressPlaceholder}
          maxLength={500}
          autoComplete="street-address"
        />
        <TextField
          {...form.field('email')}
          label={text.email}
          hint={text.emailHint}
          type="email"
          maxLength={254}
          autoComplete="email"
        />
      </div>
      <CardFooter>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel} disabled={form.submitting}>
            {t.common.cancel}
          </Button>
        )}
        <Button type="submit" icon={Save} loading={form.submitting}>
          {text.save}
        </Button>
      </CardFooter>
    </form>
  );
}
