import { describe, expect, it } from 'vitest';
import { DEFAULT_FUNNEL } from '../funnel/funnel.ts';
import type { FunnelConfig } from '../funnel/schemas.ts';
import { stagesOfAnswer } from './funnelEvents.ts';

const without = (...ids: ('replanning' | 'designProject' | 'timing')[]): FunnelConfig => ({
  ...DEFAULT_FUNNEL,
  steps: Object.fromEntries(
    Object.entries(DEFAULT_FUNNEL.steps).map(([id, step]) => [id, { ...step, enabled: !ids.includes(id as never) }]),
  ) as FunnelConfig['steps'],
});

describe('stagesOfAnswer', () => {
  it('starts the dialog with the step answered', () => {
    expect(stagesOfAnswer(DEFAULT_FUNNEL, 'objectType')).toEqual(['started', 'step:objectType']);
    expect(stagesOfAnswer(DEFAULT_FUNNEL, 'designProject')).toEqual(['started', 'step:designProject']);
  });

  it('passes the steps before it that the company turned off', () => {
    expect(stagesOfAnswer(without('replanning'), 'designProject')).toEqual([
      'started',
      'step:replanning',
      'step:designProject',
    ]);
    expect(stagesOfAnswer(without('replanning', 'designProject', 'timing'), 'contacts')).toEqual([
      'started',
      'step:replanning',
      'step:designProject',
      'step:timing',
    ]);
  });

  it('leaves the contacts to the lead, and later steps alone', () => {
    expect(stagesOfAnswer(DEFAULT_FUNNEL, 'contacts')).toEqual(['started']);
    expect(stagesOfAnswer(without('timing'), 'rooms')).toEqual(['started', 'step:rooms']);
  });
});
