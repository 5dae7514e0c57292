import type { PayableCategory } from '@coe/contracts';
import type { RateTableRef } from '../rate-table/rate-table.in-force';
import type { ServiceDays } from './claim.personnel';

export type ClaimLineKind =
  | 'PERSONNEL'
  | 'MAJOR_EQUIPMENT'
  | 'SELF_SUSTAINMENT'
  | 'DEDUCTION_67_261'
  | 'ADJUSTMENT'
  | 'LETTER_OF_ASSIST'
  | 'DEATH_AND_DISABILITY'
  | 'PREMIUM_RISK'
  | 'PREMIUM_KEY_ENABLER'
  /** GFMV of major equipment lost through hostile action or forced abandonment (resolution 50/222). */
  | 'HOSTILE_ACTION_LOSS';

/** What a line was computed from, so it can be reproduced: rate tables, MOU annexes, verification report. */
export type ClaimLineSources = {
  rateTables: RateTableRef[];
  mouAnnexVersion: number | null;
  verificationReportVersion: number | null;
};

/**
 * Which rate a line was paid at and why (claim.rate-basis.ts states the rule): the generic rate table's, or
 * the rate agreed in the MOU. Lines recorded before this was kept carry none.
 */
export type RateBasis = {
  source: 'mou' | 'rate-table';
  reason: string;
  /** The rate-table version whose rate was used (source `rate-table`). */
  rateTable?: RateTableRef & { effectiveFrom: string };
  /** The MOU annex version that records a rate for the line (absent on personnel: the MOU records none). */
  mouVersion?: number;
  /** The rate the MOU records, when it records one. */
  mouRateUsd?: string;
};

/**
 * Something the inspectors counted that the MOU does not allow for (verification.warnings.ts): recorded and
 * shown, never refused; the claim pays what the rules allow.
 */
export type LineWarning = { code: string; message: string };

/**
 * One component of a claim. `amountUsd = round(quantity × rateUsd × factor × fraction)` (see
 * claim.calculation.ts for each kind); the decimal strings keep every input of the formula.
 */
export type ClaimLine = {
  kind: ClaimLineKind;
  component: PayableCategory;
  /** Stable across recalculations (`personnel`, `equipment:<lineId>`, …), so adjustments can be matched. */
  key: string;
  description: string;
  quantity: string;
  rateUsd: string;
  /** Mission-factor multiplier, `1` when none applies. */
  factor: string;
  /** Part-month fraction as `days/base`, or `1`. */
  fraction: string;
  /** Share of the rate paid, on a self-sustainment category provided in part (e.g. `0.5`); absent = 1. */
  share?: string;
  amountUsd: string;
  sources: ClaimLineSources;
  /** On personnel, major-equipment and self-sustainment lines: the rate used and why. */
  rateBasis?: RateBasis;
  /** What the report counted beyond the MOU on this line; absent when nothing. */
  warnings?: LineWarning[];
  /** On a personnel line: the month's days, from the unit's movements or typed with a reason. */
  serviceDays?: ServiceDays;
  /** Set on ADJUSTMENT lines: the key of the line they correct. */
  adjustsLineKey?: string;
  /**
   * Set on ADJUSTMENT lines: what the corrected line was computed from, beside `sources` (the
   * recalculation's), so a retroactive rate version's adjustment names the old and the new version.
   */
  adjustsSources?: ClaimLineSources;
};
