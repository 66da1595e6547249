import { type Static, Type } from 'typebox';
import { DateTime, Id, IdParams } from '../../schemas.ts';
import { MessageView } from '../chat/schemas.ts';
import { EstimateView } from '../widget/schemas.ts';

export const LeadSummaryView = Type.Object({
  id: Id,
  name: Type.String(),
  phone: Type.String(),
  createdAt: DateTime,
  /** The first answers, e.g. «Вторичное жильё · Капитальный · 54 м²». */
  summary: Type.String(),
  estimate: EstimateView,
});
export type LeadSummaryView = Static<typeof LeadSummaryView>;

export const LeadListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25, errorMessage: 'limit: от 1 до 100' }),
    offset: Type.Integer({ minimum: 0, default: 0, errorMessage: 'offset: неотрицательное число' }),
  },
  { additionalProperties: false },
);

export const LeadListView = Type.Object({ leads: Type.Array(LeadSummaryView), total: Type.Integer() });
export type LeadListView = Static<typeof LeadListView>;

export const LeadView = Type.Object({
  ...LeadSummaryView.properties,
  consentAt: DateTime,
  answers: Type.Array(Type.Object({ question: Type.String(), answer: Type.String() })),
  utm: Type.Record(Type.String(), Type.String()),
  pageUrl: Type.Union([Type.String(), Type.Null()]),
  /** The conversation the lead came from. */
  transcript: Type.Array(MessageView),
});
export type LeadView = Static<typeof LeadView>;

export const LeadParams = IdParams;
