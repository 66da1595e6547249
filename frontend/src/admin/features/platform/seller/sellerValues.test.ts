import type { SellerSettingsInput } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { sellerChanged, sellerInputOf, sellerValuesOf } from './sellerValues';

const seller: SellerSettingsInput = {
  legalForm: 'company',
  name: 'ООО «ЭйАй Макс»',
  inn: '7702123454',
  kpp: '770201001',
  ogrn: '1027700123450',
  address: '123112, г. Москва, Пресненская наб., д. 12',
  bankName: 'ПАО Сбербанк, г. Москва',
  bik: '044525225',
  correspondentAccount: '30101810400000000225',
  account: '40702810938000012345',
  vatRate: null,
  director: 'Смирнов Алексей Петрович',
  accountant: 'Кузнецова Ольга Ивановна',
  dueDays: 5,
};

describe('sellerValuesOf and sellerInputOf', () => {
  it('give back the saved requisites unchanged', () => {
    expect(sellerInputOf(sellerValuesOf(seller))).toEqual(seller);
    expect(sellerInputOf(sellerValuesOf({ ...seller, vatRate: 22 })).vatRate).toBe(22);
  });

  it('start an empty form as a company without VAT, paying within five days', () => {
    expect(sellerValuesOf(null)).toMatchObject({ legalForm: 'company', vatRate: '', dueDays: '5', name: '' });
  });

  it('send no КПП for an entrepreneur, and the days to pay as a number', () => {
    const values = { ...sellerValuesOf(seller), legalForm: 'entrepreneur' as const, dueDays: '10' };
    expect(sellerInputOf(values)).toMatchObject({ kpp: null, dueDays: 10 });
  });

  it('send empty days to pay as 0, for the API to explain the range', () => {
    expect(sellerInputOf({ ...sellerValuesOf(seller), dueDays: ' ' }).dueDays).toBe(0);
  });
});

describe('sellerChanged', () => {
  it('is false for the saved requisites, and true once a field differs', () => {
    expect(sellerChanged(sellerValuesOf(seller), seller)).toBe(false);
    expect(sellerChanged({ ...sellerValuesOf(seller), vatRate: '5' }, seller)).toBe(true);
    expect(sellerChanged(sellerValuesOf(null), null)).toBe(false);
    expect(sellerChanged({ ...sellerValuesOf(null), name: 'ООО «Альфа»' }, null)).toBe(true);
  });
});
