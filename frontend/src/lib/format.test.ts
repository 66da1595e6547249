import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  formatBytes,
  formatCompact,
  formatCount,
  formatDate,
  formatDateTime,
  formatDayMonth,
  formatKopecks,
  formatMonth,
  formatNumericDate,
  formatNumericDateTime,
  formatPhone,
  formatRubles,
  formatRublesRange,
  formatTime,
  initials,
} from './format';

// vitest.config.ts pins the time zone to Europe/Moscow (UTC+3).
describe('formatDate', () => {
  it('writes the date in Russian with the month in words', () => {
    expect(formatDate('2026-03-05T10:05:00.000Z')).toBe('5 марта 2026 г.');
  });

  it('names the day in Moscow: late evening UTC is already the next day there', () => {
    expect(formatDate('2026-12-31T22:30:00.000Z')).toBe('1 января 2027 г.');
  });

  it('shows a dash when there is no date', () => {
    expect(formatDate(null)).toBe('—');
  });
});

describe('calendar dates for a viewer outside Moscow', () => {
  const viewerZone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = viewerZone;
    vi.resetModules();
  });

  it('name the last paid day of a plan as the emails do, in a browser on UTC or in Vladivostok', async () => {
    // The end of 4 December in Moscow, as the server stores a plan paid through that day.
    const end = '2026-12-04T20:59:59.999Z';
    for (const zone of ['UTC', 'Asia/Vladivostok', 'America/New_York']) {
      process.env.TZ = zone;
      vi.resetModules();
      const format = await import('./format');
      expect(format.formatDate(end), zone).toBe('4 декабря 2026 г.');
      expect(format.formatNumericDate(end), zone).toBe('04.12.2026');
    }
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

describe('formatNumericDate', () => {
  it('writes the day and month in two digits each, as documents do', () => {
    expect(formatNumericDate('2026-03-05T10:05:00.000Z')).toBe('05.03.2026');
  });

  it('names the day in Moscow', () => {
    expect(formatNumericDate('2026-12-31T22:30:00.000Z')).toBe('01.01.2027');
  });

  it('shows a dash when there is no date', () => {
    expect(formatNumericDate(null)).toBe('—');
  });
});

describe('formatNumericDateTime', () => {
  it('adds the time, 24-hour, after a comma', () => {
    expect(formatNumericDateTime('2026-03-05T10:05:00.000Z')).toBe('05.03.2026, 13:05');
  });

  it('shows a dash when there is no date', () => {
    expect(formatNumericDateTime(null)).toBe('—');
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

// Intl separates thousands with a no-break space; the texts below spell it out.
const nbsp = '\u00a0';

describe('formatPhone', () => {
  it('groups a Russian number as it is read aloud', () => {
    expect(formatPhone('+79161234567')).toBe('+7 916 123-45-67');
    expect(formatPhone('+74951234567')).toBe('+7 495 123-45-67');
  });

  it('leaves numbers of other countries as stored', () => {
    expect(formatPhone('+375291234567')).toBe('+375291234567');
    expect(formatPhone('+7916123456')).toBe('+7916123456');
  });
});

describe('formatRubles', () => {
  it('writes whole rubles with thousands apart and the sign kept on the same line', () => {
    expect(formatRubles(652000)).toBe(`652${nbsp}000${nbsp}₽`);
    expect(formatRubles(1234567.4)).toBe(`1${nbsp}234${nbsp}567${nbsp}₽`);
    expect(formatRubles(900)).toBe(`900${nbsp}₽`);
  });
});

describe('formatKopecks', () => {
  it('writes kopecks as rubles with two decimals after a comma', () => {
    expect(formatKopecks(2_277_200)).toBe(`22${nbsp}772,00${nbsp}₽`);
    expect(formatKopecks(759_067)).toBe(`7${nbsp}590,67${nbsp}₽`);
    expect(formatKopecks(5)).toBe(`0,05${nbsp}₽`);
    expect(formatKopecks(0)).toBe(`0,00${nbsp}₽`);
  });

  it('puts every group of thousands apart', () => {
    expect(formatKopecks(123_456_789)).toBe(`1${nbsp}234${nbsp}567,89${nbsp}₽`);
  });
});

describe('formatRublesRange', () => {
  it('joins the two ends with a spaced dash and one ruble sign', () => {
    expect(formatRublesRange({ min: 510000, max: 652000 })).toBe(`510${nbsp}000 – 652${nbsp}000${nbsp}₽`);
  });

  it('shows one sum when both ends round to the same ruble', () => {
    expect(formatRublesRange({ min: 5000, max: 5000.2 })).toBe(`5${nbsp}000${nbsp}₽`);
  });
});

describe('formatCount', () => {
  it('puts thousands apart and never a fraction', () => {
    expect(formatCount(1234)).toBe(`1${nbsp}234`);
    expect(formatCount(30000)).toBe(`30${nbsp}000`);
    expect(formatCount(7)).toBe('7');
  });
});

describe('formatCompact', () => {
  it('shortens thousands and millions to one decimal, with a comma', () => {
    expect(formatCompact(12345)).toBe(`12,3${nbsp}тыс.`);
    expect(formatCompact(150000)).toBe(`150${nbsp}тыс.`);
    expect(formatCompact(2500000)).toBe(`2,5${nbsp}млн`);
    expect(formatCompact(150000000)).toBe(`150${nbsp}млн`);
  });

  it('leaves counts under a thousand as they are', () => {
    expect(formatCompact(0)).toBe('0');
    expect(formatCompact(850)).toBe('850');
  });
});

describe('formatBytes', () => {
  const MB = 1024 * 1024;

  it('writes the plans’ limits in whole binary units', () => {
    expect(formatBytes(50 * MB)).toBe(`50${nbsp}МБ`);
    expect(formatBytes(500 * MB)).toBe(`500${nbsp}МБ`);
    expect(formatBytes(2048 * MB)).toBe(`2${nbsp}ГБ`);
    expect(formatBytes(20480 * MB)).toBe(`20${nbsp}ГБ`);
  });

  it('keeps one decimal of what is held', () => {
    expect(formatBytes(1.25 * MB)).toBe(`1,3${nbsp}МБ`);
    expect(formatBytes(340 * 1024)).toBe(`340${nbsp}КБ`);
    expect(formatBytes(512)).toBe(`512${nbsp}Б`);
  });

  it('shows nothing held in megabytes, as the limits are', () => {
    expect(formatBytes(0)).toBe(`0${nbsp}МБ`);
  });
});

describe('formatMonth', () => {
  it('names the month in the nominative, with its year', () => {
    expect(formatMonth('2026-03-01')).toBe('март 2026');
    expect(formatMonth('2027-01-01')).toBe('январь 2027');
  });
});

describe('formatDayMonth', () => {
  it('writes a calendar day the same in every time zone', () => {
    expect(formatDayMonth('2026-04-01')).toBe('1 апреля');
    expect(formatDayMonth('2027-01-01')).toBe('1 января');
  });
});
