import { type Static, Type } from 'typebox';
import { DIALOG_EVENT_KINDS, DIALOG_STATES, LEAD_STATUSES } from '../../db/schema.ts';
import { DateTime, Id } from '../../schemas.ts';
import { MessageView } from '../chat/schemas.ts';
import { EstimateView } from '../widget/schemas.ts';

export const DialogStateSchema = Type.Enum(DIALOG_STATES, {
  errorMessage: 'Состояние: ai, waiting_operator, operator или closed',
});

const Member = Type.Object({ id: Id, name: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const DialogSummaryView = Type.Object({
  id: Id,
  state: DialogStateSchema,
  /** The manager holding the dialog while its state is `operator`. */
  operator: Nullable(Member),
  /** From the contacts the visitor left, once they did. */
  visitorName: Nullable(Type.String()),
  visitorPhone: Nullable(Type.String()),
  /** Funnel steps answered out of the company's enabled steps. */
  progress: Type.Object({ answered: Type.Integer(), total: Type.Integer() }),
  lastMessage: Nullable(
    Type.Object({ role: MessageView.properties.role, content: Type.String(), createdAt: DateTime }),
  ),
  leadId: Nullable(Id),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type DialogSummaryView = Static<typeof DialogSummaryView>;

const Day = Type.String({ format: 'date', errorMessage: 'Дата в формате ГГГГ-ММ-ДД' });

export const DialogListQuery = Type.Object(
  {
    state: Type.Optional(DialogStateSchema),
    /** Active on or after this day, and before the day after `to` (the company's days). */
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    /** A name, a phone number or words from the conversation. */
    q: Type.Optional(Type.String({ maxLength: 100, errorMessage: 'Поиск: не длиннее 100 символов' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25, errorMessage: 'limit: от 1 до 100' }),
    offset: Type.Integer({ minimum: 0, default: 0, errorMessage: 'offset: неотрицательное число' }),
  },
  { additionalProperties: false },
);
export type DialogListQuery = Static<typeof DialogListQuery>;

export const DialogStateCounts = Type.Object({
  ai: Type.Integer(),
  waiting_operator: Type.Integer(),
  operator: Type.Integer(),
  closed: Type.Integer(),
});
export type DialogStateCounts = Static<typeof DialogStateCounts>;

export const DialogListView = Type.Object({
  dialogs: Type.Array(DialogSummaryView),
  /** Dialogs matching every filter, the state included. */
  total: Type.Integer(),
  /** Dialogs per state under the other filters. */
  counts: DialogStateCounts,
});
export type DialogListView = Static<typeof DialogListView>;

export const DialogEventView = Type.Object({
  id: Id,
  kind: Type.Enum(DIALOG_EVENT_KINDS),
  fromState: DialogStateSchema,
  toState: DialogStateSchema,
  /** The member's name as it was; null for the visitor. */
  actorName: Nullable(Type.String()),
  createdAt: DateTime,
});
export type DialogEventView = Static<typeof DialogEventView>;

export const DialogView = Type.Object({
  dialog: DialogSummaryView,
  messages: Type.Array(MessageView),
  /** The funnel's answers under their short labels. */
  answers: Type.Array(Type.Object({ question: Type.String(), answer: Type.String() })),
  estimate: Nullable(EstimateView),
  source: Type.Object({
    pageUrl: Nullable(Type.String()),
    referrer: Nullable(Type.String()),
    utm: Type.Record(Type.String(), Type.String()),
  }),
  lead: Nullable(Type.Object({ id: Id, status: Type.Enum(LEAD_STATUSES) })),
  /** Who took, returned and closed the dialog, oldest first. */
  timeline: Type.Array(DialogEventView),
});
export type DialogView = Static<typeof DialogView>;

export const TakeDialogBody = Type.Object(
  {
    /** «Забрать себе»: take the dialog from the manager who holds it. */
    force: Type.Boolean({ default: false, errorMessage: 'force: true или false' }),
  },
  { additionalProperties: false },
);
export type TakeDialogBody = Static<typeof TakeDialogBody>;

export const OperatorMessageBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: 4000,
      pattern: '\\S',
      errorMessage: 'Напишите сообщение (до 4000 символов)',
    }),
  },
  { additionalProperties: false },
);
export type OperatorMessageBody = Static<typeof OperatorMessageBody>;

export const DialogStatusView = Type.Object({ state: DialogStateSchema, operator: Nullable(Member) });
export type DialogStatusView = Static<typeof DialogStatusView>;

export const DialogEventsQuery = Type.Object(
  {
    /** For clients that cannot send the Last-Event-ID header: the last message's sequence number. */
    lastEventId: Type.Optional(Type.Integer({ minimum: 0, errorMessage: 'lastEventId: неотрицательное число' })),
  },
  { additionalProperties: false },
);

/** A route that reads no parameters refuses any, rather than ignoring what a caller meant. */
export const NoQuery = Type.Object({}, { additionalProperties: false });

const Time = Type.String({
  pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
  errorMessage: 'Время в формате ЧЧ:ММ, например 09:00',
});

/** A working day's hours, or null for a day off. */
const WorkingDay = Type.Union([Type.Object({ from: Time, to: Time }, { additionalProperties: false }), Type.Null()], {
  errorMessage: 'Укажите часы работы в формате ЧЧ:ММ или отметьте день выходным',
});

export const WorkingHoursSchema = Type.Object(
  {
    /** Monday first, in the company's time zone; `to` after `from` (checked by the service). */
    days: Type.Array(WorkingDay, {
      minItems: 7,
      maxItems: 7,
      errorMessage: { minItems: 'Укажите все семь дней недели', maxItems: 'Укажите все семь дней недели' },
    }),
  },
  // Only the type gets words of its own: an unknown field inside is still named as such.
  { additionalProperties: false, errorMessage: { type: 'Укажите расписание по дням или «Круглосуточно»' } },
);

export const DialogSettingsInput = Type.Object(
  {
    /** How long a visitor who asked for a manager waits before the AI answers again. */
    handoffTimeoutMinutes: Type.Integer({
      minimum: 1,
      maximum: 60,
      errorMessage: 'Время ожидания менеджера — от 1 до 60 минут',
    }),
    /** When managers answer; null means at any time («Круглосуточно»). */
    workingHours: Type.Union([WorkingHoursSchema, Type.Null()]),
  },
  { additionalProperties: false },
);
export type DialogSettingsInput = Static<typeof DialogSettingsInput>;

export const DialogSettingsView = Type.Object({
  ...DialogSettingsInput.properties,
  /** The company's time zone, which the hours are in (IANA, e.g. Europe/Moscow). */
  timezone: Type.String(),
});
export type DialogSettingsView = Static<typeof DialogSettingsView>;
