// «Пример расчёта»: the estimate that answers the owner picks as a visitor would get under the
// prices being typed, recomputed at every keystroke; the answers are in the order the chat asks. The answers fold to one line under it, so
// the estimate and the chat preview fit beside the cards. While the funnel has problems it cannot
// be priced, and the first of them is named.
import type { FunnelConfig } from '@aimax/backend/contracts';
import { Calculator, ChevronDown } from 'lucide-react';
import { useState } from 'react';
import { formatCount, formatRubles } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';
import { SelectField } from '@/lib/ui/SelectField';
import { type ChoiceStepId, isAsked, isChoiceStep, numberText, stepsInOrder } from './draft';
import { NumberField } from './NumberField';
import { type Sample, type SampleEstimate, sampleChoice } from './sample';

interface PricePreviewProps {
  config: FunnelConfig;
  sample: Sample;
  onSample(sample: Sample): void;
  estimate: SampleEstimate;
  /** What stops the funnel from being priced, when something does. */
  firstProblem: string | undefined;
}

export function PricePreview({ config, sample, onSample, estimate, firstProblem }: PricePreviewProps) {
  const text = t.funnel.sample;
  const [editing, setEditing] = useState(false);
  // The priced steps the chat asks, in its order.
  const asked = stepsInOrder(config).filter(
    (step): step is ChoiceStepId | 'area' | 'rooms' =>
      (isChoiceStep(step) || step === 'area' || step === 'rooms') && isAsked(config, step),
  );
  const labelOf = (step: ChoiceStepId) => {
    const options = config.steps[step].options;
    const index = options.findIndex((option) => option.id === sampleChoice(config, sample, step));
    return options[index]?.label.trim() || t.funnel.options.label(index + 1);
  };
  const answers = asked
    .map((step) =>
      step === 'area'
        ? text.areaAnswer(numberText(sample.area) || t.common.noValue)
        : step === 'rooms'
          ? text.roomsAnswer(numberText(sample.rooms) || t.common.noValue)
          : labelOf(step),
    )
    .join(' · ');

  return (
    <Card aria-labelledby="funnel-sample-title">
      <CardHeader titleId="funnel-sample-title" title={text.title} description={text.description} />
      <div className="px-5 py-4">
        {estimate.kind === 'estimate' ? (
          <>
            <p className="text-[13px] text-zinc-500">{text.result}</p>
            <p className="mt-0.5 text-xl font-semibold tracking-tight text-zinc-900 tabular-nums">
              {text.range(formatCount(estimate.estimate.range.min), formatRubles(estimate.estimate.range.max))}
            </p>
            <ul className="mt-3 space-y-2">
              {estimate.estimate.lines.map((line) => (
                <li key={line.title} className="flex items-start justify-between gap-3 text-[13px]">
                  <span className="min-w-0">
                    <span className="font-medium text-zinc-800">{line.title}</span>
                    <span className="block text-zinc-500">{line.details}</span>
                  </span>
                  <span className="shrink-0 whitespace-nowrap text-zinc-800 tabular-nums">
                    {formatRubles(line.amount)}
                  </span>
                </li>
              ))}
              <li className="flex justify-between gap-3 border-t border-dashed border-zinc-200 pt-2 text-sm font-semibold text-zinc-900">
                {text.total}
                <span className="whitespace-nowrap tabular-nums">{formatRubles(estimate.estimate.total)}</span>
              </li>
            </ul>
          </>
        ) : (
          <p className="flex items-start gap-2.5 text-[13px] text-zinc-600">
            <Calculator aria-hidden size={16} className="mt-px shrink-0 text-zinc-400" />
            <span>
              {estimate.kind === 'invalid' ? text.invalid : text.incomplete}
              {estimate.kind === 'invalid' && firstProblem && (
                <span className="mt-0.5 block text-red-700">{firstProblem}</span>
              )}
            </span>
          </p>
        )}
      </div>
      <div className="rounded-b-xl border-t border-zinc-100 bg-zinc-50/70">
        <button
          type="button"
          aria-expanded={editing}
          aria-controls="funnel-sample-answers"
          onClick={() => setEditing((value) => !value)}
          className="focus-visible:outline-brand-500 flex w-full items-center gap-3 rounded-b-xl px-5 py-3 text-left focus-visible:outline-2 focus-visible:-outline-offset-2"
        >
          <span className="min-w-0 flex-1">
            <span className="block text-[13px] font-medium text-zinc-800">{text.answers}</span>
            <span className="block truncate text-[13px] text-zinc-500">{answers}</span>
          </span>
          <ChevronDown
            aria-hidden
            size={16}
            className={cx('shrink-0 text-zinc-400 transition-transform', editing && 'rotate-180')}
          />
        </button>
        {editing && (
          <div id="funnel-sample-answers" className="grid gap-4 px-5 pt-1 pb-5 sm:grid-cols-2">
            {asked.map((step) =>
              step === 'area' ? (
                <NumberField
                  key={step}
                  name="sample.area"
                  label={text.area}
                  value={sample.area}
                  onChange={(area) => onSample({ ...sample, area })}
                />
              ) : step === 'rooms' ? (
                <NumberField
                  key={step}
                  name="sample.rooms"
                  label={text.rooms}
                  integer
                  value={sample.rooms}
                  onChange={(rooms) => onSample({ ...sample, rooms })}
                />
              ) : (
                <SelectField
                  key={step}
                  name={`sample.${step}`}
                  label={t.funnel.cards.names[step]}
                  value={sampleChoice(config, sample, step)}
                  onChange={(event) =>
                    onSample({ ...sample, choices: { ...sample.choices, [step]: event.target.value } })
                  }
                  options={config.steps[step].options.map((option, index) => ({
                    value: option.id,
                    label: option.label.trim() || t.funnel.options.label(index + 1),
                  }))}
                />
              ),
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
