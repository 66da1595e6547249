import { type Static, Type } from 'typebox';
import { DateTime } from '../../schemas.ts';

export const WidgetSettingsInput = Type.Object(
  {
    /** Sites that may show the widget, as origins (https://remont.ru); empty means any site. */
    allowedOrigins: Type.Array(
      Type.String({
        pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$',
        errorMessage: 'Адрес сайта вида https://remont.ru, без пути и слеша в конце',
      }),
      { maxItems: 20, uniqueItems: true, errorMessage: 'До 20 разных адресов сайтов' },
    ),
  },
  { additionalProperties: false },
);
export type WidgetSettingsInput = Static<typeof WidgetSettingsInput>;

export const WidgetSettingsView = Type.Object({
  widgetKey: Type.String(),
  /** The line to paste into the site's HTML. */
  snippet: Type.String(),
  ...WidgetSettingsInput.properties,
  /** The company's funnel steps in order, each id with its short name: what `{step}` in the step goal becomes. */
  steps: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
  /** The last site, other than the platform's own, that loaded the widget, and when; null until one has. */
  seen: Type.Union([Type.Object({ origin: Type.String(), at: DateTime }), Type.Null()]),
  /** Whether the branding or the bot differ from the defaults, for the dashboard's first steps. */
  brandingCustomized: Type.Boolean(),
  /** The company's own domain: whether its plan has one, which plan does, and the host serving the widget now. */
  customDomain: Type.Object({
    available: Type.Boolean(),
    unlockedBy: Type.String(),
    /** The verified domain the snippet points at; null while there is none. */
    host: Type.Union([Type.String(), Type.Null()]),
  }),
});
export type WidgetSettingsView = Static<typeof WidgetSettingsView>;
