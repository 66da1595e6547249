import { type Static, Type } from 'typebox';
import { LEAD_STATUSES } from '../../db/schema.ts';
import { DateTime, Id, IdParams } from '../../schemas.ts';
import { MessageView } from '../chat/schemas.ts';
import { EstimateView } from '../widget/schemas.ts';

export const LeadStatus = Type.Enum(LEAD_STATUSES, {
  errorMessage: 'Статус: new, in_progress, measurement, contract или rejected',
});
export type LeadStatus = Static<typeof LeadStatus>;

/** A member of the company, as a lead's responsible one. */
export const LeadMemberView = Type.Object({ id: Id, name: Type.String() });
export type LeadMemberView = Static<typeof LeadMemberView>;

export const LeadSummaryView = Type.Object({
  id: Id,
  name: Type.String(),
  phone: Type.String(),
  createdAt: DateTime,
  /** The first answers, e.g. «Вторичное жильё · Капитальный · 54 м²». */
  summary: Type.String(),
  estimate: EstimateView,
  status: LeadStatus,
  /** Why the client said no; null unless the status is `rejected`. */
  statusReason: Type.Union([Type.String(), Type.Null()]),
  assignee: Type.Union([LeadMemberView, Type.Null()]),
});
export type LeadSummaryView = Static<typeof LeadSummaryView>;

const Day = Type.String({ format: 'date', errorMessage: 'Дата в формате ГГГГ-ММ-ДД' });

/** The list's filters, shared by the list and its export. */
const leadFilters = {
  status: Type.Optional(LeadStatus),
  /** A member's id, or `none` for the leads nobody is responsible for. */
  assignee: Type.Optional(
    Type.Union([Id, Type.Literal('none')], { errorMessage: 'Ответственный: идентификатор сотрудника или none' }),
  ),
  /** Received on or after this day, and before the day after `to` (Moscow days). */
  from: Type.Optional(Day),
  to: Type.Optional(Day),
};

export const LeadListQuery = Type.Object(
  {
    ...leadFilters,
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25, errorMessage: 'limit: от 1 до 100' }),
    offset: Type.Integer({ minimum: 0, default: 0, errorMessage: 'offset: неотрицательное число' }),
  },
  { additionalProperties: false },
);
export type LeadListQuery = Static<typeof LeadListQuery>;

/** The filters without the page: what a count per status and an export take. */
export type LeadFilter = Pick<LeadListQuery, 'status' | 'assignee' | 'from' | 'to'>;

export const LeadExportQuery = Type.Object(
  {
    ...leadFilters,
    format: Type.Enum(['csv', 'xlsx'], { default: 'csv', errorMessage: 'Формат: csv или xlsx' }),
  },
  { additionalProperties: false },
);
export type LeadExportQuery = Static<typeof LeadExportQuery>;

/** Leads per status under the other filters (responsible, period), whatever status is picked. */
export const LeadStatusCounts = Type.Object({
  new: Type.Integer(),
  in_progress: Type.Integer(),
  measurement: Type.Integer(),
  contract: Type.Integer(),
  rejected: Type.Integer(),
});
export type LeadStatusCounts = Static<typeof LeadStatusCounts>;

export const LeadListView = Type.Object({
  leads: Type.Array(LeadSummaryView),
  /** Leads matching every filter, the status included. */
  total: Type.Integer(),
  counts: LeadStatusCounts,
});
export type LeadListView = Static<typeof LeadListView>;

/** Someone named in the history, by name as it was then; the id is null once they left the company. */
const PersonAsWas = Type.Object({ id: Type.Union([Id, Type.Null()]), name: Type.String() });

/** One entry of a lead's history: a status move, a change of responsible member, or a note. */
export const LeadEventView = Type.Object({
  id: Id,
  kind: Type.Enum(['status', 'assignee', 'note']),
  createdAt: DateTime,
  /** Who did it. */
  actor: PersonAsWas,
  fromStatus: Type.Union([LeadStatus, Type.Null()]),
  status: Type.Union([LeadStatus, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  /** For `assignee`: the new responsible member, null when cleared. */
  assignee: Type.Union([PersonAsWas, Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
});
export type LeadEventView = Static<typeof LeadEventView>;

export const LeadView = Type.Object({
  ...LeadSummaryView.properties,
  consentAt: DateTime,
  answers: Type.Array(Type.Object({ question: Type.String(), answer: Type.String() })),
  utm: Type.Record(Type.String(), Type.String()),
  pageUrl: Type.Union([Type.String(), Type.Null()]),
  /** The «Воронка» version that asked and priced it; null: the default funnel. */
  funnelVersion: Type.Union([Type.Integer(), Type.Null()]),
  /** The conversation the lead came from. */
  transcript: Type.Array(MessageView),
  /** Status moves, changes of responsible member and notes, newest first. */
  history: Type.Array(LeadEventView),
});
export type LeadView = Static<typeof LeadView>;

export const LeadParams = IdParams;

const ReasonText = Type.String({
  maxLength: 500,
  errorMessage: 'Причина отказа — не длиннее 500 символов',
});

export const ChangeLeadStatusBody = Type.Object(
  {
    status: LeadStatus,
    /** Required for `rejected`; ignored for the other statuses. */
    reason: Type.Optional(ReasonText),
  },
  { additionalProperties: false },
);
export type ChangeLeadStatusBody = Static<typeof ChangeLeadStatusBody>;

export const AssignLeadBody = Type.Object(
  {
    /** A member of the same company, or null to leave the lead without a responsible one. */
    assigneeId: Type.Union([Id, Type.Null()], { errorMessage: 'Выберите сотрудника компании' }),
  },
  { additionalProperties: false },
);
export type AssignLeadBody = Static<typeof AssignLeadBody>;

export const AddLeadNoteBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: 2000,
      pattern: '\\S',
      errorMessage: 'Напишите заметку (до 2000 символов)',
    }),
  },
  { additionalProperties: false },
);
export type AddLeadNoteBody = Static<typeof AddLeadNoteBody>;

export const LeadAssigneesView = Type.Object({
  members: Type.Array(Type.Object({ ...LeadMemberView.properties, role: Type.Enum(['owner', 'manager']) })),
});
export type LeadAssigneesView = Static<typeof LeadAssigneesView>;
