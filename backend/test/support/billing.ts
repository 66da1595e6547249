// Requisites that pass every check (ИНН, КПП, ОГРН check digits, the БИК keys of both accounts),
// for tests that issue invoices: the platform as the seller, and a company or an entrepreneur buying.

import { eq } from 'drizzle-orm';
import { PLATFORM_ITSELF } from '../../src/context.ts';
import type { Database } from '../../src/db/database.ts';
import { type Plan, tenants } from '../../src/db/schema.ts';
import type { BillingProfileInput, SellerSettingsInput } from '../../src/modules/invoices/schemas.ts';
import { saveSeller } from '../../src/modules/invoices/seller.ts';
import type { ApiClient } from './clients.ts';

export const SELLER: SellerSettingsInput = {
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

export const COMPANY_BUYER: BillingProfileInput = {
  legalForm: 'company',
  name: 'ПАО Сбербанк',
  inn: '7707083893',
  kpp: '773601001',
  ogrn: '1027700132195',
  legalAddress: '117312, г. Москва, ул. Вавилова, д. 19',
  email: 'buh@remont-plus.test',
};

export const ENTREPRENEUR_BUYER: BillingProfileInput = {
  legalForm: 'entrepreneur',
  name: 'ИП Иванов Иван Иванович',
  inn: '771234567859',
  kpp: null,
  ogrn: '304770000000127',
  legalAddress: '125009, г. Москва, ул. Тверская, д. 7, кв. 1',
  email: 'ivanov@remont.test',
};

/** The platform's requisites, as the superadmin would set them. */
export async function configureSeller(db: Database, seller: SellerSettingsInput = SELLER) {
  return saveSeller(db, PLATFORM_ITSELF, seller);
}

/** Fills the owner's billing profile and issues an invoice; returns the API's answer. */
export async function issueInvoiceAs(
  owner: ApiClient,
  options: { plan?: string; termMonths?: number; profile?: BillingProfileInput } = {},
) {
  const profile = await owner.request('PUT', '/api/billing/profile', options.profile ?? COMPANY_BUYER);
  if (profile.statusCode !== 200) throw new Error(`billing profile: ${profile.body}`);
  return owner.post('/api/billing/invoices', {
    plan: options.plan ?? 'business',
    termMonths: options.termMonths ?? 3,
  });
}

/** Puts a company on a plan for a month, as the superadmin would, for tests of what a plan unlocks. */
export async function putOnPlan(db: Database, tenantId: string, plan: Plan): Promise<void> {
  await db.withPlatform({ actorUserId: null, action: 'test.plan' }, (tx) =>
    tx
      .update(tenants)
      .set({ plan, planExpiresAt: plan === 'free' ? null : new Date(Date.now() + 30 * 24 * 60 * 60 * 1000) })
      .where(eq(tenants.id, tenantId)),
  );
}
