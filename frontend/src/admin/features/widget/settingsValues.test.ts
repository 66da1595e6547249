import type { WidgetSettingsView } from '@aimax/backend/contracts';
import { describe, expect, it } from 'vitest';
import { defaultGoals, widgetInputOf, widgetSettingsChanged, widgetValuesOf } from './settingsValues';

const saved: WidgetSettingsView = {
  widgetKey: 'wk_test',
  snippet: '<script src="https://app.aimax.ru/widget.js" data-key="wk_test" async></script>',
  allowedOrigins: ['https://remont.ru'],
  metrika: { counterId: '', goals: { ...defaultGoals } },
  steps: [{ id: 'objectType', label: 'Тип объекта' }],
  seen: null,
  brandingCustomized: false,
  customDomain: { available: false, unlockedBy: 'Бизнес', host: null },
};

describe('widgetInputOf', () => {
  it('sends back what was loaded, unchanged', () => {
    expect(widgetInputOf(widgetValuesOf(saved))).toEqual({
      allowedOrigins: ['https://remont.ru'],
      metrika: { counterId: '', goals: defaultGoals },
    });
  });

  it('trims the counter and the goal names, and puts the default back for a goal left empty', () => {
    const values = {
      ...widgetValuesOf(saved),
      'metrika.counterId': ' 98765432 ',
      'metrika.goals.opened': ' chat_open ',
      'metrika.goals.contacts': '   ',
    };
    expect(widgetInputOf(values).metrika).toEqual({
      counterId: '98765432',
      goals: { opened: 'chat_open', step: 'aimax_step_{step}', contacts: 'aimax_lead', estimate: 'aimax_estimate_pdf' },
    });
  });
});

describe('widgetSettingsChanged', () => {
  it('sees nothing to save in what was loaded, or in an emptied goal that falls back to what is saved', () => {
    expect(widgetSettingsChanged(widgetValuesOf(saved), saved)).toBe(false);
    expect(widgetSettingsChanged({ ...widgetValuesOf(saved), 'metrika.goals.step': '' }, saved)).toBe(false);
  });

  it('sees a new site, a removed one and a new counter', () => {
    const values = widgetValuesOf(saved);
    expect(
      widgetSettingsChanged({ ...values, allowedOrigins: [...values.allowedOrigins, 'https://a.ru'] }, saved),
    ).toBe(true);
    expect(widgetSettingsChanged({ ...values, allowedOrigins: [] }, saved)).toBe(true);
    expect(widgetSettingsChanged({ ...values, 'metrika.counterId': '12345' }, saved)).toBe(true);
  });
});
