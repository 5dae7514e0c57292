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
  | { kind: 'cash-pool'; pooled: boolean; operatingReservePct: string }
  /** Whether a component is paid for service before the MOU is signed by both parties (claim-eligibility.ts). */
  | {
      kind: 'claim-eligibility';
      personnelBeforeSignature: SignatureRule;
      equipmentBeforeSignature: SignatureRule;
    }
  /** Resolution 67/261: the highest premium percentage that may be granted, per premium. */
  | { kind: 'premium-caps'; riskMaxPct: string; keyEnablerMaxPct: string }
  /** The standard amount for a death; a disability is paid as its degree (%) of it. */
  | { kind: 'death-and-disability'; standardAmountUsd: string }
  /** Resolution 50/222: the UN is liable for an incident's losses when their total GFMV reaches this. */
  | { kind: 'hostile-action-threshold'; thresholdUsd: string };

export type SignatureRule = 'paid' | 'withheld';

export type RateTableKind = RateTableValues['kind'];

export const RATE_TABLE_KINDS: readonly RateTableKind[] = [
  'personnel',
  'major-equipment',
  'self-sustainment',
  'mission-factors',
  'deduction-threshold',
  'part-month',
  'cash-pool',
  'claim-eligibility',
  'premium-caps',
  'death-and-disability',
  'hostile-action-threshold',
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
