// The billing profile form holds texts; the API takes a КПП only from a company. The form keys
// are the API's field names, so the server's field errors land under the right inputs.
import type { BillingProfileInput, BillingProfileView } from '@aimax/backend/contracts';
import type { LegalForm } from '@/lib/api';

export type ProfileValues = {
  legalForm: LegalForm;
  name: string;
  inn: string;
  kpp: string;
  ogrn: string;
  legalAddress: string;
  email: string;
};

/** The saved profile, or an empty one for a company, its invoices sent to `email` (the owner's). */
export const profileValuesOf = (profile: BillingProfileView | null, email: string): ProfileValues => ({
  legalForm: profile?.legalForm ?? 'company',
  name: profile?.name ?? '',
  inn: profile?.inn ?? '',
  kpp: profile?.kpp ?? '',
  ogrn: profile?.ogrn ?? '',
  legalAddress: profile?.legalAddress ?? '',
  email: profile?.email ?? email,
});

/** The request body: an entrepreneur has no КПП, whatever was typed before switching to ИП. */
export const profileInputOf = (values: ProfileValues): BillingProfileInput => ({
  legalForm: values.legalForm,
  name: values.name,
  inn: values.inn,
  kpp: values.legalForm === 'company' ? values.kpp : null,
  ogrn: values.ogrn,
  legalAddress: values.legalAddress,
  email: values.email,
});
