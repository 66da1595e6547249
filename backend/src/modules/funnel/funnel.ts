// The estimate funnel: the default renovation funnel (the seed for new tenants; each tenant's own
// copy lives in tenant_bot_settings.funnel), and the engine that validates answers, says which
// step comes next, and computes the estimate. The server is the authority: the widget only shows.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { AppError } from '../../errors.ts';
import { formatPhone } from '../../lib/phone.ts';
import { choiceLabel } from './pricing.ts';
import { funnelProblems, stepLabel, stepOrder } from './rules.ts';
import {
  type Answers,
  type ContactsAnswer,
  type CustomStep,
  type FunnelConfig,
  type PublicStep,
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

const customStep = (config: FunnelConfig, id: string): CustomStep | undefined =>
  config.custom?.find((step) => step.id === id);
/** A step of the renovation funnel itself, not a question of the company's own. */
export const isBuiltIn = (id: string): id is StepId => (STEP_ORDER as readonly string[]).includes(id);

function isEnabled(config: FunnelConfig, id: string): boolean {
  return isBuiltIn(id) ? config.steps[id].enabled : (customStep(config, id)?.enabled ?? false);
}

/** The steps this funnel asks, in order: built-in ids and the company's own (`q_…`). */
export const enabledSteps = (config: FunnelConfig): string[] => stepOrder(config).filter((id) => isEnabled(config, id));

/** The answer to a step, built-in or custom; undefined while it is not answered. */
export const answerOf = (answers: Answers, id: string): unknown => (answers as Record<string, unknown>)[id];

/** The first step not yet answered, or null when the funnel is complete. */
export function nextStep(config: FunnelConfig, answers: Answers): string | null {
  return enabledSteps(config).find((id) => answerOf(answers, id) === undefined) ?? null;
}

/** The question as the bot asks it. */
export function stepTitle(config: FunnelConfig, id: string): string {
  return isBuiltIn(id) ? config.steps[id].title : (customStep(config, id)?.title ?? id);
}

const hintOf = (hint: string | undefined) => (hint?.trim() ? { hint: hint.trim() } : {});

function customPublicStep(step: CustomStep): PublicStep {
  const common = { id: step.id, title: step.title, ...hintOf(step.hint) };
  switch (step.kind) {
    case 'single':
      return { ...common, kind: 'choice', options: step.options ?? [] };
    case 'multiple':
      return { ...common, kind: 'multi', options: step.options ?? [] };
    case 'number':
      return {
        ...common,
        kind: 'number',
        min: step.min,
        max: step.max,
        ...(step.unit?.trim() ? { unit: step.unit.trim() } : {}),
        ...(step.integer ? { integer: true } : {}),
      };
    case 'text':
      return { ...common, kind: 'text' };
  }
}

export function publicStep(config: FunnelConfig, id: string): PublicStep {
  const steps = config.steps;
  if (!isBuiltIn(id)) {
    const step = customStep(config, id);
    if (!step) throw new AppError('STEP_UNKNOWN');
    return customPublicStep(step);
  }
  const hint = hintOf(steps[id].hint);
  switch (id) {
    case 'area':
      return {
        id,
        kind: 'number',
        title: steps.area.title,
        ...hint,
        min: steps.area.min,
        max: steps.area.max,
        unit: 'м²',
      };
    case 'rooms':
      return { id, kind: 'number', title: steps.rooms.title, ...hint, min: 1, max: steps.rooms.max, integer: true };
    case 'contacts': {
      const { consentText, consentUrl } = steps.contacts;
      return {
        id,
        kind: 'contacts',
        title: steps.contacts.title,
        ...hint,
        consentText,
        ...(consentUrl ? { consentUrl } : {}),
      };
    }
    default:
      return { id, kind: 'choice', title: steps[id].title, ...hint, options: steps[id].options };
  }
}

const stepError = (stepId: string, message: string) =>
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

const TEXT_MAX = 300;

function customAnswer(step: CustomStep, value: unknown): string | number | string[] {
  const options = step.options ?? [];
  switch (step.kind) {
    case 'single': {
      const option = options.find((candidate) => candidate.id === value);
      if (!option) throw stepError(step.id, 'Выберите один из вариантов');
      return option.id;
    }
    case 'multiple': {
      const chosen = Array.isArray(value) ? [...new Set(value)] : [];
      const valid = chosen.every((id) => options.some((option) => option.id === id));
      if (chosen.length === 0 || !valid) throw stepError(step.id, 'Выберите хотя бы один вариант');
      // In the options' order, whatever order they were clicked in.
      return options.filter((option) => chosen.includes(option.id)).map((option) => option.id);
    }
    case 'number': {
      const min = step.min ?? 0;
      const max = step.max ?? 1_000_000;
      const number = parseNumber(value, { min, max, integer: step.integer ?? false });
      const unit = step.unit?.trim() ? ` ${step.unit.trim()}` : '';
      if (number === null) {
        throw stepError(step.id, `Укажите ${step.integer ? 'целое ' : ''}число от ${min} до ${max}${unit}`);
      }
      return number;
    }
    case 'text': {
      const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
      if (text.length === 0) throw stepError(step.id, 'Напишите ответ');
      if (text.length > TEXT_MAX) throw stepError(step.id, `Не длиннее ${TEXT_MAX} символов`);
      return text;
    }
  }
}

/**
 * Validates the answer to `stepId` and returns the answers with it. The visitor may answer the
 * next step or change an earlier answer; skipping ahead is refused.
 */
export function applyAnswer(config: FunnelConfig, answers: Answers, stepId: string, value: unknown): Answers {
  if (!enabledSteps(config).includes(stepId)) throw new AppError('STEP_UNKNOWN');
  if (answerOf(answers, stepId) === undefined && nextStep(config, answers) !== stepId) {
    throw new AppError('STEP_OUT_OF_ORDER');
  }
  if (!isBuiltIn(stepId)) {
    const step = customStep(config, stepId) as CustomStep;
    return { ...answers, [stepId]: customAnswer(step, value) };
  }
  const id = stepId;
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

function customLabel(step: CustomStep, value: unknown): string {
  const labelOf = (id: unknown) => step.options?.find((option) => option.id === id)?.label ?? String(id);
  if (Array.isArray(value)) return value.map(labelOf).join(', ');
  if (step.kind === 'single') return labelOf(value);
  if (step.kind === 'number') {
    const number = String(value).replace('.', ',');
    return step.unit?.trim() ? `${number} ${step.unit.trim()}` : number;
  }
  return String(value);
}

/** The label the visitor saw for an answer, for transcripts, leads and PDFs. */
export function answerLabel(config: FunnelConfig, id: string, answers: Answers): string | null {
  const value = answerOf(answers, id);
  if (value === undefined) return null;
  if (!isBuiltIn(id)) {
    const step = customStep(config, id);
    return step ? customLabel(step, value) : String(value);
  }
  if (id === 'contacts') {
    if (!answers.contacts) return null;
    return `${answers.contacts.name}, ${formatPhone(answers.contacts.phone)}`;
  }
  if (id === 'rooms') return String(value);
  return choiceLabel(config, id, answers);
}

/**
 * What was answered, in order, without the contacts, as documents name it: each step's short
 * name («Тип объекта», or a custom question's own) with the answer («Вторичное жильё»), for the
 * PDF, the lead and the AI.
 */
export function answeredQuestions(config: FunnelConfig, answers: Answers): { question: string; answer: string }[] {
  return enabledSteps(config)
    .filter((id) => id !== 'contacts')
    .flatMap((id) => {
      const answer = answerLabel(config, id, answers);
      return answer === null ? [] : [{ question: stepLabel(config, id), answer }];
    });
}
/** The tenant's funnel, or the default one while it has none (or a stored one no longer valid). */
export function funnelOf(settings: { funnel: unknown }): FunnelConfig {
  if (settings.funnel === null || settings.funnel === undefined) return DEFAULT_FUNNEL;
  return funnelProblems(settings.funnel).length === 0 ? (settings.funnel as FunnelConfig) : DEFAULT_FUNNEL;
}
