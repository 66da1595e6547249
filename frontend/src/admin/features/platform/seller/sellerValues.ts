// The seller form holds texts; the API takes the VAT rate and the days to pay as numbers, and a
// КПП only from a company. The form keys are the API's field names, so the server's field errors
// land under the right inputs.
import type { SellerSettingsInput } from '@aimax/backend/contracts';
import type { LegalForm } from '@/lib/api';

export type SellerValues = {
  legalForm: LegalForm;
  name: string;
  inn: string;
  kpp: string;
  ogrn: string;
  address: string;
  bankName: string;
  bik: string;
  correspondentAccount: string;
  account: string;
  /** '' for no VAT, else the rate in per cent. */
  vatRate: string;
  director: string;
  accountant: string;
  dueDays: string;
};

/** The rates the API accepts; no VAT (УСН) comes first, as most small sellers have none. */
export const VAT_RATES = [5, 7, 10, 22] as const;

const DEFAULT_DUE_DAYS = 5;

/** The saved requisites, or an empty form for a company without VAT paying within five days. */
export const sellerValuesOf = (seller: SellerSettingsInput | null): SellerValues => ({
  legalForm: seller?.legalForm ?? 'company',
  name: seller?.name ?? '',
  inn: seller?.inn ?? '',
  kpp: seller?.kpp ?? '',
  ogrn: seller?.ogrn ?? '',
  address: seller?.address ?? '',
  bankName: seller?.bankName ?? '',
  bik: seller?.bik ?? '',
  correspondentAccount: seller?.correspondentAccount ?? '',
  account: seller?.account ?? '',
  vatRate: seller?.vatRate ? String(seller.vatRate) : '',
  director: seller?.director ?? '',
  accountant: seller?.accountant ?? '',
  dueDays: String(seller?.dueDays ?? DEFAULT_DUE_DAYS),
});

/**
 * The request body. Days to pay that are not a whole number go out as they are typed, as a
 * number the API then refuses with its own message under the field.
 */
export const sellerInputOf = (values: SellerValues): SellerSettingsInput => ({
  legalForm: values.legalForm,
  name: values.name,
  inn: values.inn,
  kpp: values.legalForm === 'company' ? values.kpp : null,
  ogrn: values.ogrn,
  address: values.address,
  bankName: values.bankName,
  bik: values.bik,
  correspondentAccount: values.correspondentAccount,
  account: values.account,
  vatRate: values.vatRate === '' ? null : (Number(values.vatRate) as SellerSettingsInput['vatRate']),
  director: values.director,
  accountant: values.accountant,
  dueDays: values.dueDays.trim() === '' ? 0 : Number(values.dueDays),
});

/** Whether saving would send something other than what is saved. */
export const sellerChanged = (values: SellerValues, saved: SellerSettingsInput | null): boolean =>
  JSON.stringify(sellerInputOf(values)) !== JSON.stringify(sellerInputOf(sellerValuesOf(saved)));
