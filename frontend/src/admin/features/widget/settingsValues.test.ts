import { describe, expect, it } from 'vitest';
import { widgetInputOf, widgetSettingsChanged, widgetValuesOf } from './settingsValues';

const saved = { allowedOrigins: ['https://remont.ru'] };

describe('widgetInputOf', () => {
  it('sends back what was loaded, unchanged', () => {
    expect(widgetInputOf(widgetValuesOf(saved))).toEqual({ allowedOrigins: ['https://remont.ru'] });
  });
});

describe('widgetSettingsChanged', () => {
  it('sees nothing to save in what was loaded', () => {
    expect(widgetSettingsChanged(widgetValuesOf(saved), saved)).toBe(false);
  });

  it('sees a new site and a removed one', () => {
    const values = widgetValuesOf(saved);
    expect(
      widgetSettingsChanged({ ...values, allowedOrigins: [...values.allowedOrigins, 'https://a.ru'] }, saved),
    ).toBe(true);
    expect(widgetSettingsChanged({ ...values, allowedOrigins: [] }, saved)).toBe(true);
  });
});
