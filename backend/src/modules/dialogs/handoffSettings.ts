// The company's rules for a visitor waiting for a manager: how long the wait lasts before the AI
// answers again, and the working hours outside which it does not wait at all. Every member reads
// them; the owner sets them (the route's access).
import type { TenantContext } from '../../context.ts';
import type { Tx } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { getHandoffSettings, saveHandoffSettings } from '../branding/service.ts';
import type { DialogSettingsInput, DialogSettingsView } from './schemas.ts';
import { minutesOf } from './workingHours.ts';

export async function getDialogSettings(tx: Tx, ctx: TenantContext): Promise<DialogSettingsView> {
  const settings = await getHandoffSettings(tx, ctx.tenantId);
  return {
    handoffTimeoutMinutes: Math.max(1, Math.round(settings.timeoutSeconds / 60)),
    workingHours: settings.workingHours,
    timezone: settings.timezone,
  };
}

/** What the schema cannot say: each day ends after it starts, and some day is a working one. */
function checkWorkingHours(hours: DialogSettingsInput['workingHours']): void {
  if (!hours) return;
  const fields: Record<string, string> = {};
  hours.days.forEach((day, index) => {
    if (day && minutesOf(day.to) <= minutesOf(day.from)) {
      fields[`workingHours.days.${index}`] = 'Конец рабочего дня должен быть позже начала';
    }
  });
  const [first] = Object.values(fields);
  if (first) throw new AppError('VALIDATION_FAILED', { message: first, fields });
  if (hours.days.every((day) => day === null)) {
    const message = 'Отметьте хотя бы один рабочий день или включите «Круглосуточно»';
    throw new AppError('VALIDATION_FAILED', { message, fields: { workingHours: message } });
  }
}

export async function saveDialogSettings(
  tx: Tx,
  ctx: TenantContext,
  input: DialogSettingsInput,
): Promise<DialogSettingsView> {
  checkWorkingHours(input.workingHours);
  await saveHandoffSettings(tx, ctx, {
    timeoutSeconds: input.handoffTimeoutMinutes * 60,
    workingHours: input.workingHours && { days: input.workingHours.days },
  });
  return getDialogSettings(tx, ctx);
}
