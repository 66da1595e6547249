import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { describeValidation } from './errorHandler.ts';

const error = (partial: Partial<ErrorObject>): ErrorObject => ({
  keyword: 'type',
  instancePath: '',
  schemaPath: '#',
  params: {},
  ...partial,
});

describe('describeValidation', () => {
  it("keeps a schema's own message and translates ajv's into Russian", () => {
    const result = describeValidation([
      error({ keyword: 'errorMessage', instancePath: '/email', message: 'Введите корректный email' }),
      error({ keyword: 'maxLength', instancePath: '/profile/name', params: { limit: 5 } }),
      error({ keyword: 'required', params: { missingProperty: 'password' } }),
    ]);
    expect(result.fields).toEqual({
      email: 'Введите корректный email',
      'profile.name': 'должно быть не длиннее, чем 5 символов',
      password: 'Заполните это поле',
    });
    expect(result.message).toBe('Введите корректный email');
  });

  it('falls back to a general message when no field is named', () => {
    expect(describeValidation([error({ keyword: 'type', params: { type: 'object' } })])).toEqual({
      message: 'Проверьте введённые данные',
      fields: {},
    });
  });
});
