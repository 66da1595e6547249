import { describe, expect, it } from 'vitest';
import {
  sampleBuyer,
  sampleCompanySeller,
  sampleEntrepreneurSeller,
} from '../../../../test/support/invoiceDocuments.ts';
import {
  accountError,
  bikError,
  buyerErrors,
  correspondentAccountError,
  innError,
  kppError,
  ogrnError,
  sellerErrors,
  VAT_RATES,
  vatOf,
} from './requisites.ts';

/** The same number with its last digit changed. */
const lastDigitChanged = (value: string) => value.slice(0, -1) + ((Number(value.slice(-1)) + 1) % 10);

// Published requisites of well-known organisations.
const SBERBANK = { inn: '7707083893', kpp: '773601001', ogrn: '1027700132195' };
const YANDEX = { inn: '7736207543', ogrn: '1027700229193' };
const GAZPROM = { inn: '7736050003', ogrn: '1027700070518' };
const TBANK = { inn: '7710140679', ogrn: '1027739642281' };
// The example entrepreneur's numbers that documentation commonly uses; their check digits are valid.
const ENTREPRENEUR = { inn: '500100732259', ogrn: '304500116000157' };

// Banks' БИК and correspondent accounts as the Bank of Russia's directory lists them.
const BANKS = [
  { name: 'Сбербанк', bik: '044525225', correspondentAccount: '30101810400000000225' },
  { name: 'Т-Банк', bik: '044525974', correspondentAccount: '30101810145250000974' },
  { name: 'Альфа-Банк', bik: '044525593', correspondentAccount: '30101810200000000593' },
  { name: 'ВТБ', bik: '044525187', correspondentAccount: '30101810700000000187' },
];

describe('innError', () => {
  it('accepts the 10-digit ИНН of real companies', () => {
    for (const { inn } of [SBERBANK, YANDEX, GAZPROM, TBANK]) expect(innError(inn, 'company')).toBeNull();
  });

  it('accepts a 12-digit ИНН of an entrepreneur, checking both of its check digits', () => {
    expect(innError(ENTREPRENEUR.inn, 'entrepreneur')).toBeNull();
    expect(innError(lastDigitChanged(ENTREPRENEUR.inn), 'entrepreneur')).toBe(
      'Неверный ИНН: не сходится контрольная цифра',
    );
    const eleventhChanged = `${ENTREPRENEUR.inn.slice(0, 10)}6${ENTREPRENEUR.inn.slice(11)}`;
    expect(innError(eleventhChanged, 'entrepreneur')).toBe('Неверный ИНН: не сходится контрольная цифра');
  });

  it('refuses a wrong check digit', () => {
    expect(innError(lastDigitChanged(SBERBANK.inn), 'company')).toBe('Неверный ИНН: не сходится контрольная цифра');
    expect(innError('7707083839', 'company')).toBe('Неверный ИНН: не сходится контрольная цифра');
  });

  it('wants 10 digits for a company and 12 for an entrepreneur', () => {
    expect(innError(ENTREPRENEUR.inn, 'company')).toBe('ИНН организации — 10 цифр');
    expect(innError(SBERBANK.inn, 'entrepreneur')).toBe('ИНН индивидуального предпринимателя — 12 цифр');
    for (const wrong of ['', '770708389', '77070838931', '77070838 3', '770708389a']) {
      expect(innError(wrong, 'company')).toBe('ИНН организации — 10 цифр');
    }
  });
});

describe('kppError', () => {
  it('accepts four digits, two digits or capitals, three digits', () => {
    for (const kpp of [SBERBANK.kpp, '770401001', '7701AB001', '77010A001']) expect(kppError(kpp)).toBeNull();
  });

  it('refuses anything else', () => {
    for (const kpp of ['', '77360100', '7736010011', '7736ab001', '77360100A', 'A73601001', '7736-0100']) {
      expect(kppError(kpp)).toBe('КПП — 9 символов, например 773601001');
    }
  });
});

describe('ogrnError', () => {
  it('accepts the ОГРН of real companies', () => {
    for (const { ogrn } of [SBERBANK, YANDEX, GAZPROM, TBANK]) expect(ogrnError(ogrn, 'company')).toBeNull();
  });

  it('accepts an ОГРНИП of 15 digits', () => {
    expect(ogrnError(ENTREPRENEUR.ogrn, 'entrepreneur')).toBeNull();
  });

  it('refuses a wrong check digit, naming ОГРН or ОГРНИП', () => {
    expect(ogrnError(lastDigitChanged(SBERBANK.ogrn), 'company')).toBe('Неверный ОГРН: не сходится контрольная цифра');
    expect(ogrnError(lastDigitChanged(ENTREPRENEUR.ogrn), 'entrepreneur')).toBe(
      'Неверный ОГРНИП: не сходится контрольная цифра',
    );
  });

  it('wants 13 digits for a company and 15 for an entrepreneur', () => {
    expect(ogrnError(ENTREPRENEUR.ogrn, 'company')).toBe('ОГРН — 13 цифр');
    expect(ogrnError(SBERBANK.ogrn, 'entrepreneur')).toBe('ОГРНИП — 15 цифр');
    expect(ogrnError('102770013219x', 'company')).toBe('ОГРН — 13 цифр');
  });
});

describe('bikError', () => {
  it('wants 9 digits', () => {
    for (const { bik } of BANKS) expect(bikError(bik)).toBeNull();
    for (const bik of ['', '04452522', '0445252250', '04452522x']) expect(bikError(bik)).toBe('БИК — 9 цифр');
  });
});

describe('correspondentAccountError', () => {
  it('accepts the correspondent accounts of real banks, keyed with their БИК', () => {
    for (const bank of BANKS) expect(correspondentAccountError(bank.correspondentAccount, bank.bik)).toBeNull();
  });

  it('refuses a wrong key digit', () => {
    expect(correspondentAccountError('30101810500000000225', '044525225')).toBe(
      'Неверный корреспондентский счёт: не сходится контрольный ключ с БИК',
    );
    expect(correspondentAccountError('30101810400000010225', '044525225')).toBe(
      'Неверный корреспондентский счёт: не сходится контрольный ключ с БИК',
    );
  });

  it('refuses the correspondent account of another bank, though banks of one region share the key', () => {
    expect(correspondentAccountError(lastDigitChanged('30101810400000000225'), '044525225')).toBe(
      'Корреспондентский счёт другого банка: последние три цифры не совпадают с БИК',
    );
    expect(correspondentAccountError('30101810400000000225', '044525974')).toBe(
      'Корреспондентский счёт другого банка: последние три цифры не совпадают с БИК',
    );
  });

  it('wants 20 digits starting with 30101', () => {
    for (const account of ['', '3010181040000000022', '40702810200000012345', '30101810400000000225 ']) {
      expect(correspondentAccountError(account, '044525225')).toBe(
        'Корреспондентский счёт — 20 цифр, начинается с 30101',
      );
    }
  });
});

describe('accountError', () => {
  it('accepts the example of the Bank of Russia’s rules on the key (Порядок № 515)', () => {
    expect(accountError('40602810700000000025', '049805746')).toBeNull();
  });

  it('accepts settlement accounts whose key was computed for their БИК', () => {
    expect(accountError('40702810200000012345', '044525225')).toBeNull();
    expect(accountError('40802810000000054321', '044525974')).toBeNull();
  });

  it('refuses a wrong digit, or the right account with another bank’s БИК', () => {
    const message = 'Неверный расчётный счёт: не сходится контрольный ключ с БИК';
    expect(accountError(lastDigitChanged('40702810200000012345'), '044525225')).toBe(message);
    expect(accountError('40702810300000012345', '044525225')).toBe(message);
    expect(accountError('40702810200000012345', '044525974')).toBe(message);
  });

  it('wants 20 digits, and leaves a malformed БИК to bikError', () => {
    expect(accountError('4070281020000001234', '044525225')).toBe('Расчётный счёт — 20 цифр');
    expect(accountError('40702810200000012345', '0445')).toBeNull();
  });
});

describe('vatOf', () => {
  it('takes out the VAT included in an amount, to the kopeck', () => {
    expect(vatOf(897_000, 22)).toBe(161_754); // 161 754,098…
    expect(vatOf(12_200, 22)).toBe(2_200);
    expect(vatOf(1_000, 10)).toBe(91); // 90,909…
    expect(vatOf(10_500, 5)).toBe(500);
    expect(vatOf(10_700, 7)).toBe(700);
    expect(vatOf(897_000, null)).toBe(0);
  });

  it('knows the rates: none, the УСН ones, the reduced and the basic 22 %', () => {
    expect(VAT_RATES).toEqual([null, 5, 7, 10, 22]);
  });
});

describe('buyerErrors', () => {
  it('is empty for valid requisites of a company or an entrepreneur', () => {
    expect(buyerErrors(sampleBuyer())).toEqual({});
    expect(
      buyerErrors({
        legalForm: 'entrepreneur',
        name: 'ИП Петров Пётр Петрович',
        inn: ENTREPRENEUR.inn,
        kpp: null,
        ogrn: ENTREPRENEUR.ogrn,
        address: 'г. Химки',
        email: 'petrov@example.ru',
      }),
    ).toEqual({});
  });

  it('names each wrong field', () => {
    expect(
      buyerErrors({
        ...sampleBuyer(),
        name: '  ',
        inn: lastDigitChanged(SBERBANK.inn),
        kpp: '123',
        ogrn: lastDigitChanged(SBERBANK.ogrn),
        address: '',
        email: 'buh@',
      }),
    ).toEqual({
      name: 'Укажите название организации',
      inn: 'Неверный ИНН: не сходится контрольная цифра',
      kpp: 'КПП — 9 символов, например 773601001',
      ogrn: 'Неверный ОГРН: не сходится контрольная цифра',
      address: 'Укажите юридический адрес',
      email: 'Неверный адрес электронной почты',
    });
  });

  it('wants a КПП from a company and none from an entrepreneur', () => {
    expect(buyerErrors({ ...sampleBuyer(), kpp: null })).toEqual({ kpp: 'Укажите КПП организации' });
    expect(buyerErrors({ ...sampleBuyer(), kpp: '' })).toEqual({ kpp: 'Укажите КПП организации' });
    const entrepreneur = { ...sampleBuyer(), legalForm: 'entrepreneur' as const, ...ENTREPRENEUR };
    expect(buyerErrors({ ...entrepreneur, kpp: null })).toEqual({});
    expect(buyerErrors({ ...entrepreneur, kpp: '' })).toEqual({});
    expect(buyerErrors({ ...entrepreneur, kpp: '773601001' })).toEqual({
      kpp: 'У индивидуального предпринимателя нет КПП',
    });
  });

  it('checks ИНН and ОГРН by the legal form', () => {
    expect(buyerErrors({ ...sampleBuyer(), legalForm: 'entrepreneur', kpp: null })).toEqual({
      inn: 'ИНН индивидуального предпринимателя — 12 цифр',
      ogrn: 'ОГРНИП — 15 цифр',
    });
  });

  it('refuses emails that cannot be addresses', () => {
    for (const email of ['', 'buh', 'buh@remont', 'buh @remont.ru', 'a@b@c.ru', `${'a'.repeat(250)}@x.ru`]) {
      expect(buyerErrors({ ...sampleBuyer(), email })).toEqual({ email: 'Неверный адрес электронной почты' });
    }
  });
});

describe('sellerErrors', () => {
  it('is empty for valid requisites of a company or an entrepreneur', () => {
    expect(sellerErrors(sampleCompanySeller())).toEqual({});
    expect(sellerErrors(sampleEntrepreneurSeller())).toEqual({});
    expect(sellerErrors({ ...sampleCompanySeller(), vatRate: 22, accountant: '' })).toEqual({});
  });

  it('names the bank fields, the VAT rate and the signatory', () => {
    expect(
      sellerErrors({
        ...sampleCompanySeller(),
        bankName: ' ',
        correspondentAccount: '30101810500000000225',
        account: '40702810300000012345',
        vatRate: 20,
        director: '',
      }),
    ).toEqual({
      bankName: 'Укажите название банка',
      correspondentAccount: 'Неверный корреспондентский счёт: не сходится контрольный ключ с БИК',
      account: 'Неверный расчётный счёт: не сходится контрольный ключ с БИК',
      vatRate: 'Ставка НДС: без НДС, 5, 7, 10 или 22 %',
      director: 'Укажите ФИО руководителя',
    });
  });

  it('blames the БИК alone when the БИК is malformed', () => {
    expect(sellerErrors({ ...sampleCompanySeller(), bik: '04452522' })).toEqual({ bik: 'БИК — 9 цифр' });
  });

  it('blames the accounts when they belong to another bank', () => {
    expect(sellerErrors({ ...sampleCompanySeller(), bik: '044525974' })).toEqual({
      correspondentAccount: 'Корреспондентский счёт другого банка: последние три цифры не совпадают с БИК',
      account: 'Неверный расчётный счёт: не сходится контрольный ключ с БИК',
    });
  });

  it('checks an entrepreneur seller as an entrepreneur', () => {
    expect(sellerErrors({ ...sampleEntrepreneurSeller(), kpp: '770401001', director: '' })).toEqual({
      kpp: 'У индивидуального предпринимателя нет КПП',
      director: 'Укажите ФИО предпринимателя для подписи',
    });
  });
});
