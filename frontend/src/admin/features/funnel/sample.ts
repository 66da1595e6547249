// The price preview: sample answers the owner picks, priced by the funnel being edited with the
// same function the server prices visitors' answers with, so the figures are the widget's.
import type { Estimate, FunnelAnswers, FunnelConfig, FunnelOption } from '@aimax/backend/contracts';
import { computeEstimate } from '@aimax/backend/funnel-pricing';
import { CHOICE_STEPS, type ChoiceStepId, isOptionalStep } from './draft';

/** The sample answers: an option id per choice, the area and rooms as numbers (undefined while empty). */
export interface Sample {
  choices: Partial<Record<ChoiceStepId, string>>;
  area: number | undefined;
  rooms: number | undefined;
}

const SAMPLE_AREA = 60;
const SAMPLE_ROOMS = 2;

export function initialSample(config: FunnelConfig): Sample {
  const { min, max } = config.steps.area;
  return { choices: {}, area: Math.min(Math.max(SAMPLE_AREA, min), max), rooms: SAMPLE_ROOMS };
}

const firstId = (options: readonly FunnelOption[]) => options[0]?.id ?? '';

/** The option picked for a choice, or its first while none is (or the picked one has since been removed). */
export function sampleChoice(config: FunnelConfig, sample: Sample, step: ChoiceStepId): string {
  const { options } = config.steps[step];
  const picked = sample.choices[step];
  return options.some((option) => option.id === picked) ? (picked as string) : firstId(options);
}

/** The sample as a visitor's answers: the steps switched off are not asked, so not answered. */
export function sampleAnswers(config: FunnelConfig, sample: Sample): FunnelAnswers {
  const answers: FunnelAnswers = { area: sample.area, rooms: sample.rooms };
  for (const step of CHOICE_STEPS) {
    if (!isOptionalStep(step) || config.steps[step].enabled) answers[step] = sampleChoice(config, sample, step);
  }
  return answers;
}

export type SampleEstimate =
  | { kind: 'estimate'; estimate: Estimate }
  /** The sample lacks the area or the rooms. */
  | { kind: 'incomplete' }
  /** The funnel has problems: it cannot be priced until they are fixed. */
  | { kind: 'invalid' };

/** The estimate of the sample, when the funnel is free of problems (`valid`) and the sample complete. */
export function estimateSample(config: FunnelConfig, sample: Sample, valid: boolean): SampleEstimate {
  if (!valid) return { kind: 'invalid' };
  const positive = (value: number | undefined) => value !== undefined && Number.isFinite(value) && value > 0;
  if (!positive(sample.area) || !positive(sample.rooms)) return { kind: 'incomplete' };
  return { kind: 'estimate', estimate: computeEstimate(config, sampleAnswers(config, sample)) };
}
