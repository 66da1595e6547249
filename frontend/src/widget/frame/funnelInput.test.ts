import { describe, expect, it } from 'vitest';
import { contactsValue, formatPhone, parseNumberInput, validateContacts } from './funnelInput';

const area = { min: 5, max: 1000, unit: 'м²' };
const rooms = { min: 1, max: 20, integer: true };

describe('parseNumberInput', () => {
  it('reads numbers as people write them', () => {
    expect(parseNumberInput('54', area)).toEqual({ value: 54 });
    expect(parseNumberInput(' 54,5 ', area)).toEqual({ value: 54.5 });
    expect(parseNumberInput('1\u00a0000', area)).toEqual({ value: 1000 });
  });

  it('explains in Russian what is wrong', () => {
    expect(parseNumberInput('', area).error).toBe('Введите число');
    expect(parseNumberInput('пятьдесят', area).error).toBe('Введите число цифрами, например 54');
    expect(parseNumberInput('-3', rooms).error).toBe('Введите число цифрами, например 54');
    expect(parseNumberInput('3', area).error).toBe('Не меньше 5 м²');
    expect(parseNumberInput('1200', area).error).toBe('Не больше 1000 м²');
    expect(parseNumberInput('25', rooms).error).toBe('Не больше 20');
    expect(parseNumberInput('2,5', rooms).error).toBe('Введите целое число');
  });
});

describe('formatPhone', () => {
  it('writes Russian numbers as +7 900 123-45-67, however they were typed', () => {
    for (const typed of ['89161234567', '+7 (916) 123 45 67', '9161234567', '7-916-123-45-67']) {
      expect(formatPhone(typed)).toBe('+7 916 123-45-67');
    }
  });

  it('leaves foreign and half-typed numbers as they are', () => {
    expect(formatPhone('+375 29 123-45-67')).toBe('+375 29 123-45-67');
    expect(formatPhone('8916')).toBe('8916');
  });
});

describe('validateContacts', () => {
  const valid = { name: 'Анна', phone: '+7 916 123-45-67', consent: true };

  it('accepts a name, a Russian or foreign phone, and the consent', () => {
    expect(validateContacts(valid)).toEqual({});
    expect(validateContacts({ ...valid, phone: '8 916 123 45 67' })).toEqual({});
    expect(validateContacts({ ...valid, phone: '+375 29 123-45-67' })).toEqual({});
  });

  it('names each missing or wrong field', () => {
    expect(validateContacts({ name: '  ', phone: '', consent: false })).toEqual({
      name: 'Укажите имя',
      phone: 'Укажите телефон',
      consent: 'Нужно ваше согласие на обработку персональных данных',
    });
    expect(validateContacts({ ...valid, phone: '+7 916 123' }).phone).toMatch(/^Проверьте номер/);
    expect(validateContacts({ ...valid, phone: 'позвоните мне' }).phone).toMatch(/^Проверьте номер/);
    expect(validateContacts({ ...valid, name: 'А'.repeat(101) }).name).toBe('Имя не длиннее 100 символов');
  });

  it('sends the contacts trimmed, with the phone in the readable form', () => {
    expect(contactsValue({ name: ' Анна ', phone: '89161234567', consent: true })).toEqual({
      name: 'Анна',
      phone: '+7 916 123-45-67',
      consent: true,
    });
  });
});
