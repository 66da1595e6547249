// How a company's usage reads: amounts in each resource's own units, the share of the limit a
// meter fills, and the notices for resources near or at their limit.
import type { UsageItem } from '@aimax/backend/contracts';
import { formatBytes, formatCompact, formatCount } from '@/lib/format';
import { t } from '@/lib/i18n';

type Resource = UsageItem['resource'];

/** Tokens run into millions and storage is bytes: each is shown in the units that read at a glance. */
export function formatUsageAmount(resource: Resource, amount: number): string {
  if (resource === 'tokens') return formatCompact(amount);
  if (resource === 'storageBytes') return formatBytes(amount);
  return formatCount(amount);
}

/** «1 234 из 5 000». */
export const usageAmount = (item: UsageItem) =>
  t.billing.usage.amount(formatUsageAmount(item.resource, item.used), formatUsageAmount(item.resource, item.limit));

/**
 * How much of the limit is used, from 0 to 1. Tokens are counted after a reply is given, so a
 * month may end a little past its limit; the meter stops at full.
 */
export function usedShare(item: Pick<UsageItem, 'used' | 'limit'>): number {
  if (item.limit <= 0) return item.used > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, item.used / item.limit));
}

export interface UsageNotice {
  resource: Resource;
  level: 'warning' | 'reached';
  text: string;
}

const severity = { warning: 0, reached: 1 };

/** What the owner is told about resources near or at their limits: the spent ones first. */
export function usageNotices(usage: readonly UsageItem[]): UsageNotice[] {
  const notices = usage.flatMap((item): UsageNotice[] => {
    if (item.level === 'ok') return [];
    const texts = t.billing.usage.resources[item.resource];
    // Rounded down, so a warning never claims the 100 % that only `reached` means.
    const percent = Math.floor(usedShare(item) * 100);
    const text = item.level === 'reached' ? texts.reached : texts.warning(percent);
    return [{ resource: item.resource, level: item.level, text }];
  });
  return notices.sort((a, b) => severity[b.level] - severity[a.level]);
}

/** The day after a calendar date (YYYY-MM-DD): when a month's counters start again. */
export function dayAfter(date: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}
