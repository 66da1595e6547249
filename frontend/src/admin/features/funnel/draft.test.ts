import { funnelProblems } from '@aimax/backend/funnel-rules';
import { describe, expect, it } from 'vitest';
import {
  addOption,
  isDefaultCard,
  moveOption,
  newOptionId,
  numberText,
  optionPricePath,
  parseNumber,
  perM2Path,
  removeOption,
  renameOption,
  resetCard,
  sameFunnel,
  setNumber,
  setPrice,
  setStepEnabled,
  slugOf,
} from './draft';
import { aFunnel } from './fixtures';

describe('option codes', () => {
  it('are the label in Latin letters', () => {
    expect(slugOf('Коммерческое помещение')).toBe('kommercheskoe_pomeshchenie');
    expect(slugOf('Ёлка, 2 этажа')).toBe('elka_2_etazha');
    expect(slugOf('Подъезд')).toBe('podezd');
    expect(slugOf('  Office #1 ')).toBe('office_1');
  });

  it('start with a letter, or fall back to option_N', () => {
    expect(slugOf('100 м²')).toBe('');
    expect(newOptionId('100 м²', ['flat', 'house'])).toBe('option_3');
    expect(newOptionId('', ['option_3', 'a', 'b'])).toBe('option_4');
  });

  it('never repeat one the step has', () => {
    expect(newOptionId('Дом', ['dom'])).toBe('dom_2');
    expect(newOptionId('Дом', ['dom', 'dom_2'])).toBe('dom_3');
  });

  it('fit the pattern the server checks', () => {
    for (const label of ['Таунхаус', 'Квартира-студия', 'Офис 2.0', '№5', 'Дом у моря!']) {
      expect(newOptionId(label, [])).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });
});

describe('editing options keeps the prices in step', () => {
  it('adds an object type with its prices per m² left for the owner to fill in', () => {
    const funnel = addOption(aFunnel(), 'objectType', '  Офис ');
    expect(funnel.steps.objectType.options.at(-1)).toEqual({ id: 'ofis', label: 'Офис' });
    expect(funnelProblems(funnel).map((problem) => problem.path)).toEqual([
      'pricing.perM2.ofis.cosmetic',
      'pricing.perM2.ofis.capital',
    ]);
  });

  it('adds a repair type with an empty price in every object type', () => {
    const funnel = addOption(aFunnel(), 'repairType', 'Дизайнерский');
    expect(funnelProblems(funnel).map((problem) => problem.path)).toEqual([
      'pricing.perM2.flat.dizaynerskiy',
      'pricing.perM2.house.dizaynerskiy',
    ]);
  });

  it('adds an option of an optional step without a price', () => {
    const funnel = addOption(aFunnel(), 'timing', 'Через год');
    expect(funnelProblems(funnel).map((problem) => problem.path)).toEqual(['pricing.timingPercent.cherez_god']);
  });

  it('removes an object type with its row of prices', () => {
    const funnel = removeOption(aFunnel(), 'objectType', 0);
    expect(funnel.steps.objectType.options.map((option) => option.id)).toEqual(['house']);
    expect(funnel.pricing.perM2).toEqual({ house: { cosmetic: 5000, capital: 9000 } });
  });

  it('removes a repair type from every object type', () => {
    const funnel = removeOption(aFunnel(), 'repairType', 1);
    expect(funnel.pricing.perM2).toEqual({ flat: { cosmetic: 4000 }, house: { cosmetic: 5000 } });
  });

  it('removes an optional step’s option with its price', () => {
    const funnel = removeOption(aFunnel(), 'designProject', 0);
    expect(funnel.pricing.designProjectPerM2).toEqual({ no: 0 });
    expect(funnelProblems(funnel)[0]?.path).toBe('steps.designProject.options');
  });

  it('renames and reorders without touching the codes the prices are keyed by', () => {
    const funnel = moveOption(renameOption(aFunnel(), 'objectType', 1, 'Частный дом'), 'objectType', 1, -1);
    expect(funnel.steps.objectType.options).toEqual([
      { id: 'house', label: 'Частный дом' },
      { id: 'flat', label: 'Квартира' },
    ]);
    expect(funnel.pricing.perM2).toEqual(aFunnel().pricing.perM2);
    expect(moveOption(funnel, 'objectType', 0, -1)).toBe(funnel);
  });

  it('leaves the funnel it was given as it was', () => {
    const funnel = aFunnel();
    removeOption(addOption(funnel, 'objectType', 'Офис'), 'repairType', 0);
    expect(funnel).toEqual(aFunnel());
  });
});

describe('prices and numbers', () => {
  it('clears a price left empty, which the rules then ask for', () => {
    const funnel = setPrice(aFunnel(), perM2Path('flat', 'capital'), undefined);
    expect(funnel.pricing.perM2.flat).toEqual({ cosmetic: 4000 });
    expect(funnelProblems(funnel).map((problem) => problem.path)).toEqual(['pricing.perM2.flat.capital']);
    const priced = setPrice(funnel, optionPricePath('replanning', 'yes'), 75_000);
    expect(priced.pricing.replanning).toEqual({ yes: 75_000, no: 0 });
  });

  it('keeps a number left empty as NaN, refused by the rules', () => {
    const funnel = setNumber(aFunnel(), 'steps.area.max', undefined);
    expect(funnel.steps.area.max).toBeNaN();
    expect(funnelProblems(funnel).map((problem) => problem.path)).toEqual(['steps.area.max']);
  });

  it('reads numbers as people type them', () => {
    expect(parseNumber('1 500')).toBe(1500);
    expect(parseNumber('12\u00a0000')).toBe(12_000);
    expect(parseNumber('2,5')).toBe(2.5);
    expect(parseNumber('-10')).toBe(-10);
    expect(parseNumber('−5')).toBe(-5);
    expect(parseNumber('  ')).toBeUndefined();
    expect(parseNumber('12 руб')).toBeNaN();
    expect(parseNumber('2,5', true)).toBeNaN();
    expect(parseNumber('3', true)).toBe(3);
  });

  it('shows numbers the way it reads them', () => {
    expect(numberText(15_000)).toBe('15\u00a0000');
    expect(numberText(2.5)).toBe('2,5');
    expect(numberText(undefined)).toBe('');
    expect(numberText(Number.NaN)).toBe('');
    for (const value of [4500, 1_234_567.5, -10, 0.25]) expect(parseNumber(numberText(value))).toBe(value);
  });
});

describe('starting a card over from the default funnel', () => {
  const defaults = aFunnel();

  it('brings back an optional step’s options and prices, asked or not as the owner left it', () => {
    const edited = setStepEnabled(
      removeOption(addOption(defaults, 'replanning', 'Частично'), 'replanning', 0),
      'replanning',
      false,
    );
    const reset = resetCard(edited, defaults, 'replanning');
    expect(reset.steps.replanning).toEqual({ ...defaults.steps.replanning, enabled: false });
    expect(reset.pricing.replanning).toEqual(defaults.pricing.replanning);
    expect(isDefaultCard(reset, defaults, 'replanning')).toBe(true);
  });

  it('brings back the object types with their default prices, the owner’s repair types kept', () => {
    const edited = addOption(removeOption(defaults, 'objectType', 1), 'repairType', 'Элитный');
    const priced = setPrice(edited, perM2Path('flat', 'elitnyy'), 20_000);
    const reset = resetCard(priced, defaults, 'objectType');
    expect(reset.steps.objectType).toEqual(defaults.steps.objectType);
    expect(reset.pricing.perM2).toEqual({
      flat: { cosmetic: 4000, capital: 8000, elitnyy: 20_000 },
      house: { cosmetic: 5000, capital: 9000 },
    });
  });

  it('brings back the prices per m² and the range', () => {
    const edited = setNumber(setPrice(defaults, perM2Path('house', 'capital'), 1), 'pricing.rangePercent.low', -30);
    expect(isDefaultCard(edited, defaults, 'prices')).toBe(false);
    expect(resetCard(edited, defaults, 'prices')).toEqual(defaults);
  });
});

describe('sameFunnel', () => {
  it('does not mind the order prices were typed in', () => {
    const funnel = aFunnel();
    const retyped = setPrice(
      setPrice(funnel, perM2Path('flat', 'cosmetic'), undefined),
      perM2Path('flat', 'cosmetic'),
      4000,
    );
    expect(Object.keys(retyped.pricing.perM2.flat ?? {})).toEqual(['capital', 'cosmetic']);
    expect(sameFunnel(retyped, funnel)).toBe(true);
  });

  it('sees a changed label, option order or switch', () => {
    const funnel = aFunnel();
    expect(sameFunnel(renameOption(funnel, 'timing', 0, 'Срочно'), funnel)).toBe(false);
    expect(sameFunnel(moveOption(funnel, 'timing', 0, 1), funnel)).toBe(false);
    expect(sameFunnel(setStepEnabled(funnel, 'timing', false), funnel)).toBe(false);
  });
});
