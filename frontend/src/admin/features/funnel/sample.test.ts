import { computeEstimate } from '@aimax/backend/funnel-pricing';
import { describe, expect, it } from 'vitest';
import { removeOption, setNumber, setPrice, setStepEnabled } from './draft';
import { aFunnel } from './funnel.fixtures';
import { estimateSample, initialSample, sampleAnswers, sampleChoice } from './sample';

describe('the sample answers', () => {
  it('start at 60 m² and two rooms, within the funnel’s area', () => {
    expect(initialSample(aFunnel())).toEqual({ choices: {}, area: 60, rooms: 2 });
    expect(initialSample(setNumber(aFunnel(), 'steps.area.min', 100)).area).toBe(100);
  });

  it('take the first option until one is picked, and again once the picked one is removed', () => {
    const sample = { ...initialSample(aFunnel()), choices: { objectType: 'house' } };
    expect(sampleChoice(aFunnel(), sample, 'objectType')).toBe('house');
    expect(sampleChoice(aFunnel(), sample, 'repairType')).toBe('cosmetic');
    expect(sampleChoice(removeOption(aFunnel(), 'objectType', 1), sample, 'objectType')).toBe('flat');
  });

  it('answer only the steps that are asked', () => {
    const funnel = setStepEnabled(aFunnel(), 'replanning', false);
    const sample = { choices: { replanning: 'yes', timing: 'later' }, area: 50, rooms: 3 };
    expect(sampleAnswers(funnel, sample)).toEqual({
      objectType: 'flat',
      repairType: 'cosmetic',
      designProject: 'yes',
      timing: 'later',
      area: 50,
      rooms: 3,
    });
  });
});

describe('estimateSample', () => {
  const sample = { choices: { objectType: 'house', repairType: 'capital', timing: 'soon' }, area: 80, rooms: 4 };

  it('prices the sample as the server prices a visitor’s answers', () => {
    const funnel = aFunnel();
    const result = estimateSample(funnel, sample, true);
    expect(result).toEqual({ kind: 'estimate', estimate: computeEstimate(funnel, sampleAnswers(funnel, sample)) });
    if (result.kind !== 'estimate') throw new Error('no estimate');
    // 80 m² × 9000 ₽, two rooms over the included two (+6 %), asked soon (+10 %); the design project.
    expect(result.estimate.lines.map((line) => line.amount)).toEqual([839_500, 50_000, 120_000]);
  });

  it('follows the prices as they are typed', () => {
    const funnel = setPrice(aFunnel(), 'pricing.perM2.house.capital', 10_000);
    const result = estimateSample(funnel, sample, true);
    expect(result.kind === 'estimate' && result.estimate.lines[0]?.amount).toBe(932_800);
  });

  it('waits for a funnel without problems, and for the area and the rooms', () => {
    expect(estimateSample(aFunnel(), sample, false)).toEqual({ kind: 'invalid' });
    expect(estimateSample(aFunnel(), { ...sample, area: undefined }, true)).toEqual({ kind: 'incomplete' });
    expect(estimateSample(aFunnel(), { ...sample, rooms: Number.NaN }, true)).toEqual({ kind: 'incomplete' });
  });
});
