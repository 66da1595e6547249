import type { AmoAccountView, AmoSettingsInput } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import {
  amoInputOf,
  amoSettingsChanged,
  amoValuesOf,
  checkNewTag,
  fieldChoices,
  fits,
  newRow,
  pipelineAt,
  suggestValues,
  withMissing,
  withSource,
  withTarget,
} from './amoSettings';

const field = (id: number, name: string, type: string, enums: Array<{ id: number; value: string }> = []) => ({
  id,
  name,
  type,
  code: null,
  enums,
});

const account: AmoAccountView = {
  pipelines: [
    { id: 10, name: 'Продажи', isMain: false, statuses: [{ id: 101, name: 'Новая' }] },
    {
      id: 20,
      name: 'Ремонт',
      isMain: true,
      statuses: [
        { id: 201, name: 'Первичный контакт' },
        { id: 202, name: 'Замер' },
      ],
    },
  ],
  leadFields: [
    field(1, 'Площадь', 'numeric'),
    field(2, 'Тип объекта', 'select', [
      { id: 21, value: 'Квартира' },
      { id: 22, value: 'Дом' },
    ]),
    field(3, 'Комментарий', 'textarea'),
    field(4, 'Страница', 'url'),
    field(5, 'Дата замера', 'date'),
  ],
  contactFields: [field(7, 'Город', 'text'), field(8, 'Телефон', 'multitext')],
  users: [{ id: 501, name: 'Анна' }],
  sources: [
    {
      source: 'answer:objectType',
      label: 'Тип объекта',
      kind: 'choice',
      options: [
        { id: 'flat', label: 'квартира' },
        { id: 'house', label: 'Дом' },
        { id: 'office', label: 'Офис' },
      ],
    },
    { source: 'answer:area', label: 'Площадь', kind: 'number', options: [] },
    { source: 'estimate.text', label: 'Расчёт', kind: 'text', options: [] },
    { source: 'page_url', label: 'Страница', kind: 'text', options: [] },
  ],
};

const source = (id: string) => {
  const found = account.sources.find((each) => each.source === id);
  if (!found) throw new Error(`no source ${id}`);
  return found;
};

const targetsFor = (id: string, taken: string[] = []) =>
  fieldChoices(account, source(id), new Set(taken)).map((choice) => choice.target);

describe('fits and fieldChoices', () => {
  it('gives a number the numeric and the text fields', () => {
    expect(targetsFor('answer:area')).toEqual(['lead:1', 'lead:3', 'contact:7']);
  });

  it('gives an answer with options the list fields and the text fields, never a numeric one', () => {
    expect(targetsFor('answer:objectType')).toEqual(['lead:2', 'lead:3', 'contact:7']);
  });

  it('gives a text only the text fields, and a url field only to a link', () => {
    expect(targetsFor('estimate.text')).toEqual(['lead:3', 'contact:7']);
    expect(targetsFor('page_url')).toEqual(['lead:3', 'lead:4', 'contact:7']);
  });

  it('offers no date or phone field, and none another row already fills', () => {
    expect(fits(source('estimate.text'), field(5, 'Дата замера', 'date'))).toBe(false);
    expect(targetsFor('estimate.text', ['lead:3'])).toEqual(['contact:7']);
  });
});

describe('suggestValues', () => {
  it('matches options to list values of the same name, whatever the case, and leaves the rest unmatched', () => {
    expect(suggestValues(source('answer:objectType').options, account.leadFields[1]?.enums ?? [])).toEqual({
      flat: '21',
      house: '22',
    });
  });
});

describe('withSource and withTarget', () => {
  const row = { key: 'r', source: 'answer:objectType', target: '', values: {} };

  it('matches the options once a list field is chosen, and forgets them for a text field', () => {
    const listed = withTarget(row, 'lead:2', account);
    expect(listed.values).toEqual({ flat: '21', house: '22' });
    expect(withTarget(listed, 'lead:3', account).values).toEqual({});
  });

  it('keeps the field when the new source fits it, and clears it when it does not', () => {
    const numeric = { ...row, source: 'answer:area', target: 'lead:1' };
    expect(withSource(numeric, 'estimate.text', account).target).toBe('');
    const text = { ...row, source: 'answer:area', target: 'lead:3' };
    expect(withSource(text, 'estimate.text', account).target).toBe('lead:3');
    expect(withSource({ ...row, target: 'lead:3' }, 'answer:objectType', account).values).toEqual({});
  });

  it('starts a new row with a source no row uses yet', () => {
    expect(newRow(account, [row]).source).toBe('answer:area');
    expect(newRow(account, [row]).key).not.toBe(newRow(account, [row]).key);
  });
});

const saved: AmoSettingsInput = {
  pipelineId: null,
  statusId: null,
  responsibleUserId: 501,
  tags: ['сайт'],
  attachExistingContact: true,
  mapping: [
    { source: 'answer:objectType', entity: 'lead', fieldId: 2, values: { house: 22, flat: 21 } },
    { source: 'answer:area', entity: 'contact', fieldId: 7 },
  ],
};

describe('amoInputOf', () => {
  it('sends back what was loaded, the nulls as nulls', () => {
    expect(amoInputOf(amoValuesOf(saved))).toEqual(saved);
  });

  it('sends chosen ids as numbers, drops options left unmapped, and sends an unchosen field as 0 for the server to refuse', () => {
    const values = amoValuesOf(saved);
    const input = amoInputOf({
      ...values,
      pipelineId: '10',
      statusId: '101',
      responsibleUserId: '',
      mapping: [
        { key: 'a', source: 'answer:objectType', target: 'lead:2', values: { flat: '21', house: '' } },
        { key: 'b', source: 'estimate.text', target: '', values: {} },
      ],
    });
    expect(input).toMatchObject({ pipelineId: 10, statusId: 101, responsibleUserId: null });
    expect(input.mapping).toEqual([
      { source: 'answer:objectType', entity: 'lead', fieldId: 2, values: { flat: 21 } },
      { source: 'estimate.text', entity: 'lead', fieldId: 0 },
    ]);
  });
});

describe('amoSettingsChanged', () => {
  it('sees nothing to save in what was loaded, whatever order the options were matched in', () => {
    const values = amoValuesOf(saved);
    expect(amoSettingsChanged(values, saved)).toBe(false);
    const [listRow, textRow] = values.mapping;
    if (!listRow || !textRow) throw new Error('the saved mapping has two rows');
    const reordered = [{ ...listRow, values: { flat: '21', house: '22' } }, textRow];
    expect(amoSettingsChanged({ ...values, mapping: reordered }, saved)).toBe(false);
  });

  it('sees a new stage, tag or field', () => {
    const values = amoValuesOf(saved);
    expect(amoSettingsChanged({ ...values, statusId: '202' }, saved)).toBe(true);
    expect(amoSettingsChanged({ ...values, tags: [...values.tags, 'весна'] }, saved)).toBe(true);
    expect(amoSettingsChanged({ ...values, mapping: values.mapping.slice(1) }, saved)).toBe(true);
  });
});

describe('pipelineAt', () => {
  it('is the chosen pipeline, or the main one when none is chosen', () => {
    expect(pipelineAt(account, '10')?.name).toBe('Продажи');
    expect(pipelineAt(account, '')?.name).toBe('Ремонт');
  });
});

describe('checkNewTag', () => {
  it('takes a tag trimmed, and refuses an empty, a repeated or a long one, or an eleventh', () => {
    expect(checkNewTag('  весна   2026 ', [])).toEqual({ ok: true, tag: 'весна 2026' });
    expect(checkNewTag('   ', [])).toEqual({ ok: false, problem: 'empty' });
    expect(checkNewTag('Сайт', ['сайт'])).toEqual({ ok: false, problem: 'duplicate' });
    expect(checkNewTag('x'.repeat(51), [])).toEqual({ ok: false, problem: 'tooLong' });
    expect(
      checkNewTag(
        'ещё',
        Array.from({ length: 10 }, (_, index) => `тег ${index}`),
      ),
    ).toEqual({
      ok: false,
      problem: 'full',
    });
  });
});

describe('withMissing', () => {
  const options = [
    { value: '', label: 'Основная' },
    { value: '10', label: 'Продажи' },
  ];

  it('adds a saved choice the account no longer has, and nothing for one it has or for none', () => {
    expect(withMissing(options, '30', 'Нет в amoCRM')).toEqual([...options, { value: '30', label: 'Нет в amoCRM' }]);
    expect(withMissing(options, '10', 'Нет в amoCRM')).toBe(options);
    expect(withMissing(options, '', 'Нет в amoCRM')).toBe(options);
  });
});
