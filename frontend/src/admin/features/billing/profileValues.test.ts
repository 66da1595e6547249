import type { BillingProfileView } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { profileInputOf, profileValuesOf } from './profileValues';

const saved: BillingProfileView = {
  legalForm: 'company',
  name: 'ПАО Сбербанк',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  legalAddress: '117312, г. Москва, ул. Вавилова, д. 19',
  email: 'buh@remont-plus.test',
  updatedAt: '2026-03-05T10:05:00.000Z',
};

describe('profileValuesOf', () => {
  it('starts an empty form as a company, invoices going to the owner’s email', () => {
    expect(profileValuesOf(null, 'owner@remont.test')).toEqual({
      legalForm: 'company',
      name: '',
      inn: '',
      kpp: '',
      ogrn: '',
      legalAddress: '',
      email: 'owner@remont.test',
    });
  });

  it('fills the form from the saved profile, an entrepreneur’s missing КПП as an empty field', () => {
    expect(profileValuesOf(saved, 'owner@remont.test')).toMatchObject({ inn: '7707083893', email: saved.email });
    expect(profileValuesOf({ ...saved, legalForm: 'entrepreneur', kpp: null }, 'x@y.test').kpp).toBe('');
  });
});

describe('profileInputOf', () => {
  it('sends what was typed, and no КПП for an entrepreneur', () => {
    const values = profileValuesOf(saved, 'owner@remont.test');
    expect(profileInputOf(values)).toEqual({
      legalForm: 'company',
      name: saved.name,
      inn: saved.inn,
      kpp: saved.kpp,
      ogrn: saved.ogrn,
      legalAddress: saved.legalAddress,
      email: saved.email,
    });
    expect(profileInputOf({ ...values, legalForm: 'entrepreneur' }).kpp).toBeNull();
  });
});
