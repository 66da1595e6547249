// Russian requisites on an invoice: their types, the checks of their formats and check digits
// (ИНН, КПП, ОГРН/ОГРНИП, БИК, the accounts' keys against the БИК), and the VAT a price includes.
// Each check returns null or a Russian message fit to show beside the field. Values come in as
// stored: digits only, no spaces; the caller trims and strips what people paste.

export type LegalForm = 'company' | 'entrepreneur';

export interface PartyRequisites {
  legalForm: LegalForm;
  /** As it reads on documents: «ООО «Ромашка»», «ИП Иванов Иван Иванович». */
  name: string;
  inn: string;
  /** Companies only; an entrepreneur has none. */
  kpp: string | null;
  /** ОГРН of a company, ОГРНИП of an entrepreneur. */
  ogrn: string;
  address: string;
}

export interface SellerRequisites extends PartyRequisites {
  bankName: string;
  bik: string;
  correspondentAccount: string;
  account: string;
  /** null: no VAT («Без налога (НДС)», УСН); else the rate in per cent (5, 7, 10, 22), included in prices. */
  vatRate: number | null;
  /** ФИО of the director (for an entrepreneur: the entrepreneur). */
  director: string;
  /** ФИО of the chief accountant; empty for an entrepreneur or when the director signs for both. */
  accountant: string;
}

/** null: no VAT (УСН); 5 and 7: the УСН rates; 10: the reduced rate; 22: the basic rate since 1 January 2026. */
export const VAT_RATES: readonly (number | null)[] = [null, 5, 7, 10, 22];

/** The VAT included in an amount, in kopecks, rounded to the kopeck. */
export function vatOf(amountKopecks: number, vatRate: number | null): number {
  if (vatRate === null) return 0;
  return Math.round((amountKopecks * vatRate) / (100 + vatRate));
}

const digitsOf = (value: string) => [...value].map(Number);
const weighted = (digits: number[], weights: readonly number[]) =>
  weights.reduce((sum, weight, index) => sum + weight * (digits[index] ?? 0), 0);
const checkDigit = (digits: number[], weights: readonly number[]) => (weighted(digits, weights) % 11) % 10;
const allDigits = (value: string, length: number) => new RegExp(`^\\d{${length}}$`).test(value);

const INN10_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

export function innError(inn: string, legalForm: LegalForm): string | null {
  if (legalForm === 'company') {
    if (!allDigits(inn, 10)) return 'ИНН организации — 10 цифр';
    const digits = digitsOf(inn);
    if (checkDigit(digits, INN10_WEIGHTS) !== digits[9]) return 'Неверный ИНН: не сходится контрольная цифра';
    return null;
  }
  if (!allDigits(inn, 12)) return 'ИНН индивидуального предпринимателя — 12 цифр';
  const digits = digitsOf(inn);
  if (checkDigit(digits, INN12_WEIGHTS_11) !== digits[10] || checkDigit(digits, INN12_WEIGHTS_12) !== digits[11]) {
    return 'Неверный ИНН: не сходится контрольная цифра';
  }
  return null;
}

/** Four digits of the tax office, two of the reason (digits or Latin capitals), three of the sequence. */
export function kppError(kpp: string): string | null {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp) ? null : 'КПП — 9 символов, например 773601001';
}

export function ogrnError(ogrn: string, legalForm: LegalForm): string | null {
  // Fifteen digits overflow a double, hence BigInt for the remainder.
  const [label, length, modulus] = legalForm === 'company' ? ['ОГРН', 13, 11n] : ['ОГРНИП', 15, 13n];
  if (!allDigits(ogrn, length)) return `${label} — ${length} цифр`;
  const check = (BigInt(ogrn.slice(0, length - 1)) % modulus) % 10n;
  return check === BigInt(ogrn.slice(-1)) ? null : `Неверный ${label}: не сходится контрольная цифра`;
}

export function bikError(bik: string): string | null {
  return allDigits(bik, 9) ? null : 'БИК — 9 цифр';
}

// The Bank of Russia's key (Порядок расчёта контрольного ключа, ЦБ РФ 08.09.1997 № 515): the
// 23 digits of a three-digit bank number and the account, weighted 7, 1, 3 over and over, sum to
// a multiple of ten.
const KEY_WEIGHTS = Array.from({ length: 23 }, (_, index) => [7, 1, 3][index % 3] as number);
const keyFits = (bankNumber: string, account: string) =>
  weighted(digitsOf(bankNumber + account), KEY_WEIGHTS) % 10 === 0;

/**
 * The settlement account (р/с), keyed with the last three digits of the БИК. The key is checked
 * only against a well-formed БИК; a malformed one is bikError's to report.
 */
export function accountError(account: string, bik: string): string | null {
  if (!allDigits(account, 20)) return 'Расчётный счёт — 20 цифр';
  if (bikError(bik) === null && !keyFits(bik.slice(6), account)) {
    return 'Неверный расчётный счёт: не сходится контрольный ключ с БИК';
  }
  return null;
}

/**
 * The bank's correspondent account (к/с): it ends with the bank's number, the last three digits of
 * its БИК, and is keyed with "0" and the 5th and 6th digits of the БИК (the Bank of Russia's
 * division), which banks of one region share; hence the ending is checked as well.
 */
export function correspondentAccountError(correspondentAccount: string, bik: string): string | null {
  if (!/^30101\d{15}$/.test(correspondentAccount)) return 'Корреспондентский счёт — 20 цифр, начинается с 30101';
  if (bikError(bik) !== null) return null;
  if (correspondentAccount.slice(-3) !== bik.slice(-3)) {
    return 'Корреспондентский счёт другого банка: последние три цифры не совпадают с БИК';
  }
  if (!keyFits(`0${bik.slice(4, 6)}`, correspondentAccount)) {
    return 'Неверный корреспондентский счёт: не сходится контрольный ключ с БИК';
  }
  return null;
}

type Errors = Record<string, string>;

/** The failed checks only, keyed by field. */
const failed = (checks: Record<string, string | null>): Errors =>
  Object.fromEntries(Object.entries(checks).filter((entry): entry is [string, string] => entry[1] !== null));

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

function partyErrors(party: PartyRequisites): Errors {
  if (party.legalForm !== 'company' && party.legalForm !== 'entrepreneur') {
    return { legalForm: 'Выберите: организация или индивидуальный предприниматель' };
  }
  const company = party.legalForm === 'company';
  let kpp: string | null;
  if (company) kpp = party.kpp ? kppError(party.kpp) : 'Укажите КПП организации';
  else kpp = party.kpp ? 'У индивидуального предпринимателя нет КПП' : null;
  return failed({
    name: party.name.trim() ? null : company ? 'Укажите название организации' : 'Укажите ФИО предпринимателя',
    inn: innError(party.inn, party.legalForm),
    kpp,
    ogrn: ogrnError(party.ogrn, party.legalForm),
    address: party.address.trim() ? null : 'Укажите юридический адрес',
  });
}

/** The buyer's requisites and billing email: field name → message, {} when all are valid. */
export function buyerErrors(buyer: PartyRequisites & { email: string }): Errors {
  const email = buyer.email.trim();
  return {
    ...partyErrors(buyer),
    ...failed({ email: email.length <= 254 && EMAIL.test(email) ? null : 'Неверный адрес электронной почты' }),
  };
}

/** The seller's requisites, bank details, VAT rate and signatories: field name → message, {} when all are valid. */
export function sellerErrors(seller: SellerRequisites): Errors {
  const signatory =
    seller.legalForm === 'entrepreneur' ? 'Укажите ФИО предпринимателя для подписи' : 'Укажите ФИО руководителя';
  return {
    ...partyErrors(seller),
    ...failed({
      bankName: seller.bankName.trim() ? null : 'Укажите название банка',
      bik: bikError(seller.bik),
      correspondentAccount: correspondentAccountError(seller.correspondentAccount, seller.bik),
      account: accountError(seller.account, seller.bik),
      vatRate: VAT_RATES.includes(seller.vatRate) ? null : 'Ставка НДС: без НДС, 5, 7, 10 или 22 %',
      director: seller.director.trim() ? null : signatory,
    }),
  };
}
