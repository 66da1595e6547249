// Invoice documents for tests: a seller, a buyer and a one-line invoice with made-up requisites
// whose check digits and account keys are valid (the bank details are Сбербанк's and Т-Банк's real
// ones). Each call returns fresh objects, so a test may change what it gets.
import type { InvoiceDocument } from '../../src/modules/invoices/document/invoiceTemplate.ts';
import { type SellerRequisites, vatOf } from '../../src/modules/invoices/document/requisites.ts';

export const sampleCompanySeller = (): SellerRequisites => ({
  legalForm: 'company',
  name: 'ООО «Ай Макс»',
  inn: '7704123450',
  kpp: '770401001',
  ogrn: '1237700123451',
  address: '119034, г. Москва, ул. Пречистенка, д. 10, офис 5',
  bankName: 'ПАО Сбербанк',
  bik: '044525225',
  correspondentAccount: '30101810400000000225',
  account: '40702810200000012345',
  vatRate: null,
  director: 'Смирнов Алексей Викторович',
  accountant: 'Кузнецова Ольга Петровна',
});

export const sampleEntrepreneurSeller = (): SellerRequisites => ({
  legalForm: 'entrepreneur',
  name: 'ИП Орлов Дмитрий Сергеевич',
  inn: '770412345664',
  kpp: null,
  ogrn: '321770000123456',
  address: '125009, г. Москва, Тверская ул., д. 7, кв. 12',
  bankName: 'АО «ТБанк»',
  bik: '044525974',
  correspondentAccount: '30101810145250000974',
  account: '40802810000000054321',
  vatRate: null,
  director: 'Орлов Дмитрий Сергеевич',
  accountant: '',
});

export const sampleBuyer = () => ({
  legalForm: 'company' as const,
  name: 'ООО «Ремонт Плюс»',
  inn: '5003012349',
  kpp: '500301001',
  ogrn: '1155003012340',
  address: '142703, Московская обл., г. Видное, ул. Школьная, д. 3',
  email: 'buh@remont-plus.ru',
});

/** Three months of «Бизнес» at 2 990 ₽, issued 29 November 2026 and due in ten days. */
export function sampleInvoiceDocument(seller: SellerRequisites = sampleCompanySeller()): InvoiceDocument {
  const { email: _email, ...buyer } = sampleBuyer();
  const amountKopecks = 897_000;
  return {
    number: '2026-000123',
    issuedAt: new Date('2026-11-29T09:30:00Z'),
    dueAt: new Date('2026-12-09T09:30:00Z'),
    seller,
    buyer,
    lines: [
      {
        name: 'Доступ к сервису AI Max, тариф «Бизнес»',
        quantity: 3,
        unit: 'мес.',
        priceKopecks: 299_000,
        amountKopecks,
      },
    ],
    amountKopecks,
    vatRate: seller.vatRate,
    vatKopecks: vatOf(amountKopecks, seller.vatRate),
  };
}
