import type { PlanView } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { quoteOf } from './invoiceQuote';

const business: PlanView = {
  id: 'business',
  name: 'Бизнес',
  priceRub: 7990,
  limits: { sessions: 3000, messages: 30000, tokens: 15000000, kbDocuments: 200, storageBytes: 2147483648 },
  features: { integrations: true, customDomain: true, whiteLabel: false, models: [] },
  terms: [
    { months: 1, discountPercent: 0, amountKopecks: 799_000 },
    { months: 3, discountPercent: 5, amountKopecks: 2_277_200 },
    { months: 6, discountPercent: 10, amountKopecks: 4_314_600 },
    { months: 12, discountPercent: 15, amountKopecks: 8_149_800 },
  ],
};

describe('quoteOf', () => {
  it('takes the amount and discount the API quotes for the term', () => {
    expect(quoteOf(business, 3)).toEqual({
      months: 3,
      discountPercent: 5,
      amountKopecks: 2_277_200,
      perMonthKopecks: 759_067,
      undiscountedKopecks: 2_397_000,
    });
  });

  it('costs the monthly price for one month', () => {
    expect(quoteOf(business, 1)).toMatchObject({ amountKopecks: 799_000, perMonthKopecks: 799_000 });
  });

  it('has nothing for a term the plan is not sold for, nor for Free', () => {
    expect(quoteOf(business, 2)).toBeNull();
    expect(quoteOf({ ...business, id: 'free', priceRub: 0, terms: [] }, 1)).toBeNull();
  });
});
