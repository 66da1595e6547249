import type { UsageItem } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { dayAfter, formatUsageAmount, usageAmount, usageNotices, usedShare } from './usage';

const nbsp = '\u00a0';
const item = (resource: UsageItem['resource'], used: number, limit: number, level: UsageItem['level']): UsageItem => ({
  resource,
  used,
  limit,
  level,
});

describe('usage amounts', () => {
  it('reads each resource in its own units', () => {
    expect(formatUsageAmount('sessions', 1234)).toBe(`1${nbsp}234`);
    expect(formatUsageAmount('messages', 300)).toBe('300');
    expect(formatUsageAmount('tokens', 12345)).toBe(`12,3${nbsp}тыс.`);
    expect(formatUsageAmount('storageBytes', 50 * 1024 * 1024)).toBe(`50${nbsp}МБ`);
  });

  it('puts what is used against the limit', () => {
    expect(usageAmount(item('sessions', 1234, 5000, 'ok'))).toBe(`1${nbsp}234 из 5${nbsp}000`);
    expect(usageAmount(item('tokens', 12345, 150000, 'ok'))).toBe(`12,3${nbsp}тыс. из 150${nbsp}тыс.`);
  });
});

describe('usedShare', () => {
  it('is the part of the limit used', () => {
    expect(usedShare({ used: 0, limit: 100 })).toBe(0);
    expect(usedShare({ used: 25, limit: 100 })).toBe(0.25);
  });

  it('stops at full when tokens ran past the limit', () => {
    expect(usedShare({ used: 151000, limit: 150000 })).toBe(1);
  });

  it('is full for any use of a resource the plan does not give', () => {
    expect(usedShare({ used: 1, limit: 0 })).toBe(1);
    expect(usedShare({ used: 0, limit: 0 })).toBe(0);
  });
});

describe('usageNotices', () => {
  it('says nothing while every resource is within 80 % of its limit', () => {
    expect(usageNotices([item('sessions', 79, 100, 'ok'), item('messages', 0, 300, 'ok')])).toEqual([]);
  });

  it('warns with the share used, rounded down', () => {
    expect(usageNotices([item('messages', 299, 300, 'warning')])).toEqual([
      { resource: 'messages', level: 'warning', text: 'Использовано 99% лимита сообщений ИИ в этом месяце' },
    ]);
    expect(usageNotices([item('storageBytes', 85, 100, 'warning')])[0]?.text).toBe('Хранилище заполнено на 85%');
  });

  it('puts spent limits first, saying what it means for visitors', () => {
    const notices = usageNotices([
      item('sessions', 80, 100, 'warning'),
      item('messages', 120, 300, 'ok'),
      item('tokens', 150500, 150000, 'reached'),
    ]);
    expect(notices.map((notice) => [notice.resource, notice.level])).toEqual([
      ['tokens', 'reached'],
      ['sessions', 'warning'],
    ]);
    expect(notices[0]?.text).toBe(
      'Лимит токенов ИИ исчерпан: ИИ не отвечает посетителям, заявки по-прежнему принимаются',
    );
  });
});

describe('dayAfter', () => {
  it('is the first day of the next month after a month’s last', () => {
    expect(dayAfter('2026-03-31')).toBe('2026-04-01');
    expect(dayAfter('2026-12-31')).toBe('2027-01-01');
    expect(dayAfter('2028-02-28')).toBe('2028-02-29');
  });
});
