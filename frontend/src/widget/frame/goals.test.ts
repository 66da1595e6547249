import { describe, expect, it } from 'vitest';
import { goalName } from './goals';

const metrika = {
  counterId: '98765432',
  goals: { opened: 'chat_open', step: 'quiz_{step}', contacts: 'lead', estimate: 'pdf' },
};

describe('goalName', () => {
  it('names the company’s goals, with the step’s id in the step goal', () => {
    expect(goalName(metrika, 'opened')).toBe('chat_open');
    expect(goalName(metrika, 'step', 'area')).toBe('quiz_area');
    expect(goalName(metrika, 'estimate')).toBe('pdf');
  });

  it('names none without a counter', () => {
    expect(goalName(null, 'opened')).toBeNull();
  });
});
