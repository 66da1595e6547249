// The platform's own requisites as the seller on every invoice, set by the superadmin. Tenants read
// them through the `seller_requisites()` function: platform_settings stays platform-only.

import { sql } from 'drizzle-orm';
import type { PlatformContext } from '../../context.ts';
import type { Database, Tx } from '../../db/database.ts';
import { queryRows } from '../../db/database.ts';
import { platformSettings } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { type SellerRequisites, sellerErrors } from './document/requisites.ts';
import type { SellerSettingsInput } from './schemas.ts';

export interface SellerSettings extends SellerRequisites {
  /** Days from issue to the «Оплатить не позднее» date. */
  dueDays: number;
}

export async function readSeller(tx: Tx): Promise<SellerSettings | null> {
  const [row] = await queryRows<{ seller: SellerSettings | null }>(tx, sql`select seller_requisites() as seller`);
  return row?.seller ?? null;
}

const digitsOf = (value: string) => value.replace(/[\s-]/g, '');

function normalise(input: SellerSettingsInput): SellerSettings {
  return {
    legalForm: input.legalForm,
    name: input.name.trim(),
    inn: digitsOf(input.inn),
    kpp: input.legalForm === 'company' ? digitsOf(input.kpp ?? '').toUpperCase() : null,
    ogrn: digitsOf(input.ogrn),
    address: input.address.trim(),
    bankName: input.bankName.trim(),
    bik: digitsOf(input.bik),
    correspondentAccount: digitsOf(input.correspondentAccount),
    account: digitsOf(input.account),
    vatRate: input.vatRate,
    director: input.director.trim(),
    accountant: input.legalForm === 'company' ? input.accountant.trim() : '',
    dueDays: input.dueDays,
  };
}

export async function saveSeller(
  db: Database,
  ctx: PlatformContext,
  input: SellerSettingsInput,
): Promise<SellerSettings> {
  const seller = normalise(input);
  const errors = sellerErrors(seller);
  if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', { fields: errors });
  const access = { actorUserId: ctx.actorId, action: 'platform.seller_updated', details: { inn: seller.inn } };
  await db.withPlatform(access, (tx) =>
    tx
      .insert(platformSettings)
      .values({ key: 'seller', value: seller, updatedBy: ctx.actorId })
      .onConflictDoUpdate({
        target: platformSettings.key,
        set: { value: seller, updatedAt: sql`now()`, updatedBy: ctx.actorId },
      }),
  );
  return seller;
}
