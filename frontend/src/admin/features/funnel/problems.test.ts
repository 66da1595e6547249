import type { FunnelConfig } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { cardOf, countsByCard, fieldOf, messagesByField, placeProblems, problemsOfFields } from './problems';

describe('where a problem is shown', () => {
  it.each([
    ['steps.objectType.options.1.label', 'objectType'],
    ['steps.repairType.title', 'repairType'],
    ['steps.area.min', 'area'],
    ['steps.timing.options', 'timing'],
    ['steps.contacts.consentText', 'contacts'],
    ['pricing.perM2.new_build.cosmetic', 'prices'],
    ['pricing.perM2.new_build', 'prices'],
    ['pricing.rangePercent.low', 'prices'],
    ['pricing.includedRooms', 'rooms'],
    ['pricing.perExtraRoomPercent', 'rooms'],
    ['pricing.replanning.yes', 'replanning'],
    ['pricing.designProjectPerM2.yes', 'designProject'],
    ['pricing.timingPercent.asap', 'timing'],
  ])('%s is on the card %s', (path, card) => {
    expect(cardOf(path)).toBe(card);
  });

  it.each(['', 'version', 'steps', 'steps.unknown.title', 'pricing', 'pricing.discount'])(
    '«%s» is on no card, only in the list above them',
    (path) => {
      expect(cardOf(path)).toBeNull();
    },
  );

  it('puts a problem of a question of the company’s on its card, and the order on none', () => {
    const funnel = { custom: [{ id: 'q_floor' }, { id: 'q_rooms' }] } as unknown as FunnelConfig;
    expect(cardOf('custom.1.options.0.label', funnel)).toBe('q_rooms');
    expect(cardOf('custom.0.min', funnel)).toBe('q_floor');
    expect(cardOf('custom.5.title', funnel)).toBeNull();
    expect(cardOf('custom', funnel)).toBeNull();
    expect(cardOf('order', funnel)).toBeNull();
  });

  it('puts a problem with an option’s code under its label, the code not being edited', () => {
    expect(fieldOf('custom.1.options.0.id')).toBe('custom.1.options.0.label');
    expect(fieldOf('custom.1.id')).toBe('custom.1.label');
    expect(fieldOf('steps.timing.options.2.id')).toBe('steps.timing.options.2.label');
    expect(fieldOf('steps.timing.options.2.label')).toBe('steps.timing.options.2.label');
    expect(fieldOf('pricing.perM2.flat.id')).toBe('pricing.perM2.flat.id');
  });
});

describe('placeProblems', () => {
  const funnel = {
    steps: { area: { min: Number.NaN, max: 500 } },
    pricing: { perM2: { flat: { cosmetic: Number.NaN } } },
  } as unknown as FunnelConfig;

  it('asks for a number where a number field is empty or not a number', () => {
    const placed = placeProblems(
      [
        { path: 'steps.area.min', message: 'Некорректное значение' },
        { path: 'pricing.perM2.flat.cosmetic', message: 'Некорректное значение' },
        { path: 'steps.area.max', message: 'Не больше 100000' },
      ],
      funnel,
    );
    expect(placed).toEqual([
      { field: 'steps.area.min', card: 'area', message: 'Введите число' },
      { field: 'pricing.perM2.flat.cosmetic', card: 'prices', message: 'Введите число' },
      { field: 'steps.area.max', card: 'area', message: 'Не больше 100000' },
    ]);
  });

  it('shows one message a field, the first found', () => {
    const placed = placeProblems(
      [
        { path: 'steps.objectType.options.1.id', message: 'Код «flat» уже есть у другого варианта' },
        { path: 'steps.objectType.options.1.label', message: 'Вариант «Квартира» уже есть' },
        { path: 'steps.objectType.title', message: 'Заполните поле' },
      ],
      funnel,
    );
    expect(messagesByField(placed)).toEqual({
      'steps.objectType.options.1.label': 'Код «flat» уже есть у другого варианта',
      'steps.objectType.title': 'Заполните поле',
    });
    expect(countsByCard(placed)).toEqual({ objectType: 2 });
  });

  it('places the server’s field errors as the rules’ problems', () => {
    const fields = { 'pricing.timingPercent.asap': 'Нет наценки', version: 'Некорректное значение' };
    const placed = placeProblems(problemsOfFields(fields), funnel);
    expect(placed).toEqual([
      { field: 'pricing.timingPercent.asap', card: 'timing', message: 'Нет наценки' },
      { field: 'version', card: null, message: 'Некорректное значение' },
    ]);
    expect(countsByCard(placed)).toEqual({ timing: 1 });
  });
});
