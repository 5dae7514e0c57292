import type { InForce, RateTableRef } from '../rate-table/rate-table.in-force';
import { type Money, ZERO, money } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';
import type { Provision } from '../verification/verification.events';

/** The share of an annex C category's rate paid for the month, and the table that set it. */
export type SelfSustainmentShare = { share: Money; sources: RateTableRef[]; note: string };

/**
 * Provided in full (to standard): the whole rate; not provided: nil; provided in part: the share the
 * `self-sustainment-partial` table in force pays (DOMAIN.md: "reduced or nil when not provided").
 */
export const selfSustainmentShare = (
  provision: Provision,
  partial: InForce<'self-sustainment-partial'> | null,
  period: string,
): SelfSustainmentShare => {
  if (provision === 'full') return { share: money(1), sources: [], note: '' };
  if (provision === 'none') return { share: ZERO, sources: [], note: ' (not provided to standard)' };
  const rule =
    partial ??
    fail('RATE_NOT_IN_FORCE', `No self-sustainment-partial rate table is in force for ${period}.`, {
      table: 'self-sustainment-partial',
      period,
    });
  return {
    share: money(rule.values.paidPct).dividedBy(100),
    sources: [{ tableId: rule.tableId, version: rule.version }],
    note: ` (provided in part: ${rule.values.paidPct}% paid)`,
  };
};
