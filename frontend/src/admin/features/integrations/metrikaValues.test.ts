import type { MetrikaInput } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { defaultGoals, metrikaChanged, metrikaInputOf, metrikaValuesOf } from './metrikaValues';

const saved: MetrikaInput = { counterId: '', goals: { ...defaultGoals } };

describe('metrikaInputOf', () => {
  it('sends back what was loaded, unchanged', () => {
    expect(metrikaInputOf(metrikaValuesOf(saved))).toEqual({ counterId: '', goals: defaultGoals });
  });

  it('trims the counter and the goal names, and puts the default back for a goal left empty', () => {
    const values = {
      ...metrikaValuesOf(saved),
      counterId: ' 98765432 ',
      'goals.opened': ' chat_open ',
      'goals.contacts': '   ',
    };
    expect(metrikaInputOf(values)).toEqual({
      counterId: '98765432',
      goals: { opened: 'chat_open', step: 'aimax_step_{step}', contacts: 'aimax_lead', estimate: 'aimax_estimate_pdf' },
    });
  });
});

describe('metrikaChanged', () => {
  it('sees nothing to save in what was loaded, or in an emptied goal that falls back to what is saved', () => {
    expect(metrikaChanged(metrikaValuesOf(saved), saved)).toBe(false);
    expect(metrikaChanged({ ...metrikaValuesOf(saved), 'goals.step': '' }, saved)).toBe(false);
  });

  it('sees a new counter and a renamed goal', () => {
    expect(metrikaChanged({ ...metrikaValuesOf(saved), counterId: '12345' }, saved)).toBe(true);
    expect(metrikaChanged({ ...metrikaValuesOf(saved), 'goals.estimate': 'pdf' }, saved)).toBe(true);
  });
});
