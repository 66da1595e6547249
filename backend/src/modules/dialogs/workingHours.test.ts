import { describe, expect, it } from 'vitest';
import type { WorkingHours } from '../../db/schema.ts';
import { isWorkingTime, nextOpening, waitNotice, zoneWords } from './workingHours.ts';

const nineToSix = { from: '09:00', to: '18:00' };
/** Monday to Friday, 09:00–18:00. */
const WEEKDAYS: WorkingHours = { days: [nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, null, null] };
const MOSCOW = 'Europe/Moscow';
// 15 May 2026 is a Friday; Moscow is UTC+3 all year.
const moscow = (day: number, time: string) => new Date(`2026-05-${String(day).padStart(2, '0')}T${time}:00+03:00`);

describe('isWorkingTime', () => {
  it('follows the days and hours on the company’s clock', () => {
    expect(isWorkingTime(WEEKDAYS, MOSCOW, moscow(15, '09:00'))).toBe(true);
    expect(isWorkingTime(WEEKDAYS, MOSCOW, moscow(15, '17:59'))).toBe(true);
    expect(isWorkingTime(WEEKDAYS, MOSCOW, moscow(15, '18:00'))).toBe(false);
    expect(isWorkingTime(WEEKDAYS, MOSCOW, moscow(15, '08:59'))).toBe(false);
    expect(isWorkingTime(WEEKDAYS, MOSCOW, moscow(16, '12:00'))).toBe(false);
  });

  it('reads the hours in the company’s own time zone', () => {
    // 08:30 in Moscow is 10:30 in Yekaterinburg.
    expect(isWorkingTime(WEEKDAYS, 'Asia/Yekaterinburg', moscow(15, '08:30'))).toBe(true);
    expect(isWorkingTime(WEEKDAYS, MOSCOW, moscow(15, '08:30'))).toBe(false);
  });

  it('is always working time without hours set («Круглосуточно»)', () => {
    expect(isWorkingTime(null, MOSCOW, moscow(16, '03:00'))).toBe(true);
    expect(nextOpening(null, MOSCOW, moscow(16, '03:00'))).toBeNull();
  });
});

describe('nextOpening', () => {
  it('names the day as people say it', () => {
    const when = (day: number, time: string, hours = WEEKDAYS) => nextOpening(hours, MOSCOW, moscow(day, time));
    expect(when(15, '07:30')).toMatchObject({ daysAhead: 0, from: '09:00' });
    expect(when(14, '22:00')).toMatchObject({ daysAhead: 1, from: '09:00' });
    expect(when(15, '22:00')).toMatchObject({ daysAhead: 3, weekday: 0, from: '09:00' });
    // Only Mondays, asked on a Monday evening: a week on.
    const mondays: WorkingHours = { days: [nineToSix, null, null, null, null, null, null] };
    expect(when(18, '19:00', mondays)).toMatchObject({ daysAhead: 7, weekday: 0 });
  });
});

describe('waitNotice', () => {
  const notice = (now: Date, hasPhone: boolean, hours: WorkingHours | null = WEEKDAYS) =>
    waitNotice({ hours, timeZone: MOSCOW, now, hasPhone });

  it('on a Friday at 22:00 in Moscow tells the visitor a manager answers on Monday from 09:00', () => {
    expect(notice(moscow(15, '22:00'), false)).toBe(
      'Сейчас нерабочее время. Менеджер ответит в понедельник с 09:00 (по московскому времени) — оставьте, пожалуйста, номер телефона, и он вам перезвонит. А пока на ваши вопросы ответит ассистент.',
    );
  });

  it('says «завтра», «сегодня» and «в следующий понедельник» where they fit', () => {
    expect(notice(moscow(14, '22:00'), false)).toContain('Менеджер ответит завтра с 09:00');
    expect(notice(moscow(15, '07:30'), false)).toContain('Менеджер ответит сегодня с 09:00');
    const wednesdays: WorkingHours = { days: [null, null, { from: '10:30', to: '14:00' }, null, null, null, null] };
    // 20 May 2026 is a Wednesday.
    expect(notice(moscow(20, '15:00'), false, wednesdays)).toContain('в следующую среду с 10:30');
  });

  it('does not ask for the phone the visitor left', () => {
    expect(notice(moscow(15, '22:00'), true)).toBe(
      'Сейчас нерабочее время. Менеджер свяжется с вами в понедельник с 09:00 (по московскому времени) по номеру, который вы оставили. А пока на ваши вопросы ответит ассистент.',
    );
    expect(notice(moscow(15, '12:00'), true)).toBe(
      'Менеджеры сейчас заняты. Ответим в течение рабочего дня — менеджер перезвонит вам по номеру, который вы оставили. А пока на ваши вопросы ответит ассистент.',
    );
  });

  it('within working hours promises an answer within the working day and asks for a number', () => {
    expect(notice(moscow(15, '12:00'), false)).toBe(
      'Менеджеры сейчас заняты. Ответим в течение рабочего дня — оставьте, пожалуйста, номер телефона, и менеджер вам перезвонит. А пока на ваши вопросы ответит ассистент.',
    );
    expect(notice(moscow(16, '03:00'), false, null)).toMatch(/^Менеджеры сейчас заняты\. Ответим в ближайшее время/);
  });
});

describe('zoneWords', () => {
  it('names Russia’s zones by their city, and others by their offset', () => {
    expect(zoneWords('Asia/Novosibirsk', moscow(15, '12:00'))).toBe('по новосибирскому времени');
    expect(zoneWords('Asia/Dubai', moscow(15, '12:00'))).toBe('по времени UTC+4');
  });
});
