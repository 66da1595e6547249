import { funnelProblems } from '@aimax/backend/funnel-rules';
import { describe, expect, it } from 'vitest';
import {
  addCustomStep,
  addOption,
  CUSTOM_KINDS,
  customStep,
  isDefaultCard,
  moveOption,
  moveStep,
  nameNewQuestions,
  newCustomId,
  newOptionId,
  numberText,
  optionPricePath,
  parseNumber,
  perM2Path,
  removeCustomStep,
  removeOption,
  renameOption,
  reorderSteps,
  resetCard,
  type StepKey,
  sameFunnel,
  sameSteps,
  setCustomTitle,
  setHint,
  setNumber,
  setPrice,
  setStepEnabled,
  slugOf,
  stepsInOrder,
  updateCustomStep,
} from './draft';
import { aFunnel } from './funnel.fixtures';

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

describe('the order of the steps', () => {
  const built: StepKey[] = ['objectType', 'repairType', 'area', 'rooms', 'replanning', 'designProject', 'timing'];

  it('is the built-in one while none is written, the own questions before the contacts', () => {
    expect(stepsInOrder(aFunnel())).toEqual([...built, 'contacts']);
    const funnel = addCustomStep(aFunnel(), 'text', 'q_comment');
    expect(stepsInOrder({ ...funnel, order: undefined })).toEqual([...built, 'q_comment', 'contacts']);
  });

  it('moves a step up or down, writing the whole order', () => {
    const funnel = moveStep(aFunnel(), 'timing', -1);
    expect(funnel.order).toEqual([...built.slice(0, 5), 'timing', 'designProject', 'contacts']);
    expect(funnelProblems(funnel)).toEqual([]);
    expect(moveStep(funnel, 'timing', 1).order).toEqual([...built, 'contacts']);
  });

  it('keeps the contacts last: they do not move, and nothing moves past them', () => {
    const funnel = aFunnel();
    expect(moveStep(funnel, 'contacts', -1)).toBe(funnel);
    expect(moveStep(funnel, 'timing', 1)).toBe(funnel);
    expect(moveStep(funnel, 'objectType', -1)).toBe(funnel);
    expect(reorderSteps(funnel, ['contacts', 'area', ...built.filter((id) => id !== 'area')]).order).toEqual([
      'area',
      ...built.filter((id) => id !== 'area'),
      'contacts',
    ]);
  });

  it('shows an order with a step twice or missing one with each step once, the contacts last', () => {
    const funnel = { ...aFunnel(), order: ['area', 'area', 'contacts', 'objectType'] };
    expect(funnelProblems(funnel).map((problem) => problem.path)).toEqual(['order']);
    expect(stepsInOrder(funnel)).toEqual([
      'area',
      'objectType',
      ...built.filter((id) => !['area', 'objectType'].includes(id)),
      'contacts',
    ]);
  });

  it('is the same funnel written out or not', () => {
    const funnel = aFunnel();
    expect(sameSteps({ ...funnel, order: stepsInOrder(funnel), custom: [] }, funnel)).toBe(true);
    expect(sameSteps(moveStep(funnel, 'rooms', -1), funnel)).toBe(false);
  });
});

describe('questions of the company’s own', () => {
  it('are added before the contacts, in the order, for the owner to write', () => {
    const funnel = addCustomStep(aFunnel(), 'multiple', 'q_question_1');
    expect(funnel.custom).toEqual([
      { id: 'q_question_1', kind: 'multiple', title: '', label: '', enabled: true, options: [] },
    ]);
    expect(funnel.order?.slice(-2)).toEqual(['q_question_1', 'contacts']);
    expect(funnelProblems(funnel).map((problem) => problem.path)).toEqual(
      expect.arrayContaining(['custom.0.title', 'custom.0.label', 'custom.0.options']),
    );
  });

  it('of every kind can be saved once written', () => {
    let funnel = aFunnel();
    for (const [index, kind] of CUSTOM_KINDS.entries()) {
      const id = `q_${kind}` as const;
      funnel = setCustomTitle(addCustomStep(funnel, kind, id), id, `Вопрос ${index}?`);
      if (kind === 'single' || kind === 'multiple') funnel = addOption(addOption(funnel, id, 'Да'), id, 'Нет');
    }
    expect(funnel.custom?.map((step) => step.label)).toEqual(['Вопрос 0', 'Вопрос 1', 'Вопрос 2', 'Вопрос 3']);
    expect(funnel.custom?.[2]).toMatchObject({ min: 1, max: 100, integer: true });
    expect(funnelProblems(funnel)).toEqual([]);
  });

  it('take their short name from the text until the owner writes one', () => {
    const id = 'q_rooms';
    let funnel = setCustomTitle(addCustomStep(aFunnel(), 'single', id), id, 'Какие помещения ремонтируем?');
    expect(customStep(funnel, id)?.label).toBe('Какие помещения ремонтируем');
    funnel = updateCustomStep(funnel, id, { label: 'Помещения' });
    funnel = setCustomTitle(funnel, id, 'Что ремонтируем?');
    expect(customStep(funnel, id)).toMatchObject({ title: 'Что ремонтируем?', label: 'Помещения' });
  });

  it('are removed with their place in the order, and the funnel is as before', () => {
    const funnel = aFunnel();
    const added = addCustomStep(addCustomStep(funnel, 'text', 'q_a'), 'number', 'q_b');
    const removed = removeCustomStep(added, 'q_a');
    expect(removed.custom?.map((step) => step.id)).toEqual(['q_b']);
    expect(removed.order?.slice(-2)).toEqual(['q_b', 'contacts']);
    expect(sameSteps(removeCustomStep(removed, 'q_b'), funnel)).toBe(true);
  });

  it('have options without prices', () => {
    const funnel = addOption(addCustomStep(aFunnel(), 'single', 'q_floor'), 'q_floor', 'Первый');
    expect(customStep(funnel, 'q_floor')?.options).toEqual([{ id: 'pervyy', label: 'Первый' }]);
    expect(removeOption(funnel, 'q_floor', 0).pricing).toEqual(aFunnel().pricing);
  });

  it('have a hint, and none once it is cleared', () => {
    const funnel = setHint(addCustomStep(aFunnel(), 'text', 'q_a'), 'q_a', 'Например, 3 этаж');
    expect(customStep(funnel, 'q_a')?.hint).toBe('Например, 3 этаж');
    expect(customStep(setHint(funnel, 'q_a', ''), 'q_a')).not.toHaveProperty('hint');
    expect(setHint(aFunnel(), 'area', 'Можно примерно').steps.area.hint).toBe('Можно примерно');
  });
});

describe('question ids', () => {
  it('are q_ and the short name in Latin letters, never repeated', () => {
    expect(newCustomId('Помещения', [])).toBe('q_pomeshcheniya');
    expect(newCustomId('Помещения', ['q_pomeshcheniya'])).toBe('q_pomeshcheniya_2');
    expect(newCustomId('', ['q_question_1'])).toBe('q_question_2');
  });

  it('keep to 40 characters after q_, a suffix included', () => {
    const long = 'Очень длинное название вопроса про помещения';
    const taken = [newCustomId(long, [])];
    const second = newCustomId(long, taken);
    for (const id of [...taken, second]) expect(id).toMatch(/^q_[a-z0-9_]{1,40}$/);
    expect(second).not.toBe(taken[0]);
    expect(second.endsWith('_2')).toBe(true);
  });

  it('are given to the new questions from their names on a save, the saved ones kept', () => {
    const saved = updateCustomStep(
      setCustomTitle(addCustomStep(aFunnel(), 'text', 'q_old'), 'q_old', 'Этаж?'),
      'q_old',
      {
        label: 'Этаж',
      },
    );
    const draft = updateCustomStep(
      setCustomTitle(addCustomStep(saved, 'multiple', 'q_question_2'), 'q_question_2', 'Какие помещения?'),
      'q_question_2',
      { label: 'Помещения' },
    );
    const named = nameNewQuestions(draft, saved);
    expect(named.custom?.map((step) => step.id)).toEqual(['q_old', 'q_pomeshcheniya']);
    expect(named.order?.slice(-3)).toEqual(['q_old', 'q_pomeshcheniya', 'contacts']);
    expect(nameNewQuestions(named, named)).toBe(named);
  });
});
