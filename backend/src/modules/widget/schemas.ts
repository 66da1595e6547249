import { type Static, Type } from 'typebox';
import { DIALOG_STATES } from '../../db/schema.ts';
import { WEB_URL_MAX_LENGTH } from '../../lib/webUrl.ts';
import { Id } from '../../schemas.ts';
import { MessageView } from '../chat/schemas.ts';
import { PublicStep } from '../funnel/schemas.ts';

export const WidgetConfigQuery = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 100, errorMessage: 'Укажите ключ виджета (data-key)' }),
  },
  { additionalProperties: false },
);

export const MetrikaView = Type.Union([
  Type.Object({
    counterId: Type.String(),
    goals: Type.Object({
      opened: Type.String(),
      step: Type.String(),
      contacts: Type.String(),
      estimate: Type.String(),
    }),
  }),
  Type.Null(),
]);

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
    /** Where the badge leads: the platform's page for companies, tagged with where the visitor came from. */
    poweredByUrl: Type.String(),
    /** Yandex Metrika goals the widget reaches on the host page, when the company set a counter. */
    metrika: MetrikaView,
  },
  { description: 'What the widget shows, public: anyone with the widget key may read it' },
);
export type WidgetConfigView = Static<typeof WidgetConfigView>;

const Utm = Type.Record(Type.String({ pattern: '^utm_[a-z_]{1,30}$' }), Type.String({ maxLength: 300 }), {
  maxProperties: 10,
  // patternProperties alone lets any other key through unchecked.
  additionalProperties: false,
});

export const StartSessionBody = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 100 }),
    /** The token of a session to resume, kept by the widget from last time. */
    token: Type.Optional(Type.String({ maxLength: 100 })),
    visitorId: Type.String({
      pattern: '^[A-Za-z0-9_-]{16,64}$',
      errorMessage: 'Некорректный идентификатор посетителя',
    }),
    /** Kept only when an http(s) address; anything else is dropped and the session still starts. */
    pageUrl: Type.Optional(Type.String({ maxLength: WEB_URL_MAX_LENGTH })),
    referrer: Type.Optional(Type.String({ maxLength: WEB_URL_MAX_LENGTH })),
    utm: Type.Optional(Utm),
  },
  { additionalProperties: false },
);
export type StartSessionBody = Static<typeof StartSessionBody>;

export const EstimateView = Type.Object({
  lines: Type.Array(Type.Object({ title: Type.String(), details: Type.String(), amount: Type.Number() })),
  total: Type.Number(),
  range: Type.Object({ min: Type.Number(), max: Type.Number() }),
});

const Progress = {
  status: Type.Union([Type.Literal('active'), Type.Literal('completed')]),
  /** The question to answer now, or null once the funnel is complete. */
  step: Type.Union([PublicStep, Type.Null()]),
  progress: Type.Object({ answered: Type.Integer(), total: Type.Integer() }),
  estimate: Type.Union([EstimateView, Type.Null()]),
};

/** Who answers the visitor, as the widget shows it. */
export const VisitorDialogView = Type.Object({
  state: Type.Enum(DIALOG_STATES),
  /** The manager in the dialog, while one is. */
  operatorName: Type.Union([Type.String(), Type.Null()]),
});
export type VisitorDialogView = Static<typeof VisitorDialogView>;

export const SessionView = Type.Object({
  sessionId: Id,
  /** Sent back as `Authorization: Bearer <token>` (and `token=` on the event stream). */
  token: Type.String(),
  ...Progress,
  messages: Type.Array(MessageView),
  dialog: VisitorDialogView,
});
export type SessionView = Static<typeof SessionView>;

export const AnswerBody = Type.Object(
  {
    stepId: Type.String({ maxLength: 40 }),
    value: Type.Unknown(),
  },
  { additionalProperties: false },
);

export const AnswerView = Type.Object({ ...Progress, messages: Type.Array(MessageView) });
export type AnswerView = Static<typeof AnswerView>;

export const MessageBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: 2000,
      pattern: '\\S',
      errorMessage: 'Напишите сообщение (до 2000 символов)',
    }),
  },
  { additionalProperties: false },
);

export const SessionParams = Type.Object({ id: Id }, { additionalProperties: false });

export const EventsQuery = Type.Object(
  {
    key: Type.String({ maxLength: 100 }),
    token: Type.String({ maxLength: 100 }),
    lastEventId: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
