// The step being edited as the chat shows it: the bot asks the question (with its hint), and under
// it are the quick replies (to tick several, then «Далее», for a question that allows it), the
// number or text field or the contacts form, in the company's colours; the prices card shows the
// estimate the sample answers get. Purely presentational, like the branding preview.
import type { FunnelConfig, WidgetConfigView } from '@aimax/backend/contracts';
import { ArrowRight, Check, EyeOff, FileText, Send } from 'lucide-react';
import type { ReactNode } from 'react';
import { formatCount, formatRubles } from '@/lib/format';
import { t } from '@/lib/i18n';
import { Card, CardHeader } from '@/lib/ui/Card';
import { cx } from '@/lib/ui/cx';
import { BotAvatar, PreviewChatHeader, primaryStyle } from '../branding/WidgetPreview';
import {
  type CardId,
  type CustomStep,
  customStep,
  isAsked,
  isCustomId,
  questionOf,
  type StepKey,
  stepsInOrder,
} from './draft';
import type { SampleEstimate } from './sample';

interface ChatPreviewProps {
  config: FunnelConfig;
  card: CardId;
  look: WidgetConfigView;
  estimate: SampleEstimate;
}

export function ChatPreview({ config, card, look, estimate }: ChatPreviewProps) {
  const text = t.funnel.preview;
  const asked = card === 'prices' || isAsked(config, card);
  const askedSteps = stepsInOrder(config).filter((step) => isAsked(config, step));
  const question = card === 'prices' ? null : questionOf(config, card);

  return (
    <Card aria-labelledby="funnel-chat-preview-title" className="overflow-hidden">
      <CardHeader titleId="funnel-chat-preview-title" title={text.title} description={text.description} />
      <div className="bg-[length:16px_16px] bg-zinc-100/70 bg-[radial-gradient(var(--color-zinc-200)_1px,transparent_1px)] px-4 py-5 sm:px-8">
        <div className="mx-auto w-full max-w-[360px] overflow-hidden rounded-2xl bg-white shadow-xl ring-1 shadow-zinc-950/10 ring-zinc-950/5">
          <PreviewChatHeader config={look} />
          {card === 'prices' ? (
            <Progress label={text.done} share={1} color={look.primaryColor} />
          ) : asked ? (
            <Progress
              label={text.step(askedSteps.indexOf(card) + 1, askedSteps.length)}
              share={askedSteps.indexOf(card) / askedSteps.length}
              color={look.primaryColor}
            />
          ) : (
            <p className="flex items-center gap-2 border-b border-zinc-100 bg-zinc-100 px-4 py-2.5 text-xs font-medium text-zinc-600">
              <EyeOff aria-hidden size={14} className="shrink-0" />
              {text.notAsked}
            </p>
          )}
          <div className={cx('min-h-56 space-y-3 bg-zinc-50 px-4 py-4', !asked && 'opacity-45 grayscale')}>
            {card === 'prices' ? (
              <EstimatePreview estimate={estimate} look={look} />
            ) : (
              <>
                <BotMessage look={look}>
                  {question?.title || text.noQuestion}
                  {question?.hint && <span className="mt-1 block text-[13px] text-zinc-500">{question.hint}</span>}
                </BotMessage>
                <Answer config={config} card={card} look={look} />
              </>
            )}
          </div>
        </div>
      </div>
    </Card>
  );
}

function Progress({ label, share, color }: { label: string; share: number; color: string }) {
  return (
    <div className="border-b border-zinc-100 bg-white px-4 pt-2.5 pb-3">
      <p className="mb-1.5 text-xs font-medium text-zinc-500">{label}</p>
      <div aria-hidden className="h-1.5 overflow-hidden rounded-full bg-zinc-100">
        <div
          className="h-full rounded-full transition-[width] duration-300"
          style={{ width: `${Math.max(share * 100, 4)}%`, backgroundColor: color }}
        />
      </div>
    </div>
  );
}

function BotMessage({ look, children }: { look: WidgetConfigView; children: ReactNode }) {
  return (
    <div className="flex items-end gap-2">
      <BotAvatar config={look} size="sm" />
      <p className="max-w-[85%] rounded-2xl rounded-bl-md bg-white px-3.5 py-2.5 text-[14px] leading-relaxed [overflow-wrap:anywhere] whitespace-pre-line text-zinc-800 shadow-xs ring-1 ring-zinc-950/5">
        {children}
      </p>
    </div>
  );
}

/** What the visitor answers with, under the question. */
function Answer({ config, card, look }: { config: FunnelConfig; card: StepKey; look: WidgetConfigView }) {
  const text = t.funnel.preview;
  const { steps } = config;
  const button = primaryStyle(look.primaryColor);

  if (isCustomId(card)) {
    const step = customStep(config, card);
    return step ? <CustomAnswer step={step} look={look} /> : null;
  }

  if (card === 'area')
    return <FieldAnswer look={look} unit={text.areaUnit} min={steps.area.min} max={steps.area.max} />;
  if (card === 'rooms') return <FieldAnswer look={look} unit="" min={1} max={steps.rooms.max} />;

  if (card === 'contacts') {
    return (
      <div className="space-y-3 rounded-2xl bg-white p-4 shadow-xs ring-1 ring-zinc-950/5">
        {[
          [text.name, text.namePlaceholder],
          [text.phone, text.phonePlaceholder],
        ].map(([label, placeholder]) => (
          <div key={label}>
            <p className="mb-1.5 text-sm font-medium text-zinc-800">{label}</p>
            <p className="flex h-11 items-center rounded-xl border border-zinc-300 px-3.5 text-sm text-zinc-400">
              {placeholder}
            </p>
          </div>
        ))}
        <p className="flex items-start gap-2.5 text-xs leading-relaxed [overflow-wrap:anywhere] text-zinc-600">
          <span aria-hidden className="mt-0.5 size-4 shrink-0 rounded border border-zinc-400 bg-white" />
          <span>
            {steps.contacts.consentText.trim() || text.noConsent}
            {steps.contacts.consentUrl && (
              <>
                {' '}
                <a
                  href={steps.contacts.consentUrl}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="font-medium underline underline-offset-2"
                  style={{ color: look.primaryColor }}
                >
                  {text.policy}
                </a>
              </>
            )}
          </span>
        </p>
        <p className="flex h-11 items-center justify-center gap-1.5 rounded-xl text-sm font-semibold" style={button}>
          <Send aria-hidden size={16} />
          {text.submitContacts}
        </p>
      </div>
    );
  }

  return <Chips options={steps[card].options} look={look} />;
}

/** A question of the company's own: chips, chips to tick then «Далее», a number or a text field. */
function CustomAnswer({ step, look }: { step: CustomStep; look: WidgetConfigView }) {
  const text = t.funnel.preview;
  switch (step.kind) {
    case 'single':
      return <Chips options={step.options ?? []} look={look} />;
    case 'multiple':
      return (
        <div className="space-y-2">
          <Chips options={step.options ?? []} look={look} multiple />
          <p
            className="ml-auto flex h-10 w-fit items-center gap-1.5 rounded-xl px-4 text-sm font-semibold"
            style={primaryStyle(look.primaryColor)}
          >
            {text.next}
            <ArrowRight aria-hidden size={16} />
          </p>
        </div>
      );
    case 'number':
      return <FieldAnswer look={look} unit={step.unit?.trim() ?? ''} min={step.min} max={step.max} />;
    case 'text':
      return <FieldAnswer look={look} placeholder={text.textAnswer} />;
  }
}

/** The options as quick replies; to tick, with a box each, where several may be picked. */
function Chips({
  options,
  look,
  multiple = false,
}: {
  options: readonly { id: string; label: string }[];
  look: WidgetConfigView;
  multiple?: boolean;
}) {
  const accent = look.accentColor;
  return (
    <ul aria-label={t.funnel.preview.options} className="flex flex-wrap justify-end gap-2 pl-9">
      {options.map((option, index) => (
        <li
          key={option.id}
          className="flex items-center gap-2 rounded-full border-[1.5px] px-4 py-2 text-sm font-medium [overflow-wrap:anywhere] text-zinc-900 shadow-xs"
          style={{ borderColor: accent, backgroundColor: `color-mix(in srgb, ${accent} 10%, white)` }}
        >
          {multiple && (
            <span
              aria-hidden
              className="flex size-4 shrink-0 items-center justify-center rounded border-[1.5px] bg-white"
              style={{ borderColor: accent, color: accent }}
            >
              {index === 0 && <Check size={12} strokeWidth={3} />}
            </span>
          )}
          {option.label.trim() || t.funnel.options.label(index + 1)}
        </li>
      ))}
    </ul>
  );
}

/** A field to type the answer in, with «Далее»: a number with its unit and range, or a short text. */
function FieldAnswer({
  look,
  unit = '',
  min,
  max,
  placeholder,
}: {
  look: WidgetConfigView;
  unit?: string;
  min?: number;
  max?: number;
  placeholder?: string;
}) {
  const text = t.funnel.preview;
  const number = placeholder === undefined;
  return (
    <div className="rounded-2xl bg-white p-3 shadow-xs ring-1 ring-zinc-950/5">
      <div className="flex gap-2">
        <span
          className={cx(
            'flex h-11 min-w-0 flex-1 items-center rounded-xl border border-zinc-300 px-3.5 text-sm text-zinc-400',
            number && 'justify-end',
          )}
        >
          <span className="truncate">{number ? unit : placeholder}</span>
        </span>
        <span
          className="flex h-11 shrink-0 items-center gap-1.5 rounded-xl px-4 text-sm font-semibold"
          style={primaryStyle(look.primaryColor)}
        >
          {text.next}
          <ArrowRight aria-hidden size={16} />
        </span>
      </div>
      {number && (
        <p className="mt-1.5 text-xs text-zinc-500">{text.numberRange(numberOrDash(min), numberOrDash(max), unit)}</p>
      )}
    </div>
  );
}

const numberOrDash = (value: number | undefined) =>
  value !== undefined && Number.isFinite(value) ? formatCount(value) : t.common.noValue;

/** The estimate card the chat ends with, for the sample answers. */
function EstimatePreview({ estimate, look }: { estimate: SampleEstimate; look: WidgetConfigView }) {
  const text = t.funnel.preview;
  if (estimate.kind !== 'estimate') {
    return <BotMessage look={look}>{estimate.kind === 'invalid' ? text.noEstimate : text.incompleteSample}</BotMessage>;
  }
  const { range, lines, total } = estimate.estimate;
  return (
    <div className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-zinc-950/5">
      <div className="px-4 pt-3.5 pb-4" style={primaryStyle(look.primaryColor)}>
        <p className="flex items-center gap-1.5 text-xs font-medium tracking-wide uppercase opacity-85">
          <FileText aria-hidden size={14} />
          {text.estimateTitle}
        </p>
        <p className="mt-1.5 text-xs opacity-85">{text.estimateRange}</p>
        <p className="text-[22px] leading-tight font-bold tracking-tight tabular-nums">
          {formatCount(range.min)} – {formatRubles(range.max)}
        </p>
      </div>
      <ul className="divide-y divide-zinc-100 px-4">
        {lines.map((line) => (
          <li key={line.title} className="flex items-start justify-between gap-3 py-2.5">
            <div className="min-w-0">
              <p className="text-sm font-medium text-zinc-800">{line.title}</p>
              <p className="mt-0.5 text-xs text-zinc-500">{line.details}</p>
            </div>
            <span className="shrink-0 text-sm whitespace-nowrap text-zinc-800 tabular-nums">
              {formatRubles(line.amount)}
            </span>
          </li>
        ))}
      </ul>
      <div className="mx-4 flex items-baseline justify-between gap-3 border-t border-dashed border-zinc-200 py-3">
        <span className="text-sm font-semibold text-zinc-900">{text.total}</span>
        <span className="text-base font-bold whitespace-nowrap text-zinc-900 tabular-nums">{formatRubles(total)}</span>
      </div>
    </div>
  );
}
