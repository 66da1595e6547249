// The company's billing profile: the buyer's requisites on its invoices, and where billing mail goes.

import { eq, sql } from 'drizzle-orm';
import type { TenantContext } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { billingProfiles, users } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { buyerErrors, type PartyRequisites } from './document/requisites.ts';
import type { BillingProfileInput } from './schemas.ts';

export type BillingProfile = typeof billingProfiles.$inferSelect;

export async function findBillingProfile(tx: Tx, tenantId: string): Promise<BillingProfile | null> {
  const [profile] = await tx.select().from(billingProfiles).where(eq(billingProfiles.tenantId, tenantId));
  return profile ?? null;
}

const digitsOf = (value: string) => value.replace(/[\s-]/g, '');

/** Trims what people paste (spaces in numbers, an entrepreneur's КПП) before checking it. */
function normalise(input: BillingProfileInput): BillingProfileInput {
  return {
    legalForm: input.legalForm,
    name: input.name.trim(),
    inn: digitsOf(input.inn),
    kpp: input.legalForm === 'company' ? digitsOf(input.kpp ?? '').toUpperCase() : null,
    ogrn: digitsOf(input.ogrn),
    legalAddress: input.legalAddress.trim(),
    email: input.email.trim().toLowerCase(),
  };
}

export async function saveBillingProfile(
  tx: Tx,
  ctx: TenantContext,
  input: BillingProfileInput,
): Promise<BillingProfile> {
  const profile = normalise(input);
  const errors = buyerErrors({ ...buyerOf(profile), email: profile.email });
  if (Object.keys(errors).length > 0) {
    throw new AppError('VALIDATION_FAILED', { fields: renameAddress(errors) });
  }
  const [saved] = await tx
    .insert(billingProfiles)
    .values({ ...profile, tenantId: ctx.tenantId })
    .onConflictDoUpdate({ target: billingProfiles.tenantId, set: { ...profile, updatedAt: sql`now()` } })
    .returning();
  if (!saved) throw new Error('saveBillingProfile: nothing saved');
  return saved;
}

/** The requisites validators speak of `address`; the profile's field is `legalAddress`. */
function renameAddress(errors: Record<string, string>): Record<string, string> {
  const { address, ...rest } = errors;
  return address ? { ...rest, legalAddress: address } : rest;
}

export const buyerOf = (profile: BillingProfileInput): PartyRequisites => ({
  legalForm: profile.legalForm,
  name: profile.name,
  inn: profile.inn,
  kpp: profile.kpp,
  ogrn: profile.ogrn,
  address: profile.legalAddress,
});

/** Where a company's billing mail goes: the profile's email, else its owners. */
export async function billingRecipients(tx: Tx, tenantId: string): Promise<string[]> {
  const profile = await findBillingProfile(tx, tenantId);
  if (profile) return [profile.email];
  const owners = await tx
    .select({ email: users.email })
    .from(users)
    .where(sql`${users.tenantId} = ${tenantId} and ${users.role} = 'owner'`);
  return owners.map((owner) => owner.email);
}
