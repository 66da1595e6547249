// When a company's managers answer: its working week (Monday first, in the company's time zone;
// null means at any time), and what a visitor who asked for a manager is told when none came —
// when to expect an answer, in words («завтра с 09:00», «в понедельник с 10:00»).
import type { WorkingHours } from '../../db/schema.ts';

/** A moment on the company's clock: the day of the week (0 = Monday), minutes since midnight. */
interface LocalMoment {
  weekday: number;
  minutes: number;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const formats = new Map<string, Intl.DateTimeFormat>();

function localMoment(now: Date, timeZone: string): LocalMoment {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((part) => [part.type, part.value]));
  return { weekday: WEEKDAYS.indexOf(parts.weekday ?? ''), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

export const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
};

/** Whether managers work at `now`; always, when the company set no hours. */
export function isWorkingTime(hours: WorkingHours | null, timeZone: string, now: Date): boolean {
  if (!hours) return true;
  const { weekday, minutes } = localMoment(now, timeZone);
  const day = hours.days[weekday];
  return Boolean(day && minutesOf(day.from) <= minutes && minutes < minutesOf(day.to));
}

/** When the managers start next after `now`: in how many days (0 = today) and at what time. */
export interface Opening {
  daysAhead: number;
  weekday: number;
  from: string;
}

/** The next start of a working day after `now`; null when the company set no hours or no open day. */
export function nextOpening(hours: WorkingHours | null, timeZone: string, now: Date): Opening | null {
  if (!hours) return null;
  const { weekday, minutes } = localMoment(now, timeZone);
  for (let daysAhead = 0; daysAhead <= 7; daysAhead += 1) {
    const day = hours.days[(weekday + daysAhead) % 7];
    if (day && (daysAhead > 0 || minutes < minutesOf(day.from))) {
      return { daysAhead, weekday: (weekday + daysAhead) % 7, from: day.from };
    }
  }
  return null;
}

// «в понедельник», and a week on «в следующий понедельник» (by the word's gender).
const ON_WEEKDAY = ['в понедельник', 'во вторник', 'в среду', 'в четверг', 'в пятницу', 'в субботу', 'в воскресенье'];
const NEXT_WEEKDAY = [
  'в следующий понедельник',
  'в следующий вторник',
  'в следующую среду',
  'в следующий четверг',
  'в следующую пятницу',
  'в следующую субботу',
  'в следующее воскресенье',
];

/** The day of an opening as a visitor says it: сегодня, завтра, в понедельник… */
export function dayWords(opening: Opening): string {
  if (opening.daysAhead === 0) return 'сегодня';
  if (opening.daysAhead === 1) return 'завтра';
  if (opening.daysAhead === 7) return NEXT_WEEKDAY[opening.weekday] ?? '';
  return ON_WEEKDAY[opening.weekday] ?? '';
}

// Russia's zones by the city people name them after; elsewhere the offset from UTC.
const ZONE_WORDS: Record<string, string> = {
  'Europe/Moscow': 'по московскому времени',
  'Europe/Kaliningrad': 'по калининградскому времени',
  'Europe/Samara': 'по самарскому времени',
  'Asia/Yekaterinburg': 'по екатеринбургскому времени',
  'Asia/Omsk': 'по омскому времени',
  'Asia/Novosibirsk': 'по новосибирскому времени',
  'Asia/Krasnoyarsk': 'по красноярскому времени',
  'Asia/Irkutsk': 'по иркутскому времени',
  'Asia/Yakutsk': 'по якутскому времени',
  'Asia/Vladivostok': 'по владивостокскому времени',
  'Asia/Magadan': 'по магаданскому времени',
  'Asia/Kamchatka': 'по камчатскому времени',
};

export function zoneWords(timeZone: string, now: Date): string {
  const known = ZONE_WORDS[timeZone];
  if (known) return known;
  const offset = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(now)
    .find((part) => part.type === 'timeZoneName')?.value;
  return `по времени ${(offset ?? 'GMT').replace('GMT', 'UTC')}`;
}

/**
 * What the visitor is told when the AI takes the dialog back from a wait nobody answered: when a
 * manager will answer (within the working day, or when it next starts), and, if the company has no
 * number of theirs, a request for one.
 */
export function waitNotice(options: {
  hours: WorkingHours | null;
  timeZone: string;
  now: Date;
  hasPhone: boolean;
}): string {
  const { hours, timeZone, now, hasPhone } = options;
  const assistant = 'А пока на ваши вопросы ответит ассистент.';
  const opening = isWorkingTime(hours, timeZone, now) ? null : nextOpening(hours, timeZone, now);
  if (!opening) {
    const when = hours ? 'в течение рабочего дня' : 'в ближайшее время';
    const call = hasPhone
      ? 'менеджер перезвонит вам по номеру, который вы оставили'
      : 'оставьте, пожалуйста, номер телефона, и менеджер вам перезвонит';
    return `Менеджеры сейчас заняты. Ответим ${when} — ${call}. ${assistant}`;
  }
  const when = `${dayWords(opening)} с ${opening.from} (${zoneWords(timeZone, now)})`;
  const call = hasPhone
    ? `Менеджер свяжется с вами ${when} по номеру, который вы оставили.`
    : `Менеджер ответит ${when} — оставьте, пожалуйста, номер телефона, и он вам перезвонит.`;
  return `Сейчас нерабочее время. ${call} ${assistant}`;
}
