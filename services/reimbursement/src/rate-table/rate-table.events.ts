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
  /**
   * Resolution 67/261: the share of major equipment that may be missing before personnel pay is cut, and
   * whether the cut is the whole shortfall or only its part above the threshold (absent: the whole).
   */
  | { kind: 'deduction-threshold'; thresholdPct: string; basis?: DeductionBasis }
  /** Resolution 67/261: which shortfalls are not counted against the contributor. */
  | {
      kind: 'deduction-exemptions';
      /** Unserviceable dry-lease items: their repair is the UN's responsibility. */
      dryLeaseUnserviceable: boolean;
      /** Items lost through a recorded hostile-action incident. */
      hostileActionLoss: boolean;
      /** Items the UN asked the contributor not to deploy. */
      notDeployedAtUnRequest: boolean;
    }
  /** The most each mission factor may be, wherever it is entered. */
  | {
      kind: 'mission-factor-caps';
      extremeEnvironmentPct: string;
      intensifiedOperationalConditionPct: string;
      hostileActionPct: string;
    }
  /** The incremental transportation factor: `pctPerStep` for every whole `stepKm` beyond the first `freeKm`. */
  | {
      kind: 'incremental-transport-rule';
      pctPerStep: string;
      stepKm: number;
      freeKm: number;
      appliesToMajorEquipment: boolean;
      appliesToSelfSustainment: boolean;
    }
  /** One MOU's incremental transportation: its distance from the port of embarkation, or a set percentage. */
  | { kind: 'incremental-transport'; mouId: string; distanceKm: number | null; pct: string | null }
  /** Self-sustainment provided in part: the share of the category's rate paid. */
  | { kind: 'self-sustainment-partial'; paidPct: string }
  | { kind: 'part-month'; rule: PartMonthRule }
  /** Resolution 73/307: from a version with `pooled: true`, active missions' cash is managed as a pool. */
  | {
      kind: 'cash-pool';
      pooled: boolean;
      operatingReservePct: string;
      /** Whether a mission in the `closing` status still lends and borrows (absent: it does not). */
      closingMissionsPool?: boolean;
    }
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

export type DeductionBasis =
  /** personnel × whole shortfall */
  | 'whole-shortfall'
  /** personnel × (shortfall − threshold) */
  | 'excess-over-threshold';

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
  'deduction-exemptions',
  'mission-factor-caps',
  'incremental-transport-rule',
  'incremental-transport',
  'self-sustainment-partial',
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

/** One table per kind, one per mission for mission factors, one per MOU for incremental transportation. */
export const rateTableIdOf = (values: RateTableValues): string => {
  if (values.kind === 'mission-factors') return `mission-factors-${values.mission}`;
  if (values.kind === 'incremental-transport') return `incremental-transport-${values.mouId}`;
  return values.kind;
};

export const rateTableStream = (tableId: string): string => `rate-table-${tableId}`;
