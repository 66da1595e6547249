import { type Static, Type } from 'typebox';
import { FUNNEL_STAGES } from '../../db/schema.ts';

const Day = Type.String({ format: 'date', errorMessage: 'Дата в формате ГГГГ-ММ-ДД' });

export const DASHBOARD_PRESETS = ['today', '7d', '30d'] as const;
export type DashboardPreset = (typeof DASHBOARD_PRESETS)[number];
/** The longest custom period: a year, leap day included. */
export const DASHBOARD_MAX_DAYS = 366;

/** Either a preset (30 days when nothing is given) or both ends of a custom period, in the company's days. */
export const DashboardQuery = Type.Object(
  {
    period: Type.Optional(Type.Enum(DASHBOARD_PRESETS, { errorMessage: 'Период: today, 7d или 30d' })),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type DashboardQuery = Static<typeof DashboardQuery>;

const Percent = Type.Union([Type.Number(), Type.Null()], {
  description: 'Per cent, to one decimal; null when the stage it is taken of has no sessions',
});

export const FunnelStageView = Type.Object({
  stage: Type.Enum(FUNNEL_STAGES),
  /** The step's short name («Площадь») for a step's stage; null for the others. */
  stepLabel: Type.Union([Type.String(), Type.Null()]),
  /** Sessions that reached the stage within the period (by when they reached it). */
  count: Type.Integer(),
  /** Of the stage before; null for the first stage. */
  ofPrevious: Percent,
  ofFirst: Percent,
  /** Sessions of the stage before that did not reach this one (0 when none were lost). */
  lost: Type.Integer(),
});
export type FunnelStageView = Static<typeof FunnelStageView>;

export const DashboardView = Type.Object({
  period: Type.Object({
    from: Day,
    to: Day,
    /** The preset asked for, or null for a custom period. */
    preset: Type.Union([Type.Enum(DASHBOARD_PRESETS), Type.Null()]),
    /** The company's time zone, whose days these are. */
    timezone: Type.String(),
  }),
  /** The stages of the company's funnel as it is now: steps switched off are left out. */
  funnel: Type.Array(FunnelStageView),
  /** The stage that lost the most sessions of the one before it; null when none lost any. */
  biggestDropOff: Type.Union([Type.Enum(FUNNEL_STAGES), Type.Null()]),
  /** Every day of the period, the empty ones too. */
  leadsPerDay: Type.Array(Type.Object({ day: Day, leads: Type.Integer() })),
  /** The dialogs started in the period: answered by the AI alone, or taken over by a manager. */
  dialogs: Type.Object({ started: Type.Integer(), aiOnly: Type.Integer(), takenOver: Type.Integer() }),
  /**
   * From a dialog's first call for a manager (or its takeover, when a manager joined unasked) to
   * the first message of a manager, for the dialogs whose call or takeover was in the period.
   */
  firstReply: Type.Object({
    medianSeconds: Type.Union([Type.Number(), Type.Null()]),
    /** Dialogs a manager answered. */
    answered: Type.Integer(),
    /** Dialogs no manager has written in yet. */
    unanswered: Type.Integer(),
  }),
});
export type DashboardView = Static<typeof DashboardView>;
