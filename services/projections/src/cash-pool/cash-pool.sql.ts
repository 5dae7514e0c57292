import type { Pool, PoolClient } from 'pg';
import {
  heldAt,
  knownPeriodSumsAsOfSql,
  periodSumsAsOfSql,
  type VersionTables,
} from '@coe/projection-engine';
import { cashPoolMeasures, type cashPoolProjection } from './cash-pool.projection';
import type { FundMovements } from './cash-pool.report';

export type CashPoolTables = VersionTables<keyof typeof cashPoolProjection.tables>;

/** Every fund movement by `asOf` as known at `knownAt`, summed per mission. */
export const fundMovementsAsKnownAt = async (
  db: Pool | PoolClient,
  t: CashPoolTables,
  asOf: string,
  knownAt: string,
): Promise<FundMovements[]> => {
  const zero = '0::numeric';
  const { rows } = await db.query<FundMovements>(
    `select mission, sum(received)::text as "receivedUsd", sum(paid)::text as "paidUsd",
       sum(lent)::text as "lentUsd", sum(borrowed)::text as "borrowedUsd",
       sum(repaid_to_it)::text as "repaidToItUsd", sum(repaid_by_it)::text as "repaidByItUsd"
     from (
       select mission, amount_usd as received, ${zero} as paid, ${zero} as lent, ${zero} as borrowed,
         ${zero} as repaid_to_it, ${zero} as repaid_by_it
       from ${t.fund_receipts} x where received_on <= $1::date and ${heldAt('x', '$2')}
       union all
       select mission, 0, amount_usd, 0, 0, 0, 0 from ${t.fund_payments} x
       where paid_on <= $1::date and ${heldAt('x', '$2')}
       union all
       select lender_mission, 0, 0, amount_usd, 0, 0, 0 from ${t.loans} x
       where lent_on <= $1::date and ${heldAt('x', '$2')}
       union all
       select borrower_mission, 0, 0, 0, amount_usd, 0, 0 from ${t.loans} x
       where lent_on <= $1::date and ${heldAt('x', '$2')}
       union all
       select l.lender_mission, 0, 0, 0, 0, r.amount_usd, 0
       from ${t.loan_repayments} r join ${t.loans} l on l.loan_id = r.loan_id
       where r.repaid_on <= $1::date and ${heldAt('r', '$2')} and ${heldAt('l', '$2')}
       union all
       select l.borrower_mission, 0, 0, 0, 0, 0, r.amount_usd
       from ${t.loan_repayments} r join ${t.loans} l on l.loan_id = r.loan_id
       where r.repaid_on <= $1::date and ${heldAt('r', '$2')} and ${heldAt('l', '$2')}
     ) movement
     group by mission`,
    [asOf, knownAt],
  );
  return rows;
};

/**
 * The same as known now: receipts and payments from the period sums (at most the years before `asOf`,
 * the months of its year and the rows of its month), loans and repayments from their rows.
 */
export const currentFundMovements = (
  db: Pool | PoolClient,
  t: CashPoolTables,
  asOf: string,
): Promise<FundMovements[]> => derivedFundMovements(db, t, asOf, null);

/**
 * The same as fundMovementsAsKnownAt from the period sums kept over recorded time (fund_sums_known), loans
 * and repayments from their rows held at `knownAt`; the caller checks the version keeps those sums.
 */
export const knownFundMovements = (
  db: Pool | PoolClient,
  t: CashPoolTables,
  asOf: string,
  knownAt: string,
): Promise<FundMovements[]> => derivedFundMovements(db, t, asOf, knownAt);

const derivedFundMovements = async (
  db: Pool | PoolClient,
  t: CashPoolTables,
  asOf: string,
  knownAt: string | null,
): Promise<FundMovements[]> => {
  const m = cashPoolMeasures(t, knownAt !== null);
  const params = knownAt === null ? [asOf] : [asOf, knownAt];
  const held = (alias: string) => (knownAt === null ? `${alias}.known_until is null` : heldAt(alias, '$2'));
  const { rows: sums } = await db.query<{ measure: string; key: string; amountUsd: string }>(
    knownAt === null
      ? periodSumsAsOfSql(t.fund_sums, [m.received, m.paid])
      : knownPeriodSumsAsOfSql(t.fund_sums_known, [m.received, m.paid], '$2'),
    params,
  );
  const { rows: loans } = await db.query<{
    mission: string;
    column: keyof FundMovements;
    amountUsd: string;
  }>(
    `select mission, "column", sum(amount_usd)::text as "amountUsd" from (
       select lender_mission as mission, 'lentUsd' as "column", amount_usd from ${t.loans} l
       where lent_on <= $1::date and ${held('l')}
       union all
       select borrower_mission, 'borrowedUsd', amount_usd from ${t.loans} l
       where lent_on <= $1::date and ${held('l')}
       union all
       select l.lender_mission, 'repaidToItUsd', r.amount_usd
       from ${t.loan_repayments} r join ${t.loans} l on l.loan_id = r.loan_id
       where r.repaid_on <= $1::date and ${held('r')} and ${held('l')}
       union all
       select l.borrower_mission, 'repaidByItUsd', r.amount_usd
       from ${t.loan_repayments} r join ${t.loans} l on l.loan_id = r.loan_id
       where r.repaid_on <= $1::date and ${held('r')} and ${held('l')}
     ) x group by mission, "column"`,
    params,
  );
  const funds = new Map<string, FundMovements>();
  const fund = (mission: string) =>
    funds.get(mission) ??
    funds
      .set(mission, {
        mission,
        receivedUsd: '0',
        paidUsd: '0',
        lentUsd: '0',
        borrowedUsd: '0',
        repaidToItUsd: '0',
        repaidByItUsd: '0',
      })
      .get(mission)!;
  for (const s of sums) fund(s.key)[s.measure === 'received' ? 'receivedUsd' : 'paidUsd'] = s.amountUsd;
  for (const l of loans) (fund(l.mission) as Record<string, string>)[l.column] = l.amountUsd;
  return [...funds.values()];
};
