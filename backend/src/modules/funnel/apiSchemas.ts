// The «Воронка» editor's API: the funnel the widget runs, saved as numbered versions.
import { type Static, Type } from 'typebox';
import { DateTime } from '../../schemas.ts';
import { FunnelConfig } from './schemas.ts';

export const FunnelVersionView = Type.Object({
  number: Type.Integer({ minimum: 1 }),
  createdAt: DateTime,
  /** Who saved it; null once that member is gone. */
  createdBy: Type.Union([Type.String(), Type.Null()]),
  /** The version it brought back, for one saved by «Вернуть эту версию». */
  restoredFrom: Type.Union([Type.Integer(), Type.Null()]),
});
export type FunnelVersionView = Static<typeof FunnelVersionView>;

export const FunnelView = Type.Object({
  config: FunnelConfig,
  /** The version the widget runs; null while the company runs the default funnel. */
  version: Type.Union([FunnelVersionView, Type.Null()]),
  /** The platform's default funnel, to start a step over from. */
  defaults: FunnelConfig,
});
export type FunnelView = Static<typeof FunnelView>;

export const FunnelInput = Type.Object(
  {
    /** Checked by funnelProblems (rules.ts), which names each problem's field in Russian. */
    config: Type.Unknown(),
    /** The version the editor started from (null: the default): a save over a newer one is refused. */
    baseVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type FunnelInput = Static<typeof FunnelInput>;

export const FunnelVersionsView = Type.Object({ versions: Type.Array(FunnelVersionView) });
export type FunnelVersionsView = Static<typeof FunnelVersionsView>;

export const VersionParams = Type.Object(
  { number: Type.Integer({ minimum: 1, maximum: 1_000_000 }) },
  { additionalProperties: false },
);
