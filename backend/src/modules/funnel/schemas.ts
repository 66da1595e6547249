// The shape of a tenant's funnel, stored as JSONB in tenant_bot_settings.funnel and validated
// against this schema whenever it is written. The built-in steps' ids are fixed: the pricing
// knows what they mean. What a tenant changes is their texts and hints, their options, which
// optional steps are on, every price, the order of the steps and questions of its own (`custom`:
// asked and shown in the lead and the PDF, not priced).
import { type Static, Type } from 'typebox';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const Price = Type.Number({ minimum: 0, maximum: 10_000_000 });
const Percent = Type.Number({ minimum: -90, maximum: 500 });

// Closed, like every request schema: the editor sends the whole funnel back.
const closed = { additionalProperties: false } as const;

/** A line under the question, in the chat; empty or absent for none. */
const Hint = Type.Optional(Type.String({ maxLength: 300 }));

export const Option = Type.Object({ id: Type.String({ pattern: '^[a-z][a-z0-9_]*$' }), label: Text(80) }, closed);
export type Option = Static<typeof Option>;

/** A question with options; `optional` ones may be switched off by the company. */
const ChoiceStep = <Id extends string>(id: Id, optional: boolean) =>
  Type.Object(
    {
      id: Type.Literal(id),
      title: Text(200),
      hint: Hint,
      enabled: optional ? Type.Boolean() : Type.Literal(true),
      options: Type.Array(Option, { minItems: 2, maxItems: 10 }),
    },
    closed,
  );

/**
 * A question of the company's own: one option, several, a number with its unit and bounds, or a
 * short text. `label` is its short name in the lead, the emails and the PDF.
 */
export const CustomStep = Type.Object(
  {
    id: Type.String({ pattern: '^q_[a-z0-9_]{1,40}$' }),
    kind: Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('number'), Type.Literal('text')]),
    title: Text(200),
    label: Text(60),
    hint: Hint,
    enabled: Type.Boolean(),
    /** For `single` and `multiple`. */
    options: Type.Optional(Type.Array(Option, { minItems: 2, maxItems: 10 })),
    /** For `number`. */
    min: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
    max: Type.Optional(Type.Number({ minimum: 0, maximum: 1_000_000 })),
    unit: Type.Optional(Type.String({ maxLength: 12 })),
    integer: Type.Optional(Type.Boolean()),
  },
  closed,
);
export type CustomStep = Static<typeof CustomStep>;

export const FunnelConfig = Type.Object(
  {
    version: Type.Literal(1),
    /**
     * Every step's id, built-in and custom, in the order the chat asks them, the contacts last.
     * Absent: the built-in order, with the custom questions before the contacts.
     */
    order: Type.Optional(Type.Array(Type.String({ maxLength: 60 }), { maxItems: 30 })),
    custom: Type.Optional(Type.Array(CustomStep, { maxItems: 10 })),
    steps: Type.Object(
      {
        objectType: ChoiceStep('objectType', false),
        repairType: ChoiceStep('repairType', false),
        area: Type.Object(
          {
            id: Type.Literal('area'),
            title: Text(200),
            hint: Hint,
            enabled: Type.Literal(true),
            min: Type.Number({ minimum: 1 }),
            max: Type.Number({ maximum: 100_000 }),
          },
          closed,
        ),
        rooms: Type.Object(
          {
            id: Type.Literal('rooms'),
            title: Text(200),
            hint: Hint,
            enabled: Type.Literal(true),
            max: Type.Integer({ minimum: 1, maximum: 50 }),
          },
          closed,
        ),
        replanning: ChoiceStep('replanning', true),
        designProject: ChoiceStep('designProject', true),
        timing: ChoiceStep('timing', true),
        contacts: Type.Object(
          {
            id: Type.Literal('contacts'),
            title: Text(200),
            hint: Hint,
            enabled: Type.Literal(true),
            consentText: Text(600),
            /** The company's personal-data policy, linked from the consent. */
            consentUrl: Type.Optional(Type.String({ maxLength: 500, pattern: '^$|^https?://[^\\s]+$' })),
          },
          closed,
        ),
      },
      closed,
    ),
    pricing: Type.Object(
      {
        /** Rubles per m² of work, by object type and repair type (option ids). */
        perM2: Type.Record(Type.String(), Type.Record(Type.String(), Price)),
        /** Rooms above this many make the work dearer by `perExtraRoomPercent` each. */
        includedRooms: Type.Integer({ minimum: 0, maximum: 50 }),
        perExtraRoomPercent: Percent,
        /** A fixed price per replanning option. */
        replanning: Type.Record(Type.String(), Price),
        /** Rubles per m² per design-project option. */
        designProjectPerM2: Type.Record(Type.String(), Price),
        /** A percentage on the work per timing option (a rush costs more). */
        timingPercent: Type.Record(Type.String(), Percent),
        /** The range shown around the total, in percent of it. */
        rangePercent: Type.Object({ low: Percent, high: Percent }, closed),
      },
      closed,
    ),
  },
  closed,
);
export type FunnelConfig = Static<typeof FunnelConfig>;

export type StepId = keyof FunnelConfig['steps'];
export const STEP_ORDER: readonly StepId[] = [
  'objectType',
  'repairType',
  'area',
  'rooms',
  'replanning',
  'designProject',
  'timing',
  'contacts',
];

/** Each step's short name, for documents, the lead page and the Metrika goals' help. */
export const STEP_LABELS: Record<StepId, string> = {
  objectType: 'Тип объекта',
  repairType: 'Вид ремонта',
  area: 'Площадь',
  rooms: 'Комнаты',
  replanning: 'Перепланировка',
  designProject: 'Дизайн-проект',
  timing: 'Сроки',
  contacts: 'Контакты',
};

export interface ContactsAnswer {
  name: string;
  /** E.164, as normalised from what the visitor typed. */
  phone: string;
  consent: true;
}

/** A visitor's answers so far: option ids for choices (several for a `multiple`), numbers, texts, and the contacts. */
export type Answers = Partial<Record<Exclude<StepId, 'contacts'>, string | number>> & {
  contacts?: ContactsAnswer;
} & { [customId: `q_${string}`]: string | number | string[] | undefined };

export interface EstimateLine {
  title: string;
  details: string;
  amount: number;
}

export interface Estimate {
  lines: EstimateLine[];
  total: number;
  range: { min: number; max: number };
}

/** A step as the widget shows it: its question, its hint and, for choices, the options. */
export const PublicStep = Type.Object({
  id: Type.String(),
  /** `multi`: several options, then «Далее»; `text`: a short answer in words. */
  kind: Type.Union([
    Type.Literal('choice'),
    Type.Literal('multi'),
    Type.Literal('number'),
    Type.Literal('text'),
    Type.Literal('contacts'),
  ]),
  title: Type.String(),
  hint: Type.Optional(Type.String()),
  options: Type.Optional(Type.Array(Option)),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  /** Only whole numbers (rooms). */
  integer: Type.Optional(Type.Boolean()),
  unit: Type.Optional(Type.String()),
  consentText: Type.Optional(Type.String()),
  consentUrl: Type.Optional(Type.String()),
});
export type PublicStep = Static<typeof PublicStep>;
