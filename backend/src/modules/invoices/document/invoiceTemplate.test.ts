import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sampleCompanySeller,
  sampleEntrepreneurSeller,
  sampleInvoiceDocument,
} from '../../../../test/support/invoiceDocuments.ts';
import { pdfText } from '../../../../test/support/pdf.ts';
import { decodeQr } from '../../../../test/support/qr.ts';
import { CHROMIUM_ARGS, findChromium } from '../../../lib/chromium.ts';
import { createPdfEngine, type PdfEngine } from '../../pdf/pdfEngine.ts';
import { type InvoiceDocument, invoicePaymentPayload, renderInvoiceHtml } from './invoiceTemplate.ts';
import { vatOf } from './requisites.ts';

const quiet = { warn() {}, error() {} };

let engine: PdfEngine;
let browser: Browser;
beforeAll(async () => {
  engine = createPdfEngine({ pages: 2, timeoutMs: 30_000, log: quiet });
  browser = await puppeteer.launch({
    executablePath: findChromium() ?? undefined,
    headless: true,
    args: CHROMIUM_ARGS,
  });
});
afterAll(async () => {
  await engine.close();
  await browser.close();
});

const pdfTextOf = async (doc: InvoiceDocument) => pdfText(await engine.render(await renderInvoiceHtml(doc)));

/** The QR as Chromium draws it at about 300 dpi, a printer's resolution, read back from a screenshot. */
async function qrAsRendered(html: string): Promise<string | null> {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 800, height: 1200, deviceScaleFactor: 3 });
    await page.setContent(html);
    const qr = await page.$('.qr svg');
    if (!qr) throw new Error('the invoice has no QR');
    return decodeQr(await qr.screenshot());
  } finally {
    await page.close();
  }
}

describe('the invoice PDF', () => {
  it('reads as a Russian invoice from a company without VAT', async () => {
    const doc = sampleInvoiceDocument();
    const text = await pdfTextOf({ ...doc, notice: 'Оплата данного счёта означает согласие с условиями оферты.' });
    for (const expected of [
      'Оплата данного счёта означает согласие с условиями оферты.',
      'ПАО Сбербанк Банк получателя',
      'БИК 044525225',
      'Сч. № 30101810400000000225',
      'ИНН 7704123450 КПП 770401001 Сч. № 40702810200000012345',
      'ООО «Ай Макс» Получатель',
      'Отсканируйте в приложении банка для оплаты',
      'Счёт на оплату № 2026-000123 от 29 ноября 2026 г.',
      'Поставщик (Исполнитель): ООО «Ай Макс», ИНН 7704123450, КПП 770401001, 119034, г. Москва',
      'Покупатель (Заказчик): ООО «Ремонт Плюс», ИНН 5003012349, КПП 500301001, 142703, Московская обл.',
      '№ Наименование работ, услуг Кол-во Ед. Цена Сумма',
      '1 Доступ к сервису AI Max, тариф «Бизнес» 3 мес. 2 990,00 8 970,00',
      'Итого: 8 970,00',
      'Без налога (НДС) —',
      'Всего к оплате: 8 970,00',
      'Всего наименований 1, на сумму 8 970,00 руб.',
      'Восемь тысяч девятьсот семьдесят рублей 00 копеек',
      'Оплатить не позднее 09.12.2026',
      'Руководитель Смирнов Алексей Викторович',
      'Бухгалтер Кузнецова Ольга Петровна',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('НДС 22%');
    expect(text).not.toContain('Предприниматель');
  });

  it('states the VAT included when the seller charges it', async () => {
    const seller = { ...sampleCompanySeller(), vatRate: 22 };
    const text = await pdfTextOf(sampleInvoiceDocument(seller));
    expect(vatOf(897_000, 22)).toBe(161_754);
    expect(text).toContain('В том числе НДС 22%: 1 617,54');
    expect(text).not.toContain('Без налога (НДС)');
  });

  it('has the director sign for the accountant when there is none', async () => {
    const text = await pdfTextOf(sampleInvoiceDocument({ ...sampleCompanySeller(), accountant: '' }));
    expect(text).toContain('Руководитель Смирнов Алексей Викторович');
    expect(text).toContain('Бухгалтер Смирнов Алексей Викторович');
  });

  it('is signed by the entrepreneur alone, without a КПП, for an entrepreneur seller', async () => {
    const text = await pdfTextOf(sampleInvoiceDocument(sampleEntrepreneurSeller()));
    expect(text).toContain('Поставщик (Исполнитель): ИП Орлов Дмитрий Сергеевич, ИНН 770412345664, 125009');
    expect(text).toContain('Предприниматель Орлов Дмитрий Сергеевич');
    expect(text).not.toContain('Руководитель');
    expect(text).not.toContain('Бухгалтер');
  });

  it('shows what people typed as text, markup included', async () => {
    const doc = sampleInvoiceDocument();
    const buyer = { ...doc.buyer, name: '<script>alert(1)</script> ООО "Кавычки" & <b>Ко</b>' };
    const html = await renderInvoiceHtml({ ...doc, buyer });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>Ко');
    const text = await pdfText(await engine.render(html));
    expect(text).toContain(
      'Покупатель (Заказчик): <script>alert(1)</script> ООО "Кавычки" & <b>Ко</b>, ИНН 5003012349',
    );
  });

  it('lists several lines, numbered, with the count in the summary', async () => {
    const doc = sampleInvoiceDocument();
    const lines = [
      { name: 'Тариф «Бизнес»', quantity: 3, unit: 'мес.', priceKopecks: 299_000, amountKopecks: 897_000 },
      { name: 'Настройка виджета', quantity: 1, unit: 'усл.', priceKopecks: 150_050, amountKopecks: 150_050 },
    ];
    const text = await pdfTextOf({ ...doc, lines, amountKopecks: 1_047_050 });
    expect(text).toContain('2 Настройка виджета 1 усл. 1 500,50 1 500,50');
    expect(text).toContain('Всего наименований 2, на сумму 10 470,50 руб.');
    expect(text).toContain('Десять тысяч четыреста семьдесят рублей 50 копеек');
  });

  it('is refused when its lines do not add up to its total', async () => {
    await expect(renderInvoiceHtml({ ...sampleInvoiceDocument(), amountKopecks: 897_001 })).rejects.toThrow(
      /lines add up to 897000 kopecks, the total is 897001/,
    );
  });
});

describe('the invoice’s payment QR', () => {
  it('carries the payment for the invoice: payee, bank, sum, purpose, both ИНН', () => {
    expect(invoicePaymentPayload(sampleInvoiceDocument())).toBe(
      'ST00012|Name=ООО «Ай Макс»|PersonalAcc=40702810200000012345|BankName=ПАО Сбербанк|BIC=044525225' +
        '|CorrespAcc=30101810400000000225|Sum=897000' +
        '|Purpose=Оплата по счёту № 2026-000123 от 29.11.2026. Доступ к сервису AI Max, тариф «Бизнес», 3 мес. Без НДС' +
        '|PayeeINN=7704123450|KPP=770401001|PayerINN=5003012349',
    );
  });

  it('names one service without a count, and the VAT included', () => {
    const doc = sampleInvoiceDocument({ ...sampleCompanySeller(), vatRate: 22 });
    const line = { name: 'Доступ к сервису AI Max по тарифу «Бизнес» на 3 месяца', quantity: 1, unit: 'усл.' };
    const payload = invoicePaymentPayload({
      ...doc,
      lines: [{ ...line, priceKopecks: 897_000, amountKopecks: 897_000 }],
    });
    expect(payload).toContain(
      '|Purpose=Оплата по счёту № 2026-000123 от 29.11.2026. Доступ к сервису AI Max по тарифу «Бизнес» на 3 месяца. ' +
        'В т.ч. НДС 22% — 1 617,54 руб.|',
    );
  });

  it('decodes, as Chromium draws it, to the same payload', async () => {
    for (const seller of [sampleCompanySeller(), sampleEntrepreneurSeller()]) {
      const doc = sampleInvoiceDocument(seller);
      expect(await qrAsRendered(await renderInvoiceHtml(doc))).toBe(invoicePaymentPayload(doc));
    }
  });
});
