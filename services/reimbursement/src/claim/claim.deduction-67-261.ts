import type { AnnexBLine } from '@coe/contracts';
import type { InForce, RateTableRef } from '../rate-table/rate-table.in-force';
import { type Money, ZERO, money, roundToCent, usd } from '../shared/money';
import type { EquipmentVerified } from '../verification/verification.events';
import type { ClaimBasis } from './claim.calculation';
import type { ClaimLine } from './claim.lines';

/** One annex B line's missing items, by what the inspectors found and by whom they are counted against. */
export type LineShortfall = {
  /** Items short of the MOU quantity: not present and serviceable. */
  missing: number;
  /** Of the missing: present but unserviceable (0 when the report has no breakdown). */
  unserviceable: number;
  /** Of the missing: absent (all of them when the report has no breakdown). */
  absent: number;
  /** Of the missing: not counted against the contributor under the exemptions in force. */
  exempt: number;
};

/**
 * Resolution 67/261, one annex B line. A report without the breakdown (recorded before it existed) counts
 * every missing item against the contributor, as it did then. With it, the exemptions in force remove
 * unserviceable dry-lease items (the UN repairs them), items lost in a recorded hostile-action incident and
 * items the UN asked not to deploy.
 */
export const lineShortfall = (
  line: AnnexBLine,
  verified: EquipmentVerified | undefined,
  exemptions: InForce<'deduction-exemptions'> | null,
): LineShortfall => {
  const counted = Math.min(verified?.presentAndServiceable ?? 0, line.quantity);
  const missing = line.quantity - counted;
  if (verified?.presentUnserviceable === undefined && verified?.absent === undefined) {
    return { missing, unserviceable: 0, absent: missing, exempt: 0 };
  }
  const unserviceable = Math.min(verified.presentUnserviceable ?? 0, missing);
  const absent = missing - unserviceable;
  const rules = exemptions?.values;
  const exempt =
    (rules?.dryLeaseUnserviceable && line.lease === 'dry' ? unserviceable : 0) +
    Math.min(
      (rules?.hostileActionLoss ? (verified.lostThroughHostileAction?.count ?? 0) : 0) +
        (rules?.notDeployedAtUnRequest ? (verified.notDeployedAtUnRequest?.count ?? 0) : 0),
      absent,
    );
  return { missing, unserviceable, absent, exempt };
};

/** The annex B totals the deduction compares, by value (MOU quantity × monthly rate, before factors). */
export type EquipmentValues = { required: Money; counted: Money; exempted: boolean };

export const noEquipmentValues = (): EquipmentValues => ({ required: ZERO, counted: ZERO, exempted: false });

export const addLineValues = (
  totals: EquipmentValues,
  quantity: number,
  monthlyRate: Money,
  shortfall: LineShortfall,
): EquipmentValues => ({
  required: totals.required.plus(monthlyRate.times(quantity)),
  counted: totals.counted.plus(monthlyRate.times(shortfall.missing - shortfall.exempt)),
  exempted: totals.exempted || shortfall.exempt > 0,
});

const ref = (table: RateTableRef | null): RateTableRef[] =>
  table ? [{ tableId: table.tableId, version: table.version }] : [];

/**
 * The deduction line, or null: shortfall s = value counted against the contributor ÷ value required; when
 * s exceeds the threshold t in force, −(personnel × s), or −(personnel × (s − t)) when the threshold
 * version's basis is `excess-over-threshold`. Personnel is the EXACT (unrounded) personnel amount, so the
 * line is rounded once, like every other line.
 */
export const deductionLine = (input: {
  personnelExact: Money;
  values: EquipmentValues;
  threshold: InForce<'deduction-threshold'>;
  exemptions: InForce<'deduction-exemptions'> | null;
  basis: ClaimBasis;
}): ClaimLine | null => {
  const { personnelExact, values, threshold, exemptions, basis } = input;
  const t = money(threshold.values.thresholdPct);
  // s > t, compared without dividing: counted × 100 > required × t
  if (!values.counted.times(100).greaterThan(values.required.times(t))) return null;
  const shortfall = values.counted.dividedBy(values.required);
  const excess = threshold.values.basis === 'excess-over-threshold';
  // (counted × 100 − required × t) ÷ (required × 100) = s − t/100, kept exact until the one rounding
  const amount = excess
    ? personnelExact
        .times(values.counted.times(100).minus(values.required.times(t)))
        .dividedBy(values.required.times(100))
    : personnelExact.times(values.counted).dividedBy(values.required);
  const pct = shortfall.times(100).toSignificantDigits(6).toString();
  return {
    kind: 'DEDUCTION_67_261',
    component: 'personnel',
    key: 'deduction-67-261',
    description: `Resolution 67/261: major equipment short by ${pct}% of the MOU requirement (threshold ${threshold.values.thresholdPct}%${excess ? ', deducted above it' : ''})${values.exempted ? ', exempt items not counted' : ''}`,
    quantity: (excess ? shortfall.minus(t.dividedBy(100)) : shortfall).toDecimalPlaces(10).toString(),
    rateUsd: usd(roundToCent(personnelExact)),
    factor: '-1',
    fraction: '1',
    amountUsd: usd(roundToCent(amount).negated()),
    sources: { ...basis, rateTables: [...ref(threshold), ...(values.exempted ? ref(exemptions) : [])] },
  };
};
