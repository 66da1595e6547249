// The platform's support contact, set by the superadmin and shown wherever a company is told to
// contact support (invoicing not yet possible, a suspended account). Kept in platform_settings
// under `support`; everyone reads it through the `support_contact()` function, so the settings
// table stays closed to every role but the platform's.
import { sql } from 'drizzle-orm';
import type { PlatformContext } from '../../context.ts';
import { type Database, queryRows, type Tx } from '../../db/database.ts';
import { platformSettings } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { SupportContactInput } from './schemas.ts';

export interface SupportContact {
  email: string | null;
  phone: string | null;
  /** A Telegram username, without the @. */
  telegram: string | null;
}

/** The contact, or null while none is set. */
export async function readSupportContact(tx: Tx): Promise<SupportContact | null> {
  const [row] = await queryRows<{ support: SupportContact | null }>(tx, sql`select support_contact() as support`);
  return row?.support ?? null;
}

const blankToNull = (text: string) => (text.trim() === '' ? null : text.trim());

export async function saveSupportContact(
  db: Database,
  ctx: PlatformContext,
  input: SupportContactInput,
): Promise<SupportContact | null> {
  const contact: SupportContact = {
    email: blankToNull(input.email)?.toLowerCase() ?? null,
    phone: blankToNull(input.phone),
    telegram: blankToNull(input.telegram)?.replace(/^@/, '') ?? null,
  };
  if (!contact.email && !contact.phone && !contact.telegram) {
    const message = 'Укажите хотя бы один способ связи: email, телефон или Telegram';
    throw new AppError('VALIDATION_FAILED', { message, fields: { email: message } });
  }
  const access = { actorUserId: ctx.actorId, action: 'platform.support_updated' };
  await db.withPlatform(access, (tx) =>
    tx
      .insert(platformSettings)
      .values({ key: 'support', value: contact, updatedBy: ctx.actorId })
      .onConflictDoUpdate({
        target: platformSettings.key,
        set: { value: contact, updatedAt: sql`now()`, updatedBy: ctx.actorId },
      }),
  );
  return contact;
}
