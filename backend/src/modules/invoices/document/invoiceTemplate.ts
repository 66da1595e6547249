// The invoice («Счёт на оплату») as HTML for the PDF engine, in the customary Russian layout: the
// payee's bank box, the title, supplier and buyer, the items, the totals with VAT, the amount in
// words, the due date and the signatures, with the ГОСТ payment QR beside the bank box. Every value
// is escaped; the QR is inline SVG because the engine loads no URLs.
import { escapeHtml as e } from '../../../lib/html.ts';
import { amountInWords } from './amountInWords.ts';
import { formatDate, formatLongDate, formatMoney } from './format.ts';
import { paymentPayload, paymentPurpose, paymentQrSvg } from './paymentQr.ts';
import type { PartyRequisites, SellerRequisites } from './requisites.ts';

export interface InvoiceLine {
  name: string;
  quantity: number;
  unit: string;
  priceKopecks: number;
  amountKopecks: number;
}

export interface InvoiceDocument {
  number: string;
  issuedAt: Date;
  dueAt: Date;
  seller: SellerRequisites;
  buyer: PartyRequisites;
  lines: InvoiceLine[];
  amountKopecks: number;
  vatRate: number | null;
  vatKopecks: number;
  /** A line above the bank box, such as the terms that paying implies. */
  notice?: string;
}

const quantityFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 3 });
const formatQuantity = (quantity: number) => quantityFormat.format(quantity);
// «Тариф «Бизнес», 3 мес.»; a single service needs no «1 усл.».
const lineSubject = (line: InvoiceLine) =>
  line.quantity === 1 ? line.name : `${line.name}, ${formatQuantity(line.quantity)} ${line.unit}`;

/** What the invoice's QR carries, for showing the same QR elsewhere (the web page, a letter). */
export function invoicePaymentPayload(doc: InvoiceDocument): string {
  return paymentPayload({
    payee: doc.seller,
    sumKopecks: doc.amountKopecks,
    purpose: paymentPurpose({
      number: doc.number,
      issuedAt: doc.issuedAt,
      subject: doc.lines.map(lineSubject).join('; '),
      vatRate: doc.vatRate,
      vatKopecks: doc.vatKopecks,
    }),
    payerInn: doc.buyer.inn,
  });
}

const partyLine = (party: PartyRequisites) =>
  [party.name, `ИНН ${party.inn}`, party.kpp ? `КПП ${party.kpp}` : null, party.address]
    .filter((part): part is string => Boolean(part))
    .map(e)
    .join(', ');

function signatures(seller: SellerRequisites): string {
  const signature = (role: string, name: string) =>
    `<div class="signature"><span class="role">${role}</span><span class="line"></span><span class="name">${e(name)}</span></div>`;
  if (seller.legalForm === 'entrepreneur') return signature('Предприниматель', seller.director);
  return signature('Руководитель', seller.director) + signature('Бухгалтер', seller.accountant || seller.director);
}

export async function renderInvoiceHtml(doc: InvoiceDocument): Promise<string> {
  const linesTotal = doc.lines.reduce((sum, line) => sum + line.amountKopecks, 0);
  // A money document that does not add up must never leave the building.
  if (linesTotal !== doc.amountKopecks) {
    throw new Error(`Invoice ${doc.number}: lines add up to ${linesTotal} kopecks, the total is ${doc.amountKopecks}`);
  }
  const { seller, buyer } = doc;
  const qr = await paymentQrSvg(invoicePaymentPayload(doc));
  const money = (kopecks: number) => e(formatMoney(kopecks));
  const lines = doc.lines
    .map(
      (line, index) => `<tr>
        <td class="num">${index + 1}</td><td class="name">${e(line.name)}</td>
        <td class="qty">${e(formatQuantity(line.quantity))}</td><td class="unit">${e(line.unit)}</td>
        <td class="money">${money(line.priceKopecks)}</td><td class="money">${money(line.amountKopecks)}</td></tr>`,
    )
    .join('');
  const vat =
    doc.vatRate === null
      ? '<tr><th>Без налога (НДС)</th><td>—</td></tr>'
      : `<tr><th>В том числе НДС ${doc.vatRate}%:</th><td>${money(doc.vatKopecks)}</td></tr>`;

  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Счёт на оплату № ${e(doc.number)}</title>
<style>
  @page { size: A4 portrait; margin: 12mm 12mm 14mm 16mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 8.5pt;
         line-height: 1.3; color: #000; }
  table { border-collapse: collapse; }
  .notice { margin: 0 0 3mm; font-size: 7.5pt; color: #333; text-align: center; }
  .head { display: flex; align-items: flex-start; gap: 5mm; }
  .bank { flex: 1; height: 36mm; table-layout: fixed; }
  .bank td { border: 0.6pt solid #000; padding: 1mm 1.5mm; vertical-align: top; }
  .bank .caption { font-size: 7pt; color: #333; margin-top: 2.5mm; }
  .bank .label, .bank .value { white-space: nowrap; }
  .bank .no-bottom { border-bottom: none; }
  .bank .no-top { border-top: none; }
  .qr { width: 38mm; margin: 0; }
  .qr svg { display: block; width: 36mm; height: 36mm; margin: 0 auto; }
  .qr figcaption { margin-top: 0.5mm; font-size: 6.5pt; line-height: 1.2; color: #333; text-align: center; }
  h1 { font-size: 13pt; margin: 6mm 0 0; padding-bottom: 1.5mm; border-bottom: 1.6pt solid #000; }
  .parties { width: 100%; margin-top: 3mm; }
  .parties td { padding: 1mm 0; vertical-align: top; }
  .parties .role { width: 27mm; padding-right: 2mm; }
  .parties .who { font-weight: bold; }
  .items { width: 100%; margin-top: 3mm; border: 1.2pt solid #000; }
  .items th, .items td { border: 0.6pt solid #000; padding: 1mm 1.5mm; vertical-align: top; }
  .items th { font-weight: bold; text-align: center; }
  .items tr { break-inside: avoid; }
  .items .num { width: 8mm; text-align: center; }
  .items .qty { width: 16mm; text-align: right; }
  .items .unit { width: 12mm; text-align: left; }
  .items .money { width: 25mm; text-align: right; white-space: nowrap; }
  .totals { margin: 2mm 0 0 auto; }
  .totals th { text-align: right; padding: 0.5mm 2mm 0.5mm 0; }
  .totals td { text-align: right; font-weight: bold; white-space: nowrap; min-width: 25mm; padding: 0.5mm 1.5mm; }
  .summary { margin-top: 3mm; }
  .summary .words { font-weight: bold; margin-top: 0.5mm; }
  .due { margin-top: 3mm; }
  .footer { break-inside: avoid; }
  .signatures { margin-top: 2mm; padding-top: 4mm; border-top: 1.6pt solid #000; }
  .signature { display: flex; align-items: flex-end; gap: 3mm; margin-top: 5mm; }
  .signature .role { width: 32mm; font-weight: bold; }
  .signature .line { width: 45mm; border-bottom: 0.6pt solid #000; height: 4mm; }
</style></head>
<body>
  ${doc.notice ? `<p class="notice">${e(doc.notice)}</p>` : ''}
  <div class="head">
    <table class="bank">
      <colgroup><col style="width: 40mm"><col><col style="width: 13mm"><col style="width: 45mm"></colgroup>
      <tr>
        <td colspan="2" rowspan="2">${e(seller.bankName)}<div class="caption">Банк получателя</div></td>
        <td class="label">БИК</td><td class="value no-bottom">${e(seller.bik)}</td>
      </tr>
      <tr><td class="label">Сч. №</td><td class="value no-top">${e(seller.correspondentAccount)}</td></tr>
      <tr>
        <td>ИНН ${e(seller.inn)}</td><td>КПП ${e(seller.kpp ?? '')}</td>
        <td class="label" rowspan="2">Сч. №</td><td class="value" rowspan="2">${e(seller.account)}</td>
      </tr>
      <tr><td colspan="2">${e(seller.name)}<div class="caption">Получатель</div></td></tr>
    </table>
    <figure class="qr">${qr}<figcaption>Отсканируйте в приложении банка для оплаты</figcaption></figure>
  </div>

  <h1>Счёт на оплату № ${e(doc.number)} от ${e(formatLongDate(doc.issuedAt))}</h1>

  <table class="parties">
    <tr><td class="role">Поставщик (Исполнитель):</td><td class="who">${partyLine(seller)}</td></tr>
    <tr><td class="role">Покупатель (Заказчик):</td><td class="who">${partyLine(buyer)}</td></tr>
  </table>

  <table class="items">
    <thead><tr><th>№</th><th>Наименование работ, услуг</th><th>Кол-во</th><th>Ед.</th><th>Цена</th><th>Сумма</th></tr></thead>
    <tbody>${lines}</tbody>
  </table>

  <div class="footer">
    <table class="totals">
      <tr><th>Итого:</th><td>${money(doc.amountKopecks)}</td></tr>
      ${vat}
      <tr><th>Всего к оплате:</th><td>${money(doc.amountKopecks)}</td></tr>
    </table>
    <div class="summary">
      <div>Всего наименований ${doc.lines.length}, на сумму ${money(doc.amountKopecks)} руб.</div>
      <div class="words">${e(amountInWords(doc.amountKopecks))}</div>
    </div>
    <div class="due">Оплатить не позднее ${e(formatDate(doc.dueAt))}</div>
    <div class="signatures">${signatures(seller)}</div>
  </div>
</body></html>`;
}
