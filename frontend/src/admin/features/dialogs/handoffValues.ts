// The «Передача менеджеру» form holds every day's hours, open or not, so a day switched off and
// on again keeps its times, and «Круглосуточно» switched off brings the week back; the API takes
// the closed days as null and «Круглосуточно» as no hours at all.
import type { DialogSettingsInput, DialogSettingsView } from '@aimax/backend/contracts';

export interface DayValues {
  open: boolean;
  from: string;
  to: string;
}

export interface HandoffValues {
  /** As typed; the server says what is wrong with it. */
  minutes: string;
  alwaysOpen: boolean;
  /** Monday first. */
  days: DayValues[];
}

const WORKING_DAY = { from: '09:00', to: '18:00' };
/** What a company that has not set its hours starts from: Monday to Friday, 09:00–18:00. */
const USUAL_WEEK = [true, true, true, true, true, false, false];

export function handoffValuesOf(view: DialogSettingsView): HandoffValues {
  const days = view.workingHours?.days;
  return {
    minutes: String(view.handoffTimeoutMinutes),
    alwaysOpen: view.workingHours === null,
    days: USUAL_WEEK.map((usual, index) => {
      if (!days) return { open: usual, ...WORKING_DAY };
      const day = days[index];
      return day ? { open: true, ...day } : { open: false, ...WORKING_DAY };
    }),
  };
}

export const handoffInputOf = (values: HandoffValues): DialogSettingsInput => ({
  handoffTimeoutMinutes: values.minutes.trim() === '' ? 0 : Number(values.minutes),
  workingHours: values.alwaysOpen
    ? null
    : { days: values.days.map((day) => (day.open ? { from: day.from, to: day.to } : null)) },
});

/** Whether saving would send something other than what is saved. */
export const handoffChanged = (values: HandoffValues, saved: DialogSettingsView): boolean =>
  JSON.stringify(handoffInputOf(values)) !== JSON.stringify(handoffInputOf(handoffValuesOf(saved)));

/** Monday's hours on every working day of the week, Tuesday to Friday. */
export const withWeekdaysLikeMonday = (days: DayValues[]): DayValues[] =>
  days.map((day, index) => (index >= 1 && index <= 4 && days[0] ? { ...days[0] } : day));

/** The server's message about one day: its start, its end, or the day as a whole. */
export const dayError = (fields: Record<string, string>, index: number): string | undefined =>
  fields[`workingHours.days.${index}.from`] ??
  fields[`workingHours.days.${index}.to`] ??
  fields[`workingHours.days.${index}`];
