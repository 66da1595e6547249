import { toBuffer } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { sampleCompanySeller, sampleEntrepreneurSeller } from '../../../../test/support/invoiceDocuments.ts';
import { decodeQr } from '../../../../test/support/qr.ts';
import { paymentPayload, paymentPurpose } from './paymentQr.ts';

const purpose = 'Оплата по счёту № 2026-000123 от 29.11.2026. Тариф «Бизнес», 3 мес. Без НДС';

describe('paymentPayload', () => {
  it('writes the ГОСТ Р 56042-2014 fields in order after the UTF-8 header', () => {
    expect(paymentPayload({ payee: sampleCompanySeller(), sumKopecks: 897_000, purpose, payerInn: '5003012349' })).toBe(
      'ST00012|Name=ООО «Ай Макс»|PersonalAcc=40702810200000012345|BankName=ПАО Сбербанк|BIC=044525225' +
        '|CorrespAcc=30101810400000000225|Sum=897000' +
        '|Purpose=Оплата по счёту № 2026-000123 от 29.11.2026. Тариф «Бизнес», 3 мес. Без НДС' +
        '|PayeeINN=7704123450|KPP=770401001|PayerINN=5003012349',
    );
  });

  it('leaves out the КПП of a seller without one, and the payer’s ИНН when not given', () => {
    const payload = paymentPayload({ payee: sampleEntrepreneurSeller(), sumKopecks: 100, purpose });
    expect(payload).toMatch(/\|PayeeINN=770412345664$/);
    expect(payload).not.toContain('KPP=');
    expect(payload).not.toContain('PayerINN=');
  });

  it('keeps each value to one line without the separator, within the standard’s lengths', () => {
    const payload = paymentPayload({
      payee: {
        ...sampleCompanySeller(),
        name: 'ООО «Ай|Макс»\nи партнёры',
        bankName: 'Публичное акционерное общество «Сбербанк России», Москва',
      },
      sumKopecks: 897_000,
      purpose: `Оплата | по счёту ${'очень '.repeat(60)}`,
    });
    const fields = Object.fromEntries(
      payload
        .split('|')
        .slice(1)
        .map((pair) => pair.split('=') as [string, string]),
    );
    expect(payload.split('|')).toHaveLength(10);
    expect(fields.Name).toBe('ООО «Ай Макс» и партнёры');
    expect(fields.BankName).toBe('Публичное акционерное общество «Сбербанк Росс');
    expect(fields.BankName).toHaveLength(45);
    expect(fields.Purpose).toMatch(/^Оплата по счёту очень очень/);
    expect(fields.Purpose?.length).toBeLessThanOrEqual(210);
  });

  it('decodes from its QR code exactly, Cyrillic included', async () => {
    const payload = paymentPayload({
      payee: sampleCompanySeller(),
      sumKopecks: 897_000,
      purpose,
      payerInn: '5003012349',
    });
    const png = await toBuffer(payload, { errorCorrectionLevel: 'M', scale: 4 });
    expect(await decodeQr(png)).toBe(payload);
  });
});

describe('paymentPurpose', () => {
  const base = { number: '2026-000123', issuedAt: new Date('2026-11-29T21:30:00Z'), subject: 'Тариф «Бизнес», 3 мес.' };

  it('names the invoice, its date in Moscow, the subject and the absence of VAT', () => {
    // 21:30 UTC on the 29th is already the 30th in Moscow.
    expect(paymentPurpose({ ...base, vatRate: null, vatKopecks: 0 })).toBe(
      'Оплата по счёту № 2026-000123 от 30.11.2026. Тариф «Бизнес», 3 мес. Без НДС',
    );
  });

  it('states the VAT included', () => {
    expect(paymentPurpose({ ...base, subject: 'Тариф «Старт»', vatRate: 22, vatKopecks: 123_456 })).toBe(
      'Оплата по счёту № 2026-000123 от 30.11.2026. Тариф «Старт». В т.ч. НДС 22% — 1 234,56 руб.',
    );
  });

  it('shortens a long subject so that the VAT clause still fits', () => {
    const text = paymentPurpose({ ...base, subject: 'Доступ к сервису '.repeat(20), vatRate: 22, vatKopecks: 161_754 });
    expect(text.length).toBe(210);
    expect(text).toMatch(/… В т\.ч\. НДС 22% — 1 617,54 руб\.$/);
  });
});
