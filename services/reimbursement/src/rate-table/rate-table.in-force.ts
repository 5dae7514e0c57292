import type { RateTableKind, RateTableValues, RateTableVersionIssued } from './rate-table.events';

/** A rate-table version as a claim line names it. */
export type RateTableRef = { tableId: string; version: number };

export type InForce<Kind extends RateTableKind> = RateTableRef & {
  effectiveFrom: string;
  values: Extract<RateTableValues, { kind: Kind }>;
};

/**
 * The version of a table in force on a service date: of the versions effective on or before that date,
 * the one with the latest `effectiveFrom`; a later version with the same date corrects an earlier one.
 */
export const versionInForce = <Kind extends RateTableKind>(
  versions: readonly RateTableVersionIssued[],
  kind: Kind,
  onDate: string,
): InForce<Kind> | null => {
  let best: RateTableVersionIssued | null = null;
  for (const v of versions) {
    if (v.values.kind !== kind || v.effectiveFrom > onDate) continue;
    if (
      best === null ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.version > best.version)
    ) {
      best = v;
    }
  }
  return best === null
    ? null
    : {
        tableId: best.tableId,
        version: best.version,
        effectiveFrom: best.effectiveFrom,
        values: best.values as Extract<RateTableValues, { kind: Kind }>,
      };
};
