// The estimate funnel: the default renovation funnel (the seed for new tenants; each tenant's own
// copy lives in tenant_bot_settings.funnel), and the engine that validates answers, says which
// step comes next, and computes the estimate. The server is the authority: the widget only shows.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AppError } from '../../errors.ts';
import { formatPhone } from '../../lib/phone.ts';
import { choiceLabel } from './pricing.ts';
import { funnelProblems } from './rules.ts';
import {
  type Answers,
  type ContactsAnswer,
  type FunnelConfig,
  type PublicStep,
  STEP_LABELS,
  STEP_ORDER,
  type StepId,
} from './schemas.ts';

export const DEFAULT_FUNNEL: FunnelConfig = {
  version: 1,
  steps: {
    objectType: {
      id: 'objectType',
      title: 'Какой объект ремонтируем?',
      enabled: true,
      options: [
        { id: 'new_build', label: 'Новостройка' },
        { id: 'secondary', label: 'Вторичное жильё' },
        { id: 'house', label: 'Частный дом' },
      ],
    },
    repairType: {
      id: 'repairType',
      title: 'Какой ремонт нужен?',
      enabled: true,
      options: [
        { id: 'cosmetic', label: 'Косметический' },
        { id: 'capital', label: 'Капитальный' },
        { id: 'designer', label: 'Дизайнерский' },
      ],
    },
    area: { id: 'area', title: 'Какая площадь, м²?', enabled: true, min: 5, max: 1000 },
    rooms: { id: 'rooms', title: 'Сколько комнат?', enabled: true, max: 20 },
    replanning: {
      id: 'replanning',
      title: 'Планируется перепланировка?',
      enabled: true,
      options: [
        { id: 'yes', label: 'Да' },
        { id: 'no', label: 'Нет' },
      ],
    },
    designProject: {
      id: 'designProject',
      title: 'Нужен дизайн-проект?',
      enabled: true,
      options: [
        { id: 'yes', label: 'Да, нужен' },
        { id: 'no', label: 'Нет, есть свой или не нужен' },
      ],
    },
    timing: {
      id: 'timing',
      title: 'Когда хотите начать?',
      enabled: true,
      options: [
        { id: 'asap', label: 'Как можно скорее' },
        { id: 'month', label: 'В течение месяца' },
        { id: 'later', label: 'Позже, присматриваюсь' },
      ],
    },
    contacts: {
      id: 'contacts',
      title: 'Куда прислать смету?',
      enabled: true,
      consentText: 'Я согласен на обработку персональных данных в соответствии с 152-ФЗ',
    },
  },
  pricing: {
    perM2: {
      new_build: { cosmetic: 4500, capital: 9000, designer: 15_000 },
      secondary: { cosmetic: 5000, capital: 10_500, designer: 16_500 },
      house: { cosmetic: 5500, capital: 11_500, designer: 18_000 },
    },
    includedRooms: 2,
    perExtraRoomPercent: 3,
    replanning: { yes: 60_000, no: 0 },
    designProjectPerM2: { yes: 2000, no: 0 },
    timingPercent: { asap: 10, month: 0, later: -5 },
    rangePercent: { low: -10, high: 15 },
  },
};

const isEnabled = (config: FunnelConfig, id: StepId) => config.steps[id].enabled;

/** The steps this funnel asks, in order. */
export const enabledSteps = (config: FunnelConfig): StepId[] => STEP_ORDER.filter((id) => isEnabled(config, id));

/** The first step not yet answered, or null when the funnel is complete. */
export function nextStep(config: FunnelConfig, answers: Answers): StepId | null {
  return enabledSteps(config).find((id) => answers[id] === undefined) ?? null;
}

export function publicStep(config: FunnelConfig, id: StepId): PublicStep {
  const steps = config.steps;
  switch (id) {
    case 'area':
      return { id, kind: 'number', title: steps.area.title, min: steps.area.min, max: steps.area.max, unit: 'м²' };
    case 'rooms':
      return { id, kind: 'number', title: steps.rooms.title, min: 1, max: steps.rooms.max, integer: true };
    case 'contacts':
      return { id, kind: 'contacts', title: steps.contacts.title, consentText: steps.contacts.consentText };
    default:
      return { id, kind: 'choice', title: steps[id].title, options: steps[id].options };
  }
}

const stepError = (stepId: StepId, message: string) =>
  new AppError('VALIDATION_FAILED', { message, fields: { [stepId]: message } });

/** Normalises a Russian (by default) phone number to E.164, or null when it is not one. */
export function normalizePhone(raw: string): string | null {
  const phone = parsePhoneNumberFromString(raw.trim(), 'RU');
  return phone?.isValid() ? phone.number : null;
}

const CONTACT_FIELDS = new Set(['name', 'phone', 'consent']);

function parseContacts(value: unknown): ContactsAnswer {
  const input = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  // Closed like every request schema: a field the form does not have is refused, not ignored.
  const unknown = Object.keys(input).find((field) => !CONTACT_FIELDS.has(field));
  if (unknown) throw stepError('contacts', `Поле «${unknown}» не поддерживается`);
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name.length < 1 || name.length > 100) throw stepError('contacts', 'Как к вам обращаться? Укажите имя');
  const phone = typeof input.phone === 'string' ? normalizePhone(input.phone) : null;
  if (!phone) throw stepError('contacts', 'Проверьте номер телефона, например +7 900 123-45-67');
  if (input.consent !== true) {
    throw stepError('contacts', 'Нужно согласие на обработку персональных данных');
  }
  return { name, phone, consent: true };
}

function parseNumber(value: unknown, options: { min: number; max: number; integer: boolean }): number | null {
  const number =
    typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(',', '.')) : Number.NaN;
  if (!Number.isFinite(number) || number < options.min || number > options.max) return null;
  if (options.integer && !Number.isInteger(number)) return null;
  return options.integer ? number : Math.round(number * 10) / 10;
}

/**
 * Validates the answer to `stepId` and returns the answers with it. The visitor may answer the
 * next step or change an earlier answer; skipping ahead is refused.
 */
export function applyAnswer(config: FunnelConfig, answers: Answers, stepId: string, value: unknown): Answers {
  const steps = enabledSteps(config);
  if (!steps.includes(stepId as StepId)) throw new AppError('STEP_UNKNOWN');
  const id = stepId as StepId;
  const upcoming = nextStep(config, answers);
  if (answers[id] === undefined && upcoming !== id) throw new AppError('STEP_OUT_OF_ORDER');

  switch (id) {
    case 'contacts':
      return { ...answers, contacts: parseContacts(value) };
    case 'area': {
      const { min, max } = config.steps.area;
      const area = parseNumber(value, { min, max, integer: false });
      if (area === null) throw stepError(id, `Укажите площадь от ${min} до ${max} м²`);
      return { ...answers, area };
    }
    case 'rooms': {
      const rooms = parseNumber(value, { min: 1, max: config.steps.rooms.max, integer: true });
      if (rooms === null) throw stepError(id, `Укажите целое число комнат от 1 до ${config.steps.rooms.max}`);
      return { ...answers, rooms };
    }
    default: {
      const option = config.steps[id].options.find((candidate) => candidate.id === value);
      if (!option) throw stepError(id, 'Выберите один из вариантов');
      return { ...answers, [id]: option.id };
    }
  }
}

/** The label the visitor saw for an answer, for transcripts, leads and PDFs. */
export function answerLabel(config: FunnelConfig, id: StepId, answers: Answers): string | null {
  const value = answers[id];
  if (value === undefined) return null;
  if (id === 'contacts') {
    if (!answers.contacts) return null;
    return `${answers.contacts.name}, ${formatPhone(answers.contacts.phone)}`;
  }
  if (id === 'rooms') return String(value);
  return choiceLabel(config, id, answers);
}

/**
 * What was answered, in order, without the contacts, as documents name it: each step's short
 * name («Тип объекта») with the answer («Вторичное жильё»), for the PDF, the lead and the AI.
 */
export function answeredQuestions(config: FunnelConfig, answers: Answers): { question: string; answer: string }[] {
  return enabledSteps(config)
    .filter((id) => id !== 'contacts')
    .flatMap((id) => {
      const answer = answerLabel(config, id, answers);
      return answer === null ? [] : [{ question: STEP_LABELS[id], answer }];
    });
}

/** The tenant's funnel, or the default one while it has none (or a stored one no longer valid). */
export function funnelOf(settings: { funnel: unknown }): FunnelConfig {
  if (settings.funnel === null || settings.funnel === undefined) return DEFAULT_FUNNEL;
  return funnelProblems(settings.funnel).length === 0 ? (settings.funnel as FunnelConfig) : DEFAULT_FUNNEL;
}
