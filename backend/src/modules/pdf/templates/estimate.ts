// The estimate PDF: A4, in the company's colours and with its logo, the visitor's answers, the
// estimate's lines and total, the date and the company's contacts. Every value is escaped; images
// come as data: URLs because the engine loads nothing else.

import { escapeHtml } from '../../../lib/html.ts';
import { formatPhone } from '../../../lib/phone.ts';

export interface EstimateCompany {
  name: string;
  logoDataUrl: string | null;
  primaryColor: string;
  accentColor: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  website: string | null;
  /** «Смета сформирована в AI Max» at the foot; off on a plan with white-label. */
  poweredBy: boolean;
}

export interface EstimateDocument {
  number: string;
  date: Date;
  company: EstimateCompany;
  customer: { name: string; phone: string } | null;
  answers: { question: string; answer: string }[];
  lines: { title: string; details?: string; amount: number }[];
  total: number;
  /** Shown beside the total when the estimate is a range. */
  range?: { min: number; max: number };
  note?: string;
}

const rubles = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 });
const day = new Intl.DateTimeFormat('ru-RU', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Moscow',
});

export const formatRubles = (amount: number) => rubles.format(amount);

export const POWERED_BY = 'Смета сформирована в AI Max';

const HEX = /^#[0-9a-fA-F]{6}$/;
const color = (value: string, fallback: string) => (HEX.test(value) ? value : fallback);
// Only images we produced reach here, but the attribute must not be able to carry anything else.
const DATA_IMAGE = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/=]+$/;

export function renderEstimateHtml(doc: EstimateDocument): string {
  const e = escapeHtml;
  const primary = color(doc.company.primaryColor, '#4f46e5');
  const accent = color(doc.company.accentColor, '#f59e0b');
  const logo =
    doc.company.logoDataUrl && DATA_IMAGE.test(doc.company.logoDataUrl)
      ? `<img class="logo" src="${doc.company.logoDataUrl}" alt="">`
      : '';
  const contacts = [doc.company.phone, doc.company.email, doc.company.website, doc.company.address]
    .filter((value): value is string => Boolean(value))
    .map((value) => `<span>${e(value)}</span>`)
    .join('');
  const answers = doc.answers
    .map((a) => `<tr><td class="q">${e(a.question)}</td><td>${e(a.answer)}</td></tr>`)
    .join('');
  const lines = doc.lines
    .map(
      (line, index) =>
        `<tr><td class="n">${index + 1}</td><td>${e(line.title)}${
          line.details ? `<div class="details">${e(line.details)}</div>` : ''
        }</td><td class="sum">${e(formatRubles(line.amount))}</td></tr>`,
    )
    .join('');
  const range = doc.range
    ? `<div class="range">Диапазон: ${e(formatRubles(doc.range.min))} — ${e(formatRubles(doc.range.max))}</div>`
    : '';

  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Смета ${e(doc.number)}</title>
<style>
  @page { size: A4; margin: 16mm 14mm 18mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; color: #1f2937; }
  header { display: flex; align-items: center; justify-content: space-between; gap: 16px;
           padding-bottom: 12px; border-bottom: 3px solid ${primary}; }
  .brand { display: flex; align-items: center; gap: 12px; }
  .logo { max-height: 48px; max-width: 180px; }
  .company { font-size: 15pt; font-weight: bold; color: ${primary}; }
  .contacts { text-align: right; font-size: 8.5pt; color: #4b5563; display: flex; flex-direction: column; gap: 2px; }
  h1 { font-size: 17pt; margin: 22px 0 2px; }
  .meta { color: #6b7280; margin-bottom: 14px; }
  h2 { font-size: 11.5pt; margin: 18px 0 6px; color: ${primary}; }
  table { width: 100%; border-collapse: collapse; }
  td { padding: 6px 8px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
  td.q { width: 45%; color: #4b5563; }
  td.n { width: 28px; color: #9ca3af; }
  td.sum { text-align: right; white-space: nowrap; width: 130px; }
  .details { color: #6b7280; font-size: 9pt; margin-top: 2px; }
  .total { margin-top: 16px; padding: 14px 16px; border-radius: 8px; background: ${primary}; color: #fff;
           display: flex; justify-content: space-between; align-items: baseline; }
  .total .label { font-size: 11pt; }
  .total .amount { font-size: 18pt; font-weight: bold; }
  .range { margin-top: 6px; text-align: right; color: #4b5563; }
  .note { margin-top: 18px; padding: 10px 12px; border-left: 3px solid ${accent}; background: #f9fafb;
          font-size: 9pt; color: #4b5563; }
  table.customer { width: auto; }
  .customer td { border: none; padding: 2px 16px 2px 0; }
  .customer td:first-child { color: #6b7280; }
  .powered { margin-top: 14px; text-align: center; font-size: 7.5pt; color: #9ca3af; }
</style></head>
<body>
  <header>
    <div class="brand">${logo}<div class="company">${e(doc.company.name)}</div></div>
    <div class="contacts">${contacts}</div>
  </header>
  <h1>Смета на ремонт № ${e(doc.number)}</h1>
  <div class="meta">от ${e(day.format(doc.date))}</div>
  ${
    doc.customer
      ? `<table class="customer"><tr><td>Клиент:</td><td>${e(doc.customer.name)}</td></tr><tr><td>Телефон:</td><td>${e(formatPhone(doc.customer.phone))}</td></tr></table>`
      : ''
  }
  ${answers ? `<h2>Параметры объекта</h2><table>${answers}</table>` : ''}
  <h2>Расчёт стоимости</h2>
  <table>${lines}</table>
  <div class="total"><span class="label">Итого</span><span class="amount">${e(formatRubles(doc.total))}</span></div>
  ${range}
  <div class="note">${e(
    doc.note ?? 'Расчёт предварительный: точная стоимость определяется после замера. Смета действительна 14 дней.',
  )}</div>
  ${doc.company.poweredBy ? `<div class="powered">${POWERED_BY}</div>` : ''}
</body></html>`;
}
