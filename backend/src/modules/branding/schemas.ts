import { type Static, Type } from 'typebox';

const HexColor = Type.String({
  pattern: '^#[0-9a-fA-F]{6}$',
  errorMessage: 'Цвет в формате #RRGGBB, например #4F46E5',
});

const Text = (maxLength: number, message: string) => Type.String({ maxLength, errorMessage: message });

export const ImageView = Type.Union([Type.Object({ url: Type.String() }), Type.Null()]);

export const ContactsInput = Type.Object(
  {
    phone: Text(40, 'Телефон: не длиннее 40 символов'),
    email: Type.String({
      maxLength: 254,
      pattern: '^$|^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$',
      errorMessage: 'Введите корректный email или оставьте поле пустым',
    }),
    address: Text(200, 'Адрес: не длиннее 200 символов'),
    website: Type.String({
      maxLength: 200,
      pattern: '^$|^(https?://)?[^\\s/]+\\.[^\\s]+$',
      errorMessage: 'Введите адрес сайта, например remont.ru, или оставьте поле пустым',
    }),
  },
  { additionalProperties: false },
);

/** Saved with texts trimmed (empty meaning "not set") and colours in lower case. */
export const BrandingInput = Type.Object(
  {
    /** Empty: the widget shows the company's registered name. */
    companyName: Text(120, 'Название: не длиннее 120 символов'),
    primaryColor: HexColor,
    accentColor: HexColor,
    welcomeTitle: Type.String({
      minLength: 1,
      maxLength: 120,
      pattern: '\\S',
      errorMessage: 'Заголовок приветствия: от 1 до 120 символов',
    }),
    welcomeText: Text(500, 'Текст приветствия: не длиннее 500 символов'),
    contacts: ContactsInput,
  },
  { additionalProperties: false },
);
export type BrandingInput = Static<typeof BrandingInput>;

export const BrandingView = Type.Object({
  ...BrandingInput.properties,
  /** What the widget shows when `companyName` is empty. */
  defaultCompanyName: Type.String(),
  logo: ImageView,
  /** Whether the widget and the estimate say «AI Max»: yes unless the plan in force has white-label. */
  poweredBy: Type.Boolean(),
  /** The plan that removes it. */
  whiteLabelPlan: Type.String(),
});
export type BrandingView = Static<typeof BrandingView>;

export const BotSettingsInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S', errorMessage: 'Имя бота: от 1 до 60 символов' }),
    greeting: Type.String({
      minLength: 1,
      maxLength: 500,
      pattern: '\\S',
      errorMessage: 'Приветствие: от 1 до 500 символов',
    }),
  },
  { additionalProperties: false },
);
export type BotSettingsInput = Static<typeof BotSettingsInput>;

export const BotSettingsView = Type.Object({ ...BotSettingsInput.properties, avatar: ImageView });
export type BotSettingsView = Static<typeof BotSettingsView>;
