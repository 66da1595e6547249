// The seller's requisites in three parts: who is paid, the bank account paid into, and what the
// invoice says (VAT, the days to pay, who signs). The server checks ИНН, КПП and ОГРН, and both
// accounts against the БИК; its messages go under the fields.
import type { SellerSettingsInput } from '@aimax/backend/contracts';
import { type ReactNode, useState } from 'react';
import { api } from '@/lib/api';
import { t } from '@/lib/i18n';
import { toast } from '@/lib/stores/useToastStore';
import { Alert } from '@/lib/ui/Alert';
import { Card } from '@/lib/ui/Card';
import { SaveBar } from '@/lib/ui/SaveBar';
import { SegmentedControl } from '@/lib/ui/SegmentedControl';
import { SelectField } from '@/lib/ui/SelectField';
import { TextField } from '@/lib/ui/TextField';
import { useForm } from '@/lib/useForm';
import { sellerChanged, sellerInputOf, sellerValuesOf, VAT_RATES } from './sellerValues';

const text = t.platform.seller;

const legalForms = [
  { value: 'company', label: t.legalForms.company },
  { value: 'entrepreneur', label: t.legalForms.entrepreneur },
] as const;

const vatOptions = [
  { value: '', label: text.noVat },
  ...VAT_RATES.map((rate) => ({ value: String(rate), label: text.vat(rate) })),
];

/** The form from requisites loaded once; afterwards every save answers with what was kept. */
export function SellerForm({ initial }: { initial: SellerSettingsInput | null }) {
  const [saved, setSaved] = useState(initial);
  const form = useForm(sellerValuesOf(initial));
  const { legalForm } = form.values;
  const dirty = sellerChanged(form.values, saved);

  const submit = form.onSubmit(async (values) => {
    const response = await api.platform.saveSeller(sellerInputOf(values));
    setSaved(response.seller);
    form.reset(sellerValuesOf(response.seller));
    toast(text.saved);
  });

  return (
    <div className="space-y-6">
      <Alert tone={saved ? 'info' : 'warning'} title={saved ? undefined : text.missing}>
        {text.about}
      </Alert>
      <Card>
        <form ref={form.formRef} onSubmit={submit} noValidate>
          {form.formError && (
            <div className="px-5 pt-5">
              <Alert>{form.formError}</Alert>
            </div>
          )}
          <Section title={text.sections.party}>
            <SegmentedControl
              label={text.legalForm}
              options={legalForms}
              value={legalForm}
              onChange={(value) => form.setValue('legalForm', value)}
              className="sm:col-span-2"
            />
            <TextField
              {...form.field('name')}
              label={text.name}
              placeholder={text.namePlaceholder}
              maxLength={300}
              className="sm:col-span-2"
            />
            <TextField {...form.field('inn')} label={text.inn} inputMode="numeric" maxLength={32} />
            {legalForm === 'company' && (
              <TextField {...form.field('kpp')} label={text.kpp} inputMode="numeric" maxLength={32} />
            )}
            <TextField {...form.field('ogrn')} label={text.ogrn[legalForm]} inputMode="numeric" maxLength={32} />
            <TextField
              {...form.field('address')}
              label={text.address}
              placeholder={text.addressPlaceholder}
              maxLength={500}
              className="sm:col-span-2"
            />
          </Section>
          <Section title={text.sections.bank}>
            <TextField
              {...form.field('bankName')}
              label={text.bankName}
              placeholder={text.bankNamePlaceholder}
              maxLength={300}
            />
            <TextField {...form.field('bik')} label={text.bik} inputMode="numeric" maxLength={32} />
            <TextField
              {...form.field('correspondentAccount')}
              label={text.correspondentAccount}
              inputMode="numeric"
              maxLength={32}
            />
            <TextField {...form.field('account')} label={text.account} inputMode="numeric" maxLength={32} />
          </Section>
          <Section title={text.sections.document}>
            <SelectField {...form.field('vatRate')} label={text.vatRate} hint={text.vatHint} options={vatOptions} />
            <TextField
              {...form.field('dueDays')}
              label={text.dueDays}
              hint={text.dueDaysHint}
              type="number"
              inputMode="numeric"
              min={1}
              max={60}
            />
            <TextField
              {...form.field('director')}
              label={text.director[legalForm]}
              hint={text.directorHint}
              maxLength={200}
            />
            <TextField
              {...form.field('accountant')}
              label={text.accountant}
              hint={text.accountantHint}
              maxLength={200}
            />
          </Section>
          <SaveBar
            dirty={dirty}
            neverSaved={saved === null}
            submitting={form.submitting}
            onDiscard={() => form.reset(sellerValuesOf(saved))}
          />
        </form>
      </Card>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="border-b border-zinc-100 px-5 py-5 last:border-b-0">
      <legend className="float-left mb-4 w-full text-[15px] font-semibold text-zinc-900">{title}</legend>
      <div className="clear-left grid gap-5 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}
