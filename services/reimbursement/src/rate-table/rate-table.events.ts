// Rate tables: effective-dated versions issued by a finance officer. Stream `rate-table-<tableId>`; one
// table per kind, and one per mission for mission factors (`mission-factors-MINUSMA`).

export type LeaseType = 'wet' | 'dry';

export type PartMonthRule =
  /** days served ÷ days in that calendar month */
  | 'calendar-days'
  /** min(days served, 30) ÷ 30 */
  | 'thirty-day-month';

export type RateTableValues =
  | { kind: 'personnel'; ratePerPersonMonthUsd: string }
  | {
      kind: 'major-equipment';
      items: { category: string; item: string; lease: LeaseType; monthlyRateUsd: string }[];
    }
  | { kind: 'self-sustainment'; categories: { category: string; ratePerPersonMonthUsd: string }[] }
  | {
      kind: 'mission-factors';
      mission: string;
      extremeEnvironmentPct: string;
      intensifiedOperationalConditionPct: string;
      hostileActionPct: string;
    }
  /** Resolution 67/261: the share of major equipment that may be missing before personnel pay is cut. */
  | { kind: 'deduction-threshold'; thresholdPct: string }
  | { kind: 'part-month'; rule: PartMonthRule }
  /** Resolution 73/307: from a version with `pooled: true`, active missions' cash is managed as a pool. */
  | {
      kind: 'cash-pool';
      pooled: boolean;
      operatingReservePct: string;
      /** Whether a mission in the `closing` status still lends and borrows (absent: it does not). */
      closingMissionsPool?: boolean;
    };

export type RateTableKind = RateTableValues['kind'];

export const RATE_TABLE_KINDS: readonly RateTableKind[] = [
  'personnel',
  'major-equipment',
  'self-sustainment',
  'mission-factors',
  'deduction-threshold',
  'part-month',
  'cash-pool',
];

export type RateTableVersionIssued = {
  tableId: string;
  version: number;
  /** The first service date the version applies to. */
  effectiveFrom: string;
  issuedOn: string;
  values: RateTableValues;
};

export type RateTableEvent = {
  type: 'RateTableVersionIssued';
  data: RateTableVersionIssued;
  effectiveOn: string;
};

/** One table per kind, one per mission for mission factors. */
export const rateTableIdOf = (values: RateTableValues): string =>
  values.kind === 'mission-factors' ? `mission-factors-${values.mission}` : values.kind;

export const rateTableStream = (tableId: string): string => `rate-table-${tableId}`;
