// What fills the deal's and the contact's fields in amoCRM: rows of «what → which field», each
// field select offering only the fields the value fits. An answer with options written into a
// list field also maps each option to one of the list's values, matched by name to start with.
import type { AmoAccountView } from '@aimax/backend/contracts';
import { ArrowRight, Plus, Trash2 } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { t } from '@/lib/i18n';
import { Button, IconButton } from '@/lib/ui/Button';
import { SelectField } from '@/lib/ui/SelectField';
import {
  fieldAt,
  fieldChoices,
  isListField,
  type MappingRow,
  newRow,
  parseTarget,
  withMissing,
  withSource,
  withTarget,
} from './amoSettings';

/** As many as the API takes. */
const MAX_ROWS = 60;

interface AmoMappingProps {
  account: AmoAccountView;
  rows: MappingRow[];
  onChange(rows: MappingRow[]): void;
  /** The server's messages, keyed like `mapping.2.fieldId`. */
  errorOf(field: string): string | undefined;
}

export function AmoMapping({ account, rows, onChange, errorOf }: AmoMappingProps) {
  const text = t.integrations.amocrm.mapping;
  const addButton = useRef<HTMLButtonElement>(null);
  // The row just added takes the focus, for its field to be chosen next.
  const added = useRef<string | null>(null);
  const listError = errorOf('mapping');

  const update = (index: number, row: MappingRow) => onChange(rows.map((each, at) => (at === index ? row : each)));
  const remove = (index: number) => {
    onChange(rows.filter((_, at) => at !== index));
    addButton.current?.focus();
  };
  const add = () => {
    const row = newRow(account, rows);
    added.current = row.key;
    onChange([...rows, row]);
  };

  return (
    <div>
      <h3 id="amocrm-mapping-title" className="text-sm font-semibold text-zinc-900">
        {text.title}
      </h3>
      <p className="mt-0.5 text-[13px] text-zinc-500">
        {text.description} {text.numbersOnly}
      </p>
      {rows.length === 0 ? (
        <p className="mt-4 rounded-lg border border-dashed border-zinc-300 px-4 py-3 text-[13px] text-zinc-500">
          {text.empty}
        </p>
      ) : (
        <ol className="mt-4 space-y-3">
          {rows.map((row, index) => (
            <li key={row.key}>
              <MappingRowEditor
                account={account}
                row={row}
                index={index}
                taken={new Set(rows.filter((other) => other.key !== row.key).map((other) => other.target))}
                focusOnMount={added.current === row.key}
                onChange={(next) => update(index, next)}
                onRemove={() => remove(index)}
                errorOf={errorOf}
              />
            </li>
          ))}
        </ol>
      )}
      {listError && (
        <p role="alert" className="mt-3 text-[13px] text-red-600">
          {listError}
        </p>
      )}
      <Button
        ref={addButton}
        variant="secondary"
        size="sm"
        icon={Plus}
        disabled={rows.length >= MAX_ROWS || account.sources.length === 0}
        onClick={add}
        className="mt-3"
      >
        {text.add}
      </Button>
    </div>
  );
}

interface MappingRowEditorProps {
  account: AmoAccountView;
  row: MappingRow;
  index: number;
  /** The fields other rows fill. */
  taken: ReadonlySet<string>;
  focusOnMount: boolean;
  onChange(row: MappingRow): void;
  onRemove(): void;
  errorOf(field: string): string | undefined;
}

function MappingRowEditor({
  account,
  row,
  index,
  taken,
  focusOnMount,
  onChange,
  onRemove,
  errorOf,
}: MappingRowEditorProps) {
  const text = t.integrations.amocrm.mapping;
  const sourceSelect = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (focusOnMount) sourceSelect.current?.focus();
  }, [focusOnMount]);

  const source = account.sources.find((each) => each.source === row.source);
  const choices = source ? fieldChoices(account, source, taken) : [];
  const current = fieldAt(account, row.target);
  const sourceLabel = source?.label ?? text.sourceMissing(row.source);
  const sourceOptions = withMissing(
    account.sources.map((each) => ({ value: each.source, label: each.label })),
    row.source,
    sourceLabel,
  );
  const fieldOptions = withMissing(
    [
      { value: '', label: text.chooseField },
      ...choices.map((choice) => ({ value: choice.target, label: text.fieldOption(choice.entity, choice.field.name) })),
    ],
    row.target,
    current
      ? text.fieldOption(current.entity, current.field.name)
      : t.integrations.amocrm.missing(parseTarget(row.target)?.fieldId ?? 0),
  );
  const mapsValues = source?.kind === 'choice' && current !== null && isListField(current.field);

  return (
    <fieldset
      aria-label={text.row(index + 1)}
      className="min-w-0 rounded-lg border border-zinc-200 bg-white px-3 py-3 sm:px-4"
    >
      <div className="grid items-start gap-x-3 gap-y-3 sm:grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)_auto]">
        <SelectField
          ref={sourceSelect}
          name={`mapping.${index}.source`}
          label={text.source}
          options={sourceOptions}
          value={row.source}
          onChange={(event) => onChange(withSource(row, event.target.value, account))}
          error={errorOf(`mapping.${index}.source`)}
        />
        <ArrowRight aria-hidden size={16} className="mt-10 hidden text-zinc-400 sm:block" />
        <SelectField
          name={`mapping.${index}.fieldId`}
          label={text.field}
          options={fieldOptions}
          value={row.target}
          onChange={(event) => onChange(withTarget(row, event.target.value, account))}
          error={errorOf(`mapping.${index}.fieldId`) ?? errorOf(`mapping.${index}.entity`)}
          hint={choices.length === 0 && !row.target ? text.noFields : undefined}
        />
        <IconButton
          icon={Trash2}
          tone="danger"
          label={text.remove(sourceLabel)}
          onClick={onRemove}
          className="justify-self-end sm:mt-8"
        />
      </div>
      {mapsValues && source && current && (
        <ValueMapping
          index={index}
          row={row}
          options={source.options}
          enums={current.field.enums}
          onChange={onChange}
          errorOf={errorOf}
        />
      )}
      {errorOf(`mapping.${index}`) && (
        <p role="alert" className="mt-2 text-[13px] text-red-600">
          {errorOf(`mapping.${index}`)}
        </p>
      )}
    </fieldset>
  );
}

interface ValueMappingProps {
  index: number;
  row: MappingRow;
  options: AmoAccountView['sources'][number]['options'];
  enums: AmoAccountView['leadFields'][number]['enums'];
  onChange(row: MappingRow): void;
  errorOf(field: string): string | undefined;
}

/** Each answer option and the list value it becomes; an option left out is not written. */
function ValueMapping({ index, row, options, enums, onChange, errorOf }: ValueMappingProps) {
  const text = t.integrations.amocrm.mapping.values;
  const choices = [
    { value: '', label: text.skip },
    ...enums.map((each) => ({ value: String(each.id), label: each.value })),
  ];
  const error = errorOf(`mapping.${index}.values`);
  return (
    <fieldset className="mt-3 min-w-0 rounded-lg bg-zinc-50 px-3 py-3">
      <legend className="float-left w-full text-[13px] font-medium text-zinc-800">{text.title}</legend>
      <div className="clear-both grid gap-3 pt-2 sm:grid-cols-2 lg:grid-cols-3">
        {options.map((option) => (
          <SelectField
            key={option.id}
            name={`mapping.${index}.values.${option.id}`}
            label={option.label}
            aria-label={text.of(option.label)}
            options={choices}
            value={row.values[option.id] ?? ''}
            onChange={(event) => onChange({ ...row, values: { ...row.values, [option.id]: event.target.value } })}
            error={errorOf(`mapping.${index}.values.${option.id}`)}
          />
        ))}
      </div>
      {error && (
        <p role="alert" className="mt-2 text-[13px] text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
