// A question's options, a built-in choice's or one of the company's own: each renamed in place,
// moved up or down, removed (two always stay), and for the optional steps priced beside its name; a field under the list adds one. The focus stays
// with the option being moved, and after a removal goes to the row that took its place.
import type { FunnelConfig } from '@aimax/backend/contracts';
import { ChevronDown, ChevronUp, Plus, Trash2 } from 'lucide-react';
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { t } from '@/lib/i18n';
import { Button, IconButton } from '@/lib/ui/Button';
import { cx } from '@/lib/ui/cx';
import { TextField } from '@/lib/ui/TextField';
import {
  addOption,
  customStep,
  isCustomId,
  isOptionalStep,
  MAX_OPTIONS,
  MIN_OPTIONS,
  moveOption,
  OPTION_PRICES,
  type OptionsOwner,
  optionPricePath,
  optionsOf,
  optionsPath,
  removeOption,
  renameOption,
  setPrice,
} from './draft';
import { NumberInput } from './NumberField';

/** A change to the funnel being edited, made from the latest draft. */
export type Edit = (update: (config: FunnelConfig) => FunnelConfig) => void;

interface OptionsEditorProps {
  /** Whose options: a built-in choice or a question of the company's. */
  step: OptionsOwner;
  config: FunnelConfig;
  messages: Record<string, string>;
  edit: Edit;
}

export function OptionsEditor({ step, config, messages, edit }: OptionsEditorProps) {
  const text = t.funnel.options;
  const options = optionsOf(config, step);
  const path = optionsPath(config, step);
  const multiple = isCustomId(step) && customStep(config, step)?.kind === 'multiple';
  const list = useRef<HTMLOListElement>(null);
  const newInput = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState('');
  const [draftError, setDraftError] = useState<string | undefined>();
  const hintId = useId();
  const priced = !isCustomId(step) && isOptionalStep(step) ? step : null;
  const limits = (multiple ? text.limitsMultiple : text.limits)(MIN_OPTIONS, MAX_OPTIONS);
  const full = options.length >= MAX_OPTIONS;

  const focusIn = (optionId: string | undefined, control: string) =>
    list.current?.querySelector<HTMLElement>(`[data-option="${optionId}"] [data-control="${control}"]`)?.focus();

  const add = () => {
    const label = draft.trim();
    if (!label) return setDraftError(text.emptyNew);
    if (options.some((option) => option.label.trim().toLowerCase() === label.toLowerCase())) {
      return setDraftError(text.duplicate);
    }
    edit((current) => addOption(current, step, label));
    setDraft('');
    setDraftError(undefined);
    newInput.current?.focus();
  };

  const move = (index: number, offset: -1 | 1) => {
    const id = options[index]?.id;
    flushSync(() => edit((current) => moveOption(current, step, index, offset)));
    const target = index + offset;
    // At either end of the list its button is disabled: the other one keeps the focus in the row.
    const atEnd = target === 0 ? 'down' : target === options.length - 1 ? 'up' : null;
    focusIn(id, atEnd ?? (offset === -1 ? 'up' : 'down'));
  };

  const remove = (index: number) => {
    const next = options[index + 1] ?? options[index - 1];
    flushSync(() => edit((current) => removeOption(current, step, index)));
    focusIn(next?.id, 'label');
  };

  const onNewKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  };

  const listError = messages[path];

  return (
    <div className="space-y-3">
      <p className="text-sm font-medium text-zinc-800">{text.title}</p>
      <ol ref={list} aria-label={text.title} aria-describedby={hintId} className="space-y-2">
        {options.map((option, index) => {
          const labelPath = `${path}.${index}.label`;
          const labelError = messages[labelPath];
          const name = option.label.trim() || text.label(index + 1);
          return (
            <li
              key={option.id}
              data-option={option.id}
              className="flex flex-wrap items-start gap-2 rounded-lg border border-zinc-200 bg-zinc-50/60 p-2"
            >
              <span aria-hidden className="mt-2.5 w-5 shrink-0 text-center text-xs text-zinc-400 tabular-nums">
                {index + 1}
              </span>
              <div className="min-w-0 flex-1 basis-40">
                <input
                  name={labelPath}
                  data-control="label"
                  aria-label={text.label(index + 1)}
                  aria-invalid={labelError ? true : undefined}
                  aria-describedby={labelError ? `${labelPath}-error` : undefined}
                  value={option.label}
                  maxLength={80}
                  onChange={(event) => edit((current) => renameOption(current, step, index, event.target.value))}
                  className={cx(
                    'block h-10 w-full rounded-lg border bg-white px-3 text-sm text-zinc-900 shadow-xs outline-none transition-[border-color,box-shadow] focus:ring-4',
                    labelError
                      ? 'border-red-400 focus:border-red-500 focus:ring-red-500/15'
                      : 'border-zinc-300 hover:border-zinc-400 focus:border-brand-500 focus:ring-brand-500/15',
                  )}
                />
                {labelError && (
                  <p id={`${labelPath}-error`} className="mt-1.5 text-[13px] text-red-600">
                    {labelError}
                  </p>
                )}
              </div>
              {priced && (
                <NumberInput
                  name={optionPricePath(priced, option.id)}
                  label={text.priceLabel[priced](name)}
                  unit={text.units[priced]}
                  value={config.pricing[OPTION_PRICES[priced]][option.id]}
                  onChange={(value) => edit((current) => setPrice(current, optionPricePath(priced, option.id), value))}
                  error={messages[optionPricePath(priced, option.id)]}
                  className="w-36 max-sm:ml-7"
                />
              )}
              <div className="ml-auto flex items-center">
                <IconButton
                  icon={ChevronUp}
                  label={text.moveUp(name)}
                  data-control="up"
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                />
                <IconButton
                  icon={ChevronDown}
                  label={text.moveDown(name)}
                  data-control="down"
                  disabled={index === options.length - 1}
                  onClick={() => move(index, 1)}
                />
                <IconButton
                  icon={Trash2}
                  tone="danger"
                  label={text.remove(name)}
                  disabled={options.length <= MIN_OPTIONS}
                  onClick={() => remove(index)}
                />
              </div>
            </li>
          );
        })}
      </ol>
      {listError && (
        <p role="alert" className="text-[13px] text-red-600">
          {listError}
        </p>
      )}
      <p id={hintId} className="text-[13px] text-zinc-500">
        {priced ? `${limits} ${text.priceHint[priced]}` : limits}
      </p>
      <TextField
        ref={newInput}
        name={`${path}.new`}
        label={text.newLabel}
        value={draft}
        maxLength={80}
        disabled={full}
        placeholder={full ? text.full(MAX_OPTIONS) : text.newPlaceholder}
        onChange={(event) => {
          setDraft(event.target.value);
          setDraftError(undefined);
        }}
        onKeyDown={onNewKeyDown}
        error={draftError}
        autoComplete="off"
        action={
          <Button variant="secondary" icon={Plus} onClick={add} disabled={full}>
            {text.add}
          </Button>
        }
      />
    </div>
  );
}
