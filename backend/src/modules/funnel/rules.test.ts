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
    Object.assign(config.steps.contacts, { consentUrl: 'https://example.ru' });
    expect(funnelProblems(config)).toEqual([
      { path: 'steps.area.enabled', message: 'Некорректное значение' },
      {
        path: 'steps.designProject.options.0.id',
        message: 'Код варианта: латинские буквы, цифры и «_», начиная с буквы',
      },
      { path: 'steps.contacts', message: 'Поле «consentUrl» не поддерживается' },
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
