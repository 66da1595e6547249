import { type Static, Type } from 'typebox';

export const WidgetConfigQuery = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 100, errorMessage: 'Укажите ключ виджета (data-key)' }),
});

export const WidgetConfigView = Type.Object(
  {
    companyName: Type.String(),
    primaryColor: Type.String(),
    accentColor: Type.String(),
    welcomeTitle: Type.String(),
    welcomeText: Type.String(),
    logoUrl: Type.Union([Type.String(), Type.Null()]),
    bot: Type.Object({
      name: Type.String(),
      greeting: Type.String(),
      avatarUrl: Type.Union([Type.String(), Type.Null()]),
    }),
    /** «Powered by AI Max» under the chat; off on the Enterprise plan. */
    poweredBy: Type.Boolean(),
  },
  { description: 'What the widget shows, public: anyone with the widget key may read it' },
);
export type WidgetConfigView = Static<typeof WidgetConfigView>;
