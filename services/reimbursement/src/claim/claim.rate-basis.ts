import type { InForce, RateTableRef } from '../rate-table/rate-table.in-force';
import type { RateTableKind } from '../rate-table/rate-table.events';
import { type Money, money, usd } from '../shared/money';
import type { RateBasis } from './claim.lines';

type TableInForce = RateTableRef & { effectiveFrom: string };

/** The rate a line is paid at, and the basis the claim line shows for it. */
export type GoverningRate = { rateUsd: Money; basis: RateBasis };

const tableOf = (table: TableInForce): TableInForce => ({
  tableId: table.tableId,
  version: table.version,
  effectiveFrom: table.effectiveFrom,
});

const named = (table: TableInForce) =>
  `the ${table.tableId} table version ${table.version}, in force from ${table.effectiveFrom}`;

/**
 * Which rate governs an annex B line or an annex C category (the one statement of the rule; README
 * "Which rate governs a claim line"):
 *
 * 1. The MOU records the rates agreed, and those are the generic rates the General Assembly approved, in
 *    force when it was signed. A revision of the generic rates applies to every MOU from its effective
 *    date without an amendment, so when the generic table in force on the month's first day lists the
 *    item (category, item, lease) or the self-sustainment category, its rate governs, whatever the MOU
 *    recorded; the line shows the MOU's rate beside it when they differ.
 * 2. An item or category the generic table in force does not list is a special case whose rate was
 *    negotiated with the contributor: the rate the MOU records governs.
 * 3. No generic table in force at all: the MOU's rate.
 */
export const governingRate = (input: {
  kind: Extract<RateTableKind, 'major-equipment' | 'self-sustainment'>;
  mou: { rateUsd: string; annexVersion: number };
  /** The generic table in force on the month's first day, if any, and its rate for the item if it lists it. */
  table: TableInForce | null;
  listedRateUsd: string | null;
  serviceDate: string;
}): GoverningRate => {
  const { kind, mou, table, listedRateUsd, serviceDate } = input;
  const generic = table && listedRateUsd !== null ? { rateUsd: listedRateUsd, table } : null;
  const mouRate = money(mou.rateUsd);
  const recorded = { mouVersion: mou.annexVersion, mouRateUsd: usd(mouRate) };
  const inMou = `the MOU (annex version ${mou.annexVersion})`;
  if (generic) {
    const rate = money(generic.rateUsd);
    const reason = rate.equals(mouRate)
      ? `Generic rate of ${named(generic.table)}; ${inMou} records the same rate.`
      : `Generic rate of ${named(generic.table)}; it governs over the ${usd(mouRate)} ${inMou} records, since revised generic rates apply to every MOU from their effective date.`;
    return {
      rateUsd: rate,
      basis: { source: 'rate-table', reason, rateTable: tableOf(generic.table), ...recorded },
    };
  }
  const reason = table
    ? `Not listed in ${named(table)}: a special case, at the rate agreed in ${inMou}.`
    : `No ${kind} table is in force on ${serviceDate}: the rate agreed in ${inMou}.`;
  return { rateUsd: mouRate, basis: { source: 'mou', reason, ...recorded } };
};

/** The personnel rate is the General Assembly's, from the table in force; an MOU records none. */
export const personnelRateBasis = (table: InForce<'personnel'>): RateBasis => ({
  source: 'rate-table',
  reason: `Rate per person per month set by the General Assembly: ${named(table)}; an MOU records no personnel rate.`,
  rateTable: tableOf(table),
});
