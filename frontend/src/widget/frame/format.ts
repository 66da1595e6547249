// Money and times as a Russian visitor reads them.
import type { Estimate } from '@aimax/backend/contracts';
import { t } from '../i18n';

const rubles = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 });
const clock = new Intl.DateTimeFormat(t.locale, { hour: '2-digit', minute: '2-digit' });

export const formatNumber = (amount: number): string => rubles.format(amount);

export const formatRubles = (amount: number): string => `${rubles.format(amount)} ₽`;

export const formatTime = (iso: string): string => clock.format(new Date(iso));

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** The estimate an `estimate` message carries in `data.estimate`, or null if it is not one. */
export function estimateOf(data: Record<string, unknown>): Estimate | null {
  const estimate = data.estimate;
  if (!isRecord(estimate) || !isRecord(estimate.range) || !Array.isArray(estimate.lines)) return null;
  if (!isNumber(estimate.total) || !isNumber(estimate.range.min) || !isNumber(estimate.range.max)) return null;
  const lines = estimate.lines.filter(
    (line): line is Estimate['lines'][number] =>
      isRecord(line) && typeof line.title === 'string' && typeof line.details === 'string' && isNumber(line.amount),
  );
  return { lines, total: estimate.total, range: { min: estimate.range.min, max: estimate.range.max } };
}
