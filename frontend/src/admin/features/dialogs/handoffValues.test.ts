import type { DialogSettingsView } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { dayError, handoffChanged, handoffInputOf, handoffValuesOf, withWeekdaysLikeMonday } from './handoffValues';

const nineToSix = { from: '09:00', to: '18:00' };
const anyTime: DialogSettingsView = { handoffTimeoutMinutes: 3, workingHours: null, timezone: 'Europe/Moscow' };

describe('handoff settings form values', () => {
  it('starts «Круглосуточно» from a usual week, which switching it off brings back', () => {
    const values = handoffValuesOf(anyTime);
    expect(values).toMatchObject({ minutes: '3', alwaysOpen: true });
    expect(handoffInputOf(values)).toEqual({ handoffTimeoutMinutes: 3, workingHours: null });
    expect(handoffInputOf({ ...values, alwaysOpen: false }).workingHours?.days).toEqual([
      nineToSix,
      nineToSix,
      nineToSix,
      nineToSix,
      nineToSix,
      null,
      null,
    ]);
  });

  it('keeps a closed day’s times in the form but sends it as null', () => {
    const saturday = { from: '10:00', to: '15:00' };
    const view = { ...anyTime, workingHours: { days: [nineToSix, null, null, null, null, saturday, null] } };
    const values = handoffValuesOf(view);
    expect(values.days[5]).toEqual({ open: true, ...saturday });
    expect(values.days[1]).toEqual({ open: false, ...nineToSix });
    expect(handoffChanged(values, view)).toBe(false);
    const closed = { ...values, days: values.days.map((day, index) => (index === 5 ? { ...day, open: false } : day)) };
    expect(handoffInputOf(closed).workingHours?.days[5]).toBeNull();
    expect(handoffChanged(closed, view)).toBe(true);
  });

  it('sends what was typed as the minutes, an empty field as 0 for the server to refuse', () => {
    expect(handoffInputOf({ ...handoffValuesOf(anyTime), minutes: ' 15 ' }).handoffTimeoutMinutes).toBe(15);
    expect(handoffInputOf({ ...handoffValuesOf(anyTime), minutes: '' }).handoffTimeoutMinutes).toBe(0);
  });

  it('copies Monday to the other weekdays, not to the weekend', () => {
    const days = handoffValuesOf(anyTime).days.map((day, index) =>
      index === 0 ? { open: true, from: '08:00', to: '20:00' } : day,
    );
    expect(withWeekdaysLikeMonday(days).map((day) => `${day.open ? 'open' : 'closed'} ${day.from}`)).toEqual([
      'open 08:00',
      'open 08:00',
      'open 08:00',
      'open 08:00',
      'open 08:00',
      'closed 09:00',
      'closed 09:00',
    ]);
  });

  it('finds the server’s message about a day', () => {
    const fields = { 'workingHours.days.2.from': 'Время в формате ЧЧ:ММ', 'workingHours.days.4': 'Конец позже начала' };
    expect(dayError(fields, 2)).toBe('Время в формате ЧЧ:ММ');
    expect(dayError(fields, 4)).toBe('Конец позже начала');
    expect(dayError(fields, 0)).toBeUndefined();
  });
});
