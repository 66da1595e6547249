// «Интеграции» beyond Telegram: amoCRM, the outgoing webhook and Yandex Metrika, and the overview
// of every channel's last delivery that the page's cards show.
import { type Static, Type } from 'typebox';
import { DELIVERY_STATUSES } from '../../db/schema.ts';
import { DateTime, NullableDateTime } from '../../schemas.ts';

const closed = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** A channel's most recent delivery, for its card: when, how it went and, if it did not, why (in Russian). */
export const LastDeliveryView = Type.Object({
  id: Type.String(),
  status: Type.Enum(DELIVERY_STATUSES),
  createdAt: DateTime,
  sentAt: NullableDateTime,
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  /** When a pending one is tried next. */
  nextAttemptAt: DateTime,
});
export type LastDeliveryView = Static<typeof LastDeliveryView>;

const ChannelSummary = Type.Object({
  connected: Type.Boolean(),
  lastDelivery: Nullable(LastDeliveryView),
});

export const IntegrationsOverview = Type.Object({
  /** Whether the plan has amoCRM and the webhook; Telegram and Metrika come with every plan. */
  available: Type.Boolean(),
  /** The cheapest plan that has them, to name on the locked cards. */
  unlockedBy: Type.Object({ id: Type.String(), name: Type.String() }),
  channels: Type.Object({ telegram: ChannelSummary, amocrm: ChannelSummary, webhook: ChannelSummary }),
  metrika: Type.Object({ connected: Type.Boolean() }),
});
export type IntegrationsOverview = Static<typeof IntegrationsOverview>;

// amoCRM -----------------------------------------------------------------------------------------

/** What a funnel answer or a contact field fills: `answer:<step id>`, the estimate, the contact, the UTM tags. */
export const MAPPING_SOURCE_PATTERN =
  '^(answer:[A-Za-z0-9_]{1,64}|estimate\\.(total|min|max|text)|contact\\.(name|phone)|utm\\.(source|medium|campaign|content|term)|page_url|dialog_url)$';

export const AmoMappingRule = Type.Object(
  {
    source: Type.String({ pattern: MAPPING_SOURCE_PATTERN, errorMessage: 'Неизвестный источник значения' }),
    entity: Type.Union([Type.Literal('lead'), Type.Literal('contact')], {
      errorMessage: 'Поле сделки (lead) или контакта (contact)',
    }),
    fieldId: Type.Integer({ minimum: 1, errorMessage: 'Выберите поле amoCRM' }),
    /** For a select or multiselect field: the funnel option id → the field's enum id. */
    values: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }), Type.Integer({ minimum: 1 }), {
        additionalProperties: false,
        maxProperties: 100,
        errorMessage: 'Значения списка: вариант ответа → вариант поля amoCRM',
      }),
    ),
  },
  closed,
);
export type AmoMappingRule = Static<typeof AmoMappingRule>;

export const AmoSettingsInput = Type.Object(
  {
    /** Null: the account's main pipeline and its first stage. */
    pipelineId: Nullable(Type.Integer({ minimum: 1 })),
    statusId: Nullable(Type.Integer({ minimum: 1 })),
    /** Null: the user who connected the integration. */
    responsibleUserId: Nullable(Type.Integer({ minimum: 1 })),
    /** Besides «AI Max» and the UTM source and campaign, which are always added. */
    tags: Type.Array(
      Type.String({ minLength: 1, maxLength: 50, pattern: '\\S', errorMessage: 'Тег: до 50 символов' }),
      {
        maxItems: 10,
        uniqueItems: true,
        errorMessage: 'До 10 разных тегов',
      },
    ),
    /** A visitor whose phone is already a contact is attached to that contact instead of a new one. */
    attachExistingContact: Type.Boolean(),
    mapping: Type.Array(AmoMappingRule, { maxItems: 60, errorMessage: 'Не больше 60 полей' }),
  },
  closed,
);
export type AmoSettingsInput = Static<typeof AmoSettingsInput>;

export const AmoConnectionView = Type.Object({
  /** `acme` of acme.amocrm.ru. */
  subdomain: Type.String(),
  /** `https://acme.amocrm.ru`, to open the account. */
  accountUrl: Type.String(),
  /** `reauth_required`: amoCRM no longer accepts our tokens; leads wait until the owner reconnects. */
  status: Type.Union([Type.Literal('connected'), Type.Literal('reauth_required')]),
  problem: Nullable(Type.String()),
  connectedAt: DateTime,
  settings: AmoSettingsInput,
});
export type AmoConnectionView = Static<typeof AmoConnectionView>;

export const AmoIntegrationView = Type.Object({
  /** Whether the platform has an amoCRM integration (AMOCRM_CLIENT_ID and _SECRET); without it nothing can connect. */
  configured: Type.Boolean(),
  /** The address to register as the integration's redirect URI in amoCRM. */
  redirectUri: Type.String(),
  connection: Nullable(AmoConnectionView),
});
export type AmoIntegrationView = Static<typeof AmoIntegrationView>;

export const AmoAuthorizeView = Type.Object({
  url: Type.String({ description: 'amoCRM’s consent page; open it in the browser' }),
});
export type AmoAuthorizeView = Static<typeof AmoAuthorizeView>;

export const AmoCallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 2000 })),
    state: Type.Optional(Type.String({ maxLength: 500 })),
    /** The account's host, `acme.amocrm.ru`. */
    referer: Type.Optional(Type.String({ maxLength: 255 })),
    client_id: Type.Optional(Type.String({ maxLength: 100 })),
    from_widget: Type.Optional(Type.String({ maxLength: 10 })),
    /** Set by amoCRM when the user refused. */
    error: Type.Optional(Type.String({ maxLength: 200 })),
    platform: Type.Optional(Type.String({ maxLength: 10 })),
  },
  closed,
);
export type AmoCallbackQuery = Static<typeof AmoCallbackQuery>;

export const AmoFieldView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  /** amoCRM's field type: text, numeric, textarea, select, multiselect, radiobutton, url, date, checkbox… */
  type: Type.String(),
  code: Nullable(Type.String()),
  enums: Type.Array(Type.Object({ id: Type.Integer(), value: Type.String() })),
});
export type AmoFieldView = Static<typeof AmoFieldView>;

export const AmoAccountView = Type.Object({
  pipelines: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      isMain: Type.Boolean(),
      statuses: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
    }),
  ),
  leadFields: Type.Array(AmoFieldView),
  contactFields: Type.Array(AmoFieldView),
  users: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
  /** What can fill a field: each funnel answer (with its options, for value mapping), the estimate, the contact. */
  sources: Type.Array(
    Type.Object({
      source: Type.String(),
      label: Type.String(),
      /** `number` fits numeric fields; `choice` has options to map to a list's values. */
      kind: Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('choice')]),
      options: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
    }),
  ),
});
export type AmoAccountView = Static<typeof AmoAccountView>;

/** What «Проверить» found: whether the outside service took the test, and its answer in Russian. */
export const IntegrationTestView = Type.Object({
  ok: Type.Boolean(),
  message: Type.String(),
  /** The created test lead in amoCRM, or the receiver's HTTP status. */
  externalId: Nullable(Type.String()),
});
export type IntegrationTestView = Static<typeof IntegrationTestView>;

// Webhook ----------------------------------------------------------------------------------------

export const WebhookInput = Type.Object(
  {
    url: Type.String({
      minLength: 8,
      maxLength: 2000,
      pattern: '^[Hh][Tt][Tt][Pp][Ss]?://\\S+$',
      errorMessage: 'Адрес вида https://crm.company.ru/hooks/aimax',
    }),
  },
  closed,
);
export type WebhookInput = Static<typeof WebhookInput>;

export const WebhookView = Type.Object({
  endpoint: Nullable(
    Type.Object({
      url: Type.String(),
      /** The secret's last characters, to tell which one the receiver has. */
      secretHint: Type.String(),
      createdAt: DateTime,
      updatedAt: DateTime,
    }),
  ),
  /** What a lead's POST carries, filled with an example. */
  sample: Type.Record(Type.String(), Type.Unknown()),
});
export type WebhookView = Static<typeof WebhookView>;

/** The answer to saving a new endpoint or a new secret: the secret itself, this once. */
export const WebhookSecretView = Type.Intersect([WebhookView, Type.Object({ secret: Nullable(Type.String()) })]);
export type WebhookSecretView = Static<typeof WebhookSecretView>;

// Yandex Metrika ---------------------------------------------------------------------------------

const Goal = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: '^[A-Za-z0-9_.{}-]+$',
  errorMessage: 'Имя цели: латиница, цифры, точка, дефис или подчёркивание',
});

export const MetrikaInput = Type.Object(
  {
    /** The Metrika counter's number; empty turns goals off. */
    counterId: Type.String({ pattern: '^$|^[0-9]{4,12}$', errorMessage: 'Номер счётчика Метрики — от 4 до 12 цифр' }),
    goals: Type.Object({ opened: Goal, step: Goal, contacts: Goal, estimate: Goal }, closed),
  },
  closed,
);
export type MetrikaInput = Static<typeof MetrikaInput>;

export const MetrikaView = Type.Object({
  ...MetrikaInput.properties,
  /** Every goal to create in Metrika («JavaScript-событие»), with its exact identifier and when it is reached. */
  goalList: Type.Array(Type.Object({ identifier: Type.String(), description: Type.String() })),
  /** The demo page with the company's widget and counter, where «Проверить» reaches the test goal. */
  testUrl: Nullable(Type.String()),
  testGoal: Type.String(),
  /** The funnel's steps in order, each id with its short name: what `{step}` in the step goal becomes. */
  steps: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
});
export type MetrikaView = Static<typeof MetrikaView>;
