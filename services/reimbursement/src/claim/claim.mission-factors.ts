import type { MissionFactors } from '@coe/contracts';
import type { InForce, RateTableRef } from '../rate-table/rate-table.in-force';
import { type Money, ZERO, minMoney, money } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';

const FACTORS = ['extremeEnvironmentPct', 'intensifiedOperationalConditionPct', 'hostileActionPct'] as const;
export type MissionFactorName = (typeof FACTORS)[number];

/** The factors a claim applies: capped, with the incremental transportation factor per component. */
export type MissionFactorMultipliers = {
  /** 1 + (factors + transport if it applies) ÷ 100 */
  majorEquipment: Money;
  selfSustainment: Money;
  /** Factors the MOU or mission table set above the cap in force: paid at the cap. */
  capped: MissionFactorName[];
  /** The incremental transportation percentage of this MOU (0 when none). */
  transportPct: Money;
  sourcesMajorEquipment: RateTableRef[];
  sourcesSelfSustainment: RateTableRef[];
};

const ref = (table: RateTableRef | null | undefined): RateTableRef[] =>
  table ? [{ tableId: table.tableId, version: table.version }] : [];

/** The factors above a cap, for the rate-table route to refuse (MISSION_FACTOR_ABOVE_CAP). */
export const factorsAboveCap = (
  factors: MissionFactors,
  caps: InForce<'mission-factor-caps'>['values'] | null,
): MissionFactorName[] =>
  caps === null ? [] : FACTORS.filter((f) => money(factors[f]).greaterThan(caps[f]));

/**
 * Incremental transportation factor of one MOU: the percentage it sets, or `pctPerStep` for every whole
 * `stepKm` of its distance beyond the first `freeKm` (commonly 0.25 % per 800 km beyond the first 800 km
 * from the port of embarkation).
 */
export const transportPct = (
  mou: InForce<'incremental-transport'> | null,
  rule: InForce<'incremental-transport-rule'> | null,
  period: string,
): Money => {
  if (mou === null) return ZERO;
  if (mou.values.pct !== null) return money(mou.values.pct);
  const r =
    rule?.values ??
    fail('RATE_NOT_IN_FORCE', `No incremental-transport-rule rate table is in force for ${period}.`, {
      table: 'incremental-transport-rule',
      period,
    });
  const steps = Math.floor(Math.max((mou.values.distanceKm ?? 0) - r.freeKm, 0) / r.stepKm);
  return money(r.pctPerStep).times(steps);
};

/**
 * Mission factors never apply to personnel. Each factor (the mission's table in force, else the MOU's) is
 * capped by the cap in force: mou-negotiation accepts an MOU's factors, so a factor above the cap can only
 * be paid at the cap here (and the line says so). The MOU's incremental transportation factor is added to
 * the components its rule names.
 */
export const missionFactorMultipliers = (input: {
  mouFactors: MissionFactors;
  missionFactors: InForce<'mission-factors'> | null;
  caps: InForce<'mission-factor-caps'> | null;
  transport: InForce<'incremental-transport'> | null;
  transportRule: InForce<'incremental-transport-rule'> | null;
  period: string;
}): MissionFactorMultipliers => {
  const factors = input.missionFactors?.values ?? input.mouFactors;
  const caps = input.caps?.values ?? null;
  const capped = factorsAboveCap(factors, caps);
  const total = FACTORS.reduce(
    (sum, f) => sum.plus(caps === null ? money(factors[f]) : minMoney(money(factors[f]), money(caps[f]))),
    ZERO,
  );
  const transport = transportPct(input.transport, input.transportRule, input.period);
  const usesRule = input.transport !== null && input.transport.values.pct === null;
  const onEquipment =
    transport.greaterThan(0) && (!usesRule || input.transportRule!.values.appliesToMajorEquipment);
  const onSelfSustainment =
    transport.greaterThan(0) && (!usesRule || input.transportRule!.values.appliesToSelfSustainment);
  const base = [...ref(input.missionFactors), ...(capped.length > 0 ? ref(input.caps) : [])];
  const transportSources = [...ref(input.transport), ...(usesRule ? ref(input.transportRule) : [])];
  return {
    majorEquipment: money(1).plus(total.plus(onEquipment ? transport : ZERO).dividedBy(100)),
    selfSustainment: money(1).plus(total.plus(onSelfSustainment ? transport : ZERO).dividedBy(100)),
    capped,
    transportPct: transport,
    sourcesMajorEquipment: [...base, ...(onEquipment ? transportSources : [])],
    sourcesSelfSustainment: [...base, ...(onSelfSustainment ? transportSources : [])],
  };
};
