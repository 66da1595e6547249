import { describe, expect, it } from 'vitest';
import { describePaymentMethod, paymentMethodName } from './paymentMethod';

describe('paymentMethodName', () => {
  it.each([
    ['bank_card', 'Банковская карта'],
    ['sbp', 'СБП'],
    ['sberbank', 'SberPay'],
    ['yoo_money', 'ЮMoney'],
    ['tinkoff_bank', 'T-Pay'],
    ['mir_pay', 'Mir Pay'],
  ])('names %s as «%s»', (method, name) => {
    expect(paymentMethodName(method)).toBe(name);
  });

  it('shows a type it has no name for as YooKassa sends it', () => {
    expect(paymentMethodName('sber_loan')).toBe('sber_loan');
    expect(paymentMethodName('constructor')).toBe('constructor');
  });
});

describe('describePaymentMethod', () => {
  it('puts YooKassa’s title beside the name', () => {
    expect(describePaymentMethod('bank_card', 'Bank card *4444')).toBe('Банковская карта · Bank card *4444');
  });

  it('says what it has, and nothing when YooKassa has said nothing', () => {
    expect(describePaymentMethod('sbp', null)).toBe('СБП');
    expect(describePaymentMethod(null, 'YooMoney wallet 410011758831136')).toBe('YooMoney wallet 410011758831136');
    expect(describePaymentMethod(null, null)).toBeNull();
    expect(describePaymentMethod('', '')).toBeNull();
  });
});
