import { describe, expect, it } from 'vitest';
import { DEFAULT_FUNNEL } from './funnel.ts';
import { computeEstimate } from './pricing.ts';
import { funnelProblems } from './rules.ts';
import type { FunnelConfig } from './schemas.ts';

const changed = (change: (config: FunnelConfig) => void) => {
  const config = structuredClone(DEFAULT_FUNNEL);
  change(config);
  return funnelProblems(config);
};

describe('funnelProblems', () => {
  it('finds none in the default funnel', () => {
    expect(funnelProblems(DEFAULT_FUNNEL)).toEqual([]);
  });

  it('names the field of each text, number and list out of bounds', () => {
    expect(
      changed((config) => {
        config.steps.objectType.title = '';
        config.steps.repairType.options[0] = { id: 'cosmetic', label: 'К'.repeat(81) };
        config.steps.rooms.max = 0;
        config.steps.timing.options = [{ id: 'asap', label: 'Скоро' }];
        config.pricing.replanning.yes = -1;
      }),
    ).toEqual([
      { path: 'steps.objectType.title', message: 'Заполните поле' },
      { path: 'steps.repairType.options.0.label', message: 'Не длиннее 80 символов' },
      { path: 'steps.rooms.max', message: 'Не меньше 1' },
      { path: 'steps.timing.options', message: 'Нужно хотя бы 2 варианта' },
      { path: 'pricing.replanning.yes', message: 'Не меньше 0' },
    ]);
  });

  it('refuses a required step switched off, a bad option code and a field it does not know', () => {
    const config = structuredClone(DEFAULT_FUNNEL);
    Object.assign(config.steps.area, { enabled: false });
    Object.assign(config.steps.designProject.options[0] ?? {}, { id: 'Да' });
    Object.assign(config.steps.contacts, { tenantId: 'another' });
    expect(funnelProblems(config)).toEqual([
      { path: 'steps.area.enabled', message: 'Некорректное значение' },
      {
        path: 'steps.designProject.options.0.id',
        message: 'Код варианта: латинские буквы, цифры и «_», начиная с буквы',
      },
      { path: 'steps.contacts', message: 'Поле «tenantId» не поддерживается' },
    ]);
  });

  it('refuses options repeated in a step, by code or by name', () => {
    expect(
      changed((config) => {
        config.steps.objectType.options.push({ id: 'house', label: 'Дача' }, { id: 'cottage', label: 'частный дом' });
        config.pricing.perM2.cottage = { cosmetic: 1, capital: 2, designer: 3 };
      }),
    ).toEqual([
      { path: 'steps.objectType.options.3.id', message: 'Код «house» уже есть у другого варианта' },
      { path: 'steps.objectType.options.4.label', message: 'Вариант «частный дом» уже есть' },
    ]);
  });

  it('wants a price behind every option that prices, and ranges the right way round', () => {
    expect(
      changed((config) => {
        config.steps.area.min = 200;
        config.steps.area.max = 100;
        config.pricing.rangePercent = { low: 20, high: 10 };
        config.steps.repairType.options.push({ id: 'premium', label: 'Премиум' });
        config.steps.replanning.options.push({ id: 'partial', label: 'Частично' });
        config.steps.timing.options.push({ id: 'spring', label: 'Весной' });
        config.steps.designProject.options.push({ id: 'sketch', label: 'Эскиз' });
        config.steps.designProject.enabled = false;
      }),
    ).toEqual([
      { path: 'steps.area.min', message: 'Минимальная площадь больше максимальной' },
      { path: 'pricing.rangePercent.low', message: 'Нижняя граница вилки выше верхней' },
      { path: 'pricing.perM2.new_build.premium', message: 'Нет цены за м² для «Новостройка» — «Премиум»' },
      { path: 'pricing.perM2.secondary.premium', message: 'Нет цены за м² для «Вторичное жильё» — «Премиум»' },
      { path: 'pricing.perM2.house.premium', message: 'Нет цены за м² для «Частный дом» — «Премиум»' },
      { path: 'pricing.replanning.partial', message: 'Нет цены для варианта «Частично» (Перепланировка)' },
      // The design project is off: its new option needs no price yet.
      { path: 'pricing.timingPercent.spring', message: 'Нет наценки для варианта «Весной» (Сроки)' },
    ]);
  });

  it('wants every step once in the order, the contacts last', () => {
    const order = (ids: string[]) => changed((config) => Object.assign(config, { order: ids }));
    const builtIn = ['objectType', 'repairType', 'area', 'rooms', 'replanning', 'designProject', 'timing'];
    expect(order([...builtIn, 'contacts'])).toEqual([]);
    expect(order(builtIn)).toEqual([{ path: 'order', message: 'В порядке шагов нет шага «Контакты»' }]);
    expect(order(['contacts', ...builtIn])).toEqual([
      { path: 'order', message: 'Контакты должны быть последним шагом' },
    ]);
    expect(order([...builtIn, 'timing', 'contacts'])).toEqual([
      { path: 'order', message: 'Шаг «Сроки» стоит в порядке дважды' },
    ]);
    expect(order([...builtIn, 'q_ghost', 'contacts'])).toEqual([
      { path: 'order', message: 'В порядке шагов неизвестный шаг «q_ghost»' },
    ]);
  });

  it('checks the company’s own questions by their kind', () => {
    const custom = (steps: unknown[]) => changed((config) => Object.assign(config, { custom: steps }));
    const base = { title: 'Вопрос?', label: 'Вопрос', enabled: true };
    expect(
      custom([
        { ...base, id: 'q_rooms', kind: 'multiple' },
        {
          ...base,
          id: 'q_rooms',
          kind: 'text',
          options: [
            { id: 'a', label: 'А' },
            { id: 'b', label: 'Б' },
          ],
        },
        { ...base, id: 'q_floor', kind: 'number', min: 10, max: 2 },
        { ...base, id: 'q_size', kind: 'number' },
      ]),
    ).toEqual([
      { path: 'custom.0.options', message: 'Нужно хотя бы 2 варианта' },
      { path: 'custom.1.id', message: 'Код «q_rooms» уже есть у другого вопроса' },
      { path: 'custom.1.options', message: 'Варианты бывают только у вопроса с выбором' },
      { path: 'custom.2.min', message: 'Наименьшее число больше наибольшего' },
      { path: 'custom.3.min', message: 'Укажите наименьшее число' },
      { path: 'custom.3.max', message: 'Укажите наибольшее число' },
    ]);
    expect(custom([{ ...base, id: 'rooms', kind: 'text' }])).toEqual([
      { path: 'custom.0.id', message: 'Код вопроса: q_ и латинские буквы, цифры или «_»' },
    ]);
    expect(changed((config) => Object.assign(config.steps.contacts, { consentUrl: 'javascript:alert(1)' }))).toEqual([
      { path: 'steps.contacts.consentUrl', message: 'Ссылка вида https://company.ru/privacy' },
    ]);
  });

  it('says what it wants of something that is not a funnel at all', () => {
    expect(funnelProblems(null)).toEqual([{ path: '', message: 'Некорректное значение' }]);
  });
});

describe('computeEstimate', () => {
  it('prices what the editor previews with the figures the widget gives', () => {
    const estimate = computeEstimate(DEFAULT_FUNNEL, {
      objectType: 'secondary',
      repairType: 'capital',
      area: 54,
      rooms: 2,
      replanning: 'no',
      designProject: 'no',
      timing: 'month',
    });
    expect(estimate.total).toBe(567_000);
  });
});
