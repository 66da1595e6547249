// The payment QR of ГОСТ Р 56042-2014 that Russian banking apps read to fill a transfer:
// `ST00012` (format 0001, UTF-8), then `Key=Value` pairs separated by `|`.
import { toString as qrToString } from 'qrcode';
import { formatDate, formatMoney } from './format.ts';
import type { SellerRequisites } from './requisites.ts';

export interface PaymentDetails {
  payee: Pick<SellerRequisites, 'name' | 'account' | 'bankName' | 'bik' | 'correspondentAccount' | 'inn' | 'kpp'>;
  sumKopecks: number;
  purpose: string;
  payerInn?: string;
}

// The standard's limits; a longer value is cut here rather than refused by a banking app.
const NAME_MAX = 160;
const BANK_NAME_MAX = 45;
const PURPOSE_MAX = 210;

/** One line, no `|` (the separator), at most `max` characters. */
const clean = (value: string, max = Number.POSITIVE_INFINITY) =>
  [...value.replace(/[|\s]+/g, ' ').trim()].slice(0, max).join('').trim();

export function paymentPayload(details: PaymentDetails): string {
  const { payee } = details;
  const fields: [string, string | null | undefined][] = [
    ['Name', clean(payee.name, NAME_MAX)],
    ['PersonalAcc', payee.account],
    ['BankName', clean(payee.bankName, BANK_NAME_MAX)],
    ['BIC', payee.bik],
    ['CorrespAcc', payee.correspondentAccount],
    ['Sum', String(details.sumKopecks)],
    ['Purpose', clean(details.purpose, PURPOSE_MAX)],
    ['PayeeINN', payee.inn],
    ['KPP', payee.kpp],
    ['PayerINN', details.payerInn],
  ];
  const pairs = fields.flatMap(([key, value]) => (value ? [`${key}=${clean(value)}`] : []));
  return ['ST00012', ...pairs].join('|');
}

export interface PurposeOptions {
  number: string;
  issuedAt: Date;
  /** What is paid for: «Тариф «Бизнес», 3 мес.». */
  subject: string;
  vatRate: number | null;
  vatKopecks: number;
}

/**
 * «Оплата по счёту № 2026-000123 от 29.11.2026. Тариф «Бизнес», 3 мес. Без НДС». The VAT clause,
 * which the tax rules require in a payment's purpose, always fits: the subject is shortened instead.
 */
export function paymentPurpose(options: PurposeOptions): string {
  const head = `Оплата по счёту № ${clean(options.number)} от ${formatDate(options.issuedAt)}.`;
  const vat =
    options.vatRate === null
      ? 'Без НДС'
      : `В т.ч. НДС ${options.vatRate}% — ${formatMoney(options.vatKopecks, ' ')} руб.`;
  let subject = clean(options.subject);
  if (subject && !subject.endsWith('.')) subject += '.';
  const room = PURPOSE_MAX - head.length - vat.length - 2;
  if ([...subject].length > room) {
    subject = `${clean(subject, Math.max(room - 1, 0)).replace(/[\s.,;:]+$/, '')}…`;
  }
  return [head, subject, vat].filter(Boolean).join(' ');
}

/**
 * The QR as an SVG element, for inlining in the invoice's HTML (the PDF engine loads no URLs). Its
 * own quiet zone is two modules, not the standard four: the white page around it gives the rest,
 * and the modules stay larger in the same 36 mm.
 */
export function paymentQrSvg(payload: string): Promise<string> {
  return qrToString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
