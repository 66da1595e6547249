// What an open card edits: the step's question, the hint under it and its options or numbers,
// the prices behind them, and a way to start the card over from the default funnel; for a
// question of the company's own, its short name and what its kind needs, and a way to remove it.
// Every input is named after its path in the funnel, so a problem with that path is shown under it.
import type { FunnelConfig } from '@aimax/backend/contracts';
import { ArrowRight, RotateCcw, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { flushSync } from 'react-dom';
import { t } from '@/lib/i18n';
import { Button } from '@/lib/ui/Button';
import { ConfirmDialog } from '@/lib/ui/ConfirmDialog';
import { Switch } from '@/lib/ui/Switch';
import { TextAreaField } from '@/lib/ui/TextAreaField';
import { TextField } from '@/lib/ui/TextField';
import {
  type CardId,
  type CustomId,
  type CustomStep,
  cardName,
  customStep,
  isChoiceStep,
  isDefaultCard,
  type NumberPath,
  perM2Path,
  removeCustomStep,
  resetCard,
  type StepId,
  type StepKey,
  setConsentText,
  setConsentUrl,
  setCustomTitle,
  setHint,
  setNumber,
  setPrice,
  setTitle,
  updateCustomStep,
  valueAt,
} from './draft';
import { NumberField, NumberInput } from './NumberField';
import { type Edit, OptionsEditor } from './OptionsEditor';

interface CardEditorProps {
  card: Exclude<CardId, CustomId>;
  config: FunnelConfig;
  defaults: FunnelConfig;
  messages: Record<string, string>;
  edit: Edit;
  onOpenCard(card: CardId): void;
}

export function CardEditor({ card, config, defaults, messages, edit, onOpenCard }: CardEditorProps) {
  const text = t.funnel.editor;
  const number = (path: NumberPath, label: string, integer = false) => (
    <NumberField
      name={path}
      label={label}
      integer={integer}
      value={valueAt(config, path) as number}
      onChange={(value) => edit((current) => setNumber(current, path, value))}
      error={messages[path]}
    />
  );

  return (
    <div className="space-y-5">
      {card !== 'prices' && (
        <>
          <QuestionField step={card} config={config} messages={messages} edit={edit} />
          <HintField
            step={card}
            path={`steps.${card}.hint`}
            value={config.steps[card].hint}
            messages={messages}
            edit={edit}
          />
        </>
      )}
      {isChoiceStep(card) && <OptionsEditor step={card} config={config} messages={messages} edit={edit} />}
      {(card === 'objectType' || card === 'repairType') && (
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-zinc-50 px-3.5 py-3 text-[13px] text-zinc-600">
          {text.perM2Elsewhere}
          <Button variant="ghost" size="sm" icon={ArrowRight} onClick={() => onOpenCard('prices')}>
            {text.openPrices}
          </Button>
        </div>
      )}
      {card === 'area' && (
        <div className="grid gap-5 sm:grid-cols-2">
          {number('steps.area.min', text.areaMin)}
          {number('steps.area.max', text.areaMax)}
        </div>
      )}
      {card === 'rooms' && (
        <>
          <div className="grid gap-5 sm:grid-cols-2">{number('steps.rooms.max', text.roomsMax, true)}</div>
          <fieldset className="border-t border-zinc-100 pt-5">
            <legend className="float-left w-full text-sm font-semibold text-zinc-900">{text.roomsPricing}</legend>
            <p className="clear-left pt-0.5 text-[13px] text-zinc-500">{text.roomsPricingHint}</p>
            <div className="mt-4 grid gap-5 sm:grid-cols-2">
              {number('pricing.includedRooms', text.includedRooms, true)}
              {number('pricing.perExtraRoomPercent', text.perExtraRoomPercent)}
            </div>
          </fieldset>
        </>
      )}
      {card === 'contacts' && (
        <TextAreaField
          name="steps.contacts.consentText"
          label={text.consent}
          hint={text.consentHint}
          value={config.steps.contacts.consentText}
          onChange={(event) => edit((current) => setConsentText(current, event.target.value))}
          error={messages['steps.contacts.consentText']}
          maxLength={600}
          rows={3}
        />
      )}
      {card === 'contacts' && (
        <TextField
          name="steps.contacts.consentUrl"
          type="url"
          inputMode="url"
          label={text.consentUrl}
          hint={text.consentUrlHint}
          placeholder={text.consentUrlPlaceholder}
          value={config.steps.contacts.consentUrl ?? ''}
          onChange={(event) => edit((current) => setConsentUrl(current, event.target.value.trim()))}
          error={messages['steps.contacts.consentUrl']}
          maxLength={500}
          autoComplete="off"
        />
      )}
      {card === 'prices' && (
        <>
          <PerM2Table config={config} messages={messages} edit={edit} />
          <fieldset className="border-t border-zinc-100 pt-5">
            <legend className="float-left w-full text-sm font-semibold text-zinc-900">{text.range}</legend>
            <p className="clear-left pt-0.5 text-[13px] text-zinc-500">{text.rangeHint}</p>
            <div className="mt-4 grid gap-5 sm:grid-cols-2">
              {number('pricing.rangePercent.low', text.rangeLow)}
              {number('pricing.rangePercent.high', text.rangeHigh)}
            </div>
          </fieldset>
        </>
      )}
      <div className="flex justify-end border-t border-zinc-100 pt-4">
        <Button
          variant="ghost"
          size="sm"
          icon={RotateCcw}
          disabled={isDefaultCard(config, defaults, card)}
          onClick={() => edit((current) => resetCard(current, defaults, card))}
        >
          {text.reset}
        </Button>
      </div>
    </div>
  );
}

interface FieldsProps {
  config: FunnelConfig;
  messages: Record<string, string>;
  edit: Edit;
}

function QuestionField({ step, config, messages, edit }: FieldsProps & { step: StepId }) {
  const path = `steps.${step}.title`;
  return (
    <TextField
      name={path}
      label={t.funnel.editor.question}
      hint={t.funnel.editor.questionHint}
      value={config.steps[step].title}
      onChange={(event) => edit((current) => setTitle(current, step, event.target.value))}
      error={messages[path]}
      maxLength={200}
      autoComplete="off"
    />
  );
}

/** The price per m² of each object type with each repair type: a group per object type. */
function PerM2Table({ config, messages, edit }: FieldsProps) {
  const text = t.funnel.editor;
  const { objectType, repairType } = config.steps;
  return (
    <fieldset>
      <legend className="float-left w-full text-sm font-semibold text-zinc-900">{text.perM2}</legend>
      <p className="clear-left pt-0.5 text-[13px] text-zinc-500">{text.perM2Hint}</p>
      <div className="mt-4 space-y-4">
        {objectType.options.map((object, objectIndex) => {
          const objectName = object.label.trim() || t.funnel.options.label(objectIndex + 1);
          const rowError = messages[`pricing.perM2.${object.id}`];
          return (
            <fieldset key={object.id} className="rounded-lg border border-zinc-200 bg-zinc-50/60 px-3.5 pt-2.5 pb-3.5">
              <legend className="float-left w-full text-sm font-medium text-zinc-900">{objectName}</legend>
              <div className="clear-left grid gap-3 pt-2.5 sm:grid-cols-2 xl:grid-cols-3">
                {repairType.options.map((repair, repairIndex) => {
                  const path = perM2Path(object.id, repair.id);
                  const repairName = repair.label.trim() || t.funnel.options.label(repairIndex + 1);
                  return (
                    <div key={repair.id}>
                      <p aria-hidden className="mb-1 truncate text-[13px] text-zinc-600">
                        {repairName}
                      </p>
                      <NumberInput
                        name={path}
                        label={text.perM2Cell(objectName, repairName)}
                        unit={text.perM2Unit}
                        value={config.pricing.perM2[object.id]?.[repair.id]}
                        onChange={(value) => edit((current) => setPrice(current, path, value))}
                        error={messages[path]}
                      />
                    </div>
                  );
                })}
              </div>
              {rowError && <p className="mt-2 text-[13px] text-red-600">{rowError}</p>}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}

interface HintFieldProps extends Omit<FieldsProps, 'config'> {
  step: StepKey;
  path: string;
  value: string | undefined;
}

/** «Подсказка под вопросом»: optional, left empty for none. */
function HintField({ step, path, value, messages, edit }: HintFieldProps) {
  return (
    <TextField
      name={path}
      label={t.funnel.editor.hint}
      hint={t.funnel.editor.hintHint}
      value={value ?? ''}
      onChange={(event) => edit((current) => setHint(current, step, event.target.value))}
      error={messages[path]}
      maxLength={300}
      autoComplete="off"
    />
  );
}

interface CustomCardEditorProps extends FieldsProps {
  id: CustomId;
  /** Where the question is in the funnel (`custom.2`), which its fields are named after. */
  path: string;
  /** After the question is removed, for the focus to go on from somewhere. */
  onRemoved(): void;
}

/** A question of the company's own: its text, short name and hint, and its options or its numbers. */
export function CustomCardEditor({ id, path, config, messages, edit, onRemoved }: CustomCardEditorProps) {
  const text = t.funnel.custom;
  const [confirming, setConfirming] = useState(false);
  const step = customStep(config, id);
  if (!step) return null;
  const field = (key: keyof CustomStep) => `${path}.${key}`;
  const update = (changes: Partial<CustomStep>) => edit((current) => updateCustomStep(current, id, changes));
  const number = (key: 'min' | 'max', label: string) => (
    <NumberField
      name={field(key)}
      label={label}
      integer={step.integer}
      value={step[key]}
      onChange={(value) => update({ [key]: value })}
      error={messages[field(key)]}
    />
  );

  return (
    <div className="space-y-5">
      <TextField
        name={field('title')}
        label={t.funnel.editor.question}
        hint={t.funnel.editor.questionHint}
        value={step.title}
        onChange={(event) => edit((current) => setCustomTitle(current, id, event.target.value))}
        error={messages[field('title')]}
        maxLength={200}
        autoComplete="off"
      />
      <TextField
        name={field('label')}
        label={text.label}
        hint={text.labelHint}
        value={step.label}
        onChange={(event) => update({ label: event.target.value })}
        error={messages[field('label')]}
        maxLength={60}
        autoComplete="off"
      />
      <HintField step={id} path={field('hint')} value={step.hint} messages={messages} edit={edit} />
      {(step.kind === 'single' || step.kind === 'multiple') && (
        <OptionsEditor step={id} config={config} messages={messages} edit={edit} />
      )}
      {step.kind === 'number' && (
        <div className="space-y-4">
          <div className="grid gap-5 sm:grid-cols-3">
            {number('min', text.min)}
            {number('max', text.max)}
            <TextField
              name={field('unit')}
              label={text.unit}
              placeholder={text.unitPlaceholder}
              value={step.unit ?? ''}
              onChange={(event) => update({ unit: event.target.value || undefined })}
              error={messages[field('unit')]}
              maxLength={12}
              autoComplete="off"
            />
          </div>
          <Switch label={text.integer} checked={step.integer ?? false} onChange={(integer) => update({ integer })} />
        </div>
      )}
      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-100 pt-4">
        <p className="text-[13px] text-zinc-500">{text.notPriced}</p>
        <Button
          variant="ghost"
          size="sm"
          icon={Trash2}
          onClick={() => setConfirming(true)}
          className="text-red-600 hover:bg-red-50 hover:text-red-700"
        >
          {text.remove}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={text.confirmTitle(cardName(config, id))}
        description={text.confirmText}
        confirmLabel={text.confirm}
        onConfirm={async () => {
          // Gone at once, with the dialog: the focus then goes on from outside the card.
          flushSync(() => edit((current) => removeCustomStep(current, id)));
          onRemoved();
        }}
      />
    </div>
  );
}
