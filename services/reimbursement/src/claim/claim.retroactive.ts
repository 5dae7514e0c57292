import type { RateTableKind, RateTableVersionIssued } from '../rate-table/rate-table.events';
import { versionInForce } from '../rate-table/rate-table.in-force';
import { firstDayOf } from '../shared/period';
import type { ClaimLine } from './claim.lines';

/** A computed or adjustment claim as the retroactive check reads it. */
export type RecordedClaim = {
  claimId: string;
  claimRef: string;
  origin: string;
  status: string;
  mouId: string | null;
  mission: string;
  contributor: string;
  period: string;
  adjustsClaimId: string | null;
  lines: ClaimLine[];
};

/** A certified claim a rate version changes: recalculating it (POST /v1/claims/{id}/adjustments) adjusts it. */
export type AffectedClaim = {
  claimId: string;
  claimRef: string;
  mouId: string | null;
  mission: string;
  contributor: string;
  period: string;
  /** The versions of the table its lines (and its adjustments') were computed from; empty if none. */
  usedVersions: number[];
};

const versionsNamed = (lines: readonly ClaimLine[], tableId: string): number[] =>
  [
    ...new Set(
      lines.flatMap((l) => l.sources.rateTables.filter((r) => r.tableId === tableId).map((r) => r.version)),
    ),
  ].sort((a, b) => a - b);

// a mission's factor table speaks only of its mission, an MOU's transport table only of its MOU
const inScope = (issued: RateTableVersionIssued, claim: RecordedClaim): boolean => {
  const v = issued.values;
  if (v.kind === 'mission-factors') return claim.mission === v.mission;
  if (v.kind === 'incremental-transport') return claim.mouId === v.mouId;
  return v.kind !== 'cash-pool';
};

/**
 * The certified computed claims a rate version issued now changes: months on or after its `effectiveFrom`
 * that it governs now (no later version takes the month), whose lines and adjustments do not name it yet.
 * Sorted by month, then reference.
 */
export const claimsAffectedBy = (
  issued: RateTableVersionIssued,
  versions: readonly RateTableVersionIssued[],
  claims: readonly RecordedClaim[],
): AffectedClaim[] => {
  const table = versions.filter((v) => v.tableId === issued.tableId);
  const kind: RateTableKind = issued.values.kind;
  return claims
    .filter(
      (c) =>
        c.origin === 'computed' &&
        c.status === 'certified' &&
        inScope(issued, c) &&
        firstDayOf(c.period) >= issued.effectiveFrom &&
        versionInForce(table, kind, firstDayOf(c.period))?.version === issued.version,
    )
    .map((c) => ({
      claim: c,
      lines: [...c.lines, ...claims.filter((a) => a.adjustsClaimId === c.claimId).flatMap((a) => a.lines)],
    }))
    .filter(({ lines }) => !versionsNamed(lines, issued.tableId).includes(issued.version))
    .map(({ claim, lines }) => ({
      claimId: claim.claimId,
      claimRef: claim.claimRef,
      mouId: claim.mouId,
      mission: claim.mission,
      contributor: claim.contributor,
      period: claim.period,
      usedVersions: versionsNamed(lines, issued.tableId),
    }))
    .sort((a, b) => a.period.localeCompare(b.period) || a.claimRef.localeCompare(b.claimRef));
};
