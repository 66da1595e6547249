import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime, initials } from './format';

// vitest.config.ts pins the time zone to Europe/Moscow (UTC+3).
describe('formatDate', () => {
  it('writes the date in Russian with the month in words', () => {
    expect(formatDate('2026-03-05T10:05:00.000Z')).toBe('5 марта 2026 г.');
  });

  it('uses the viewer’s time zone: late evening UTC is already the next day in Moscow', () => {
    expect(formatDate('2026-12-31T22:30:00.000Z')).toBe('1 января 2027 г.');
  });

  it('shows a dash when there is no date', () => {
    expect(formatDate(null)).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('adds the time, 24-hour', () => {
    expect(formatDateTime('2026-03-05T10:05:00.000Z')).toBe('5 марта 2026 г. в 13:05');
  });

  it('shows a dash when there is no date', () => {
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('formatTime', () => {
  it('shows hours and minutes, 24-hour, in the viewer’s time zone', () => {
    expect(formatTime('2026-03-05T19:05:00.000Z')).toBe('22:05');
  });
});

describe('initials', () => {
  it('takes the first letters of the first two words of the name', () => {
    expect(initials('Анна Петрова', 'anna@example.ru')).toBe('АП');
    expect(initials('  мария   ивановна сидорова ', 'm@example.ru')).toBe('МИ');
  });

  it('falls back to the email when the name is empty', () => {
    expect(initials('', 'owner@example.ru')).toBe('O');
  });
});
