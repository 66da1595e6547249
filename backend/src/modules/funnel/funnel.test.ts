import { describe, expect, it } from 'vitest';
import {
  answeredQuestions,
  answerLabel,
  applyAnswer,
  DEFAULT_FUNNEL,
  enabledSteps,
  nextStep,
  normalizePhone,
  publicStep,
} from './funnel.ts';
import { computeEstimate } from './pricing.ts';
import { funnelProblems } from './rules.ts';
import type { Answers, FunnelConfig } from './schemas.ts';

const complete: Answers = {
  objectType: 'secondary',
  repairType: 'capital',
  area: 54,
  rooms: 2,
  replanning: 'no',
  designProject: 'no',
  timing: 'month',
};

const withOptional = (enabled: boolean): FunnelConfig => ({
  ...DEFAULT_FUNNEL,
  steps: {
    ...DEFAULT_FUNNEL.steps,
    replanning: { ...DEFAULT_FUNNEL.steps.replanning, enabled },
    designProject: { ...DEFAULT_FUNNEL.steps.designProject, enabled },
    timing: { ...DEFAULT_FUNNEL.steps.timing, enabled },
  },
});

describe('the default funnel', () => {
  it('is a valid funnel, asking every step in order', () => {
    expect(funnelProblems(DEFAULT_FUNNEL)).toEqual([]);
    expect(enabledSteps(DEFAULT_FUNNEL)).toEqual([
      'objectType',
      'repairType',
      'area',
      'rooms',
      'replanning',
      'designProject',
      'timing',
      'contacts',
    ]);
  });

  it('shows steps as the widget needs them', () => {
    expect(publicStep(DEFAULT_FUNNEL, 'area')).toEqual({
      id: 'area',
      kind: 'number',
      title: 'Какая площадь, м²?',
      min: 5,
      max: 1000,
      unit: 'м²',
    });
    expect(publicStep(DEFAULT_FUNNEL, 'objectType').options?.map((o) => o.id)).toEqual([
      'new_build',
      'secondary',
      'house',
    ]);
    expect(publicStep(DEFAULT_FUNNEL, 'contacts')).toMatchObject({
      kind: 'contacts',
      consentText: expect.stringContaining('152-ФЗ'),
    });
  });
});

describe('optional steps', () => {
  it('are skipped when the company turns them off', () => {
    const config = withOptional(false);
    expect(enabledSteps(config)).toEqual(['objectType', 'repairType', 'area', 'rooms', 'contacts']);
    const { replanning: _r, designProject: _d, timing: _t, ...required } = complete;
    expect(nextStep(config, required)).toBe('contacts');
    expect(() => applyAnswer(config, required, 'timing', 'asap')).toThrow(
      expect.objectContaining({ code: 'STEP_UNKNOWN' }),
    );
  });
});

describe('applyAnswer', () => {
  it('takes the next step and refuses skipping ahead', () => {
    const first = applyAnswer(DEFAULT_FUNNEL, {}, 'objectType', 'house');
    expect(first).toEqual({ objectType: 'house' });
    expect(nextStep(DEFAULT_FUNNEL, first)).toBe('repairType');
    expect(() => applyAnswer(DEFAULT_FUNNEL, first, 'area', 40)).toThrow(
      expect.objectContaining({ code: 'STEP_OUT_OF_ORDER' }),
    );
    expect(() => applyAnswer(DEFAULT_FUNNEL, {}, 'contacts', {})).toThrow(
      expect.objectContaining({ code: 'STEP_OUT_OF_ORDER' }),
    );
  });

  it('lets an earlier answer change', () => {
    expect(applyAnswer(DEFAULT_FUNNEL, complete, 'objectType', 'new_build')).toEqual({
      ...complete,
      objectType: 'new_build',
    });
  });

  it('refuses options that are not offered and numbers out of range', () => {
    const at = (step: string, answers: Answers, value: unknown) => () =>
      applyAnswer(DEFAULT_FUNNEL, answers, step, value);
    expect(at('objectType', {}, 'castle')).toThrow('Выберите один из вариантов');
    const beforeArea = { objectType: 'house', repairType: 'capital' };
    expect(at('area', beforeArea, 2)).toThrow('Укажите площадь от 5 до 1000 м²');
    expect(at('area', beforeArea, 'много')).toThrow('Укажите площадь от 5 до 1000 м²');
    expect(applyAnswer(DEFAULT_FUNNEL, beforeArea, 'area', '54,5').area).toBe(54.5);
    const beforeRooms = { ...beforeArea, area: 54 };
    expect(at('rooms', beforeRooms, 2.5)).toThrow('Укажите целое число комнат от 1 до 20');
    expect(at('rooms', beforeRooms, 0)).toThrow('Укажите целое число комнат от 1 до 20');
  });

  it('normalises the phone and requires consent', () => {
    const at = (value: unknown) => () => applyAnswer(DEFAULT_FUNNEL, complete, 'contacts', value);
    expect(
      applyAnswer(DEFAULT_FUNNEL, complete, 'contacts', { name: ' Анна ', phone: '8 (916) 123-45-67', consent: true })
        .contacts,
    ).toEqual({
      name: 'Анна',
      phone: '+79161234567',
      consent: true,
    });
    expect(at({ name: 'Анна', phone: '12345', consent: true })).toThrow('Проверьте номер телефона');
    expect(at({ name: 'Анна', phone: '+79161234567', consent: false })).toThrow(
      'Нужно согласие на обработку персональных данных',
    );
    expect(at({ name: '', phone: '+79161234567', consent: true })).toThrow('Укажите имя');
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+7 916 123-45-67', '+79161234567'],
    ['89161234567', '+79161234567'],
    ['9161234567', '+79161234567'],
    ['+375 29 123-45-67', '+375291234567'],
    ['123', null],
    ['+7 000 000-00-00', null],
  ])('%s → %s', (raw, expected) => {
    expect(normalizePhone(raw)).toBe(expected);
  });
});

describe('computeEstimate', () => {
  it('prices the work by object, repair type and area', () => {
    const estimate = computeEstimate(DEFAULT_FUNNEL, complete);
    // 54 m² × 10 500 ₽ (secondary, capital), 2 rooms (included), within a month (0 %).
    expect(estimate.lines).toEqual([
      { title: 'Ремонт: капитальный', details: 'Вторичное жильё, 54 м², комнат: 2, в течение месяца', amount: 567_000 },
    ]);
    expect(estimate.total).toBe(567_000);
    expect(estimate.range).toEqual({ min: 510_000, max: 652_000 });
  });

  it('adds rooms, rush, replanning and design', () => {
    const estimate = computeEstimate(DEFAULT_FUNNEL, {
      ...complete,
      rooms: 4,
      timing: 'asap',
      replanning: 'yes',
      designProject: 'yes',
    });
    // Work: 54 × 10 500 × 1.06 (2 extra rooms × 3 %) × 1.10 (asap) = 661 122 → 661 100.
    expect(estimate.lines.map((line) => [line.title, line.amount])).toEqual([
      ['Ремонт: капитальный', 661_100],
      ['Перепланировка', 60_000],
      ['Дизайн-проект', 108_000],
    ]);
    expect(estimate.total).toBe(829_100);
  });

  it('ignores optional steps the company switched off', () => {
    const config = withOptional(false);
    const estimate = computeEstimate(config, { ...complete, replanning: 'yes', designProject: 'yes', timing: 'asap' });
    expect(estimate.total).toBe(567_000);
  });

  it('needs the priced answers', () => {
    expect(() => computeEstimate(DEFAULT_FUNNEL, { objectType: 'house' })).toThrow(
      expect.objectContaining({ code: 'FUNNEL_INCOMPLETE' }),
    );
  });
});

describe('answeredQuestions', () => {
  it('pairs each step’s short name, as documents write it, with the label the visitor chose', () => {
    expect(answeredQuestions(DEFAULT_FUNNEL, { objectType: 'house', repairType: 'designer', area: 120.5 })).toEqual([
      { question: 'Тип объекта', answer: 'Частный дом' },
      { question: 'Вид ремонта', answer: 'Дизайнерский' },
      { question: 'Площадь', answer: '120,5 м²' },
    ]);
  });

  it('writes the visitor’s phone for people in the contacts’ answer', () => {
    const contacts = { name: 'Анна', phone: '+79161234567', consent: true as const };
    expect(answerLabel(DEFAULT_FUNNEL, 'contacts', { contacts })).toBe('Анна, +7 916 123-45-67');
  });
});
