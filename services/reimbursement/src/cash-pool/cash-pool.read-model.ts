import { type Db, date, rows } from '../shared/sql';
import type { OutstandingLoan } from './loan.repayment';

export type FundMovementKind =
  | 'assessment'
  | 'payment'
  | 'loan-out'
  | 'loan-in'
  | 'repayment-out'
  | 'repayment-in';

/** A change of a mission fund's cash on a business date (negative: cash going out). */
export type FundMovement = {
  mission: string;
  onDate: string;
  amountUsd: string;
  kind: FundMovementKind;
  ref: string;
};

export const recordFundMovements = async (
  db: Db,
  schema: string,
  movements: FundMovement[],
): Promise<void> => {
  if (movements.length === 0) return;
  await db.query(
    `insert into ${schema}.fund_movements (mission, on_date, amount_usd, kind, ref)
     select mission, on_date, amount_usd, kind, ref
       from jsonb_to_recordset($1::jsonb) as x(mission text, on_date date, amount_usd numeric, kind text, ref text)`,
    [JSON.stringify(movements.map((m) => ({ ...m, on_date: m.onDate, amount_usd: m.amountUsd })))],
  );
};

export type FundCashOn = { mission: string; cashUsd: string };

/**
 * What each mission fund can count on at the end of `onDate`: its lowest balance on that day or any later
 * one, over every movement recorded so far whatever its business date. Spending more on `onDate` would
 * overdraw the fund on the later date (a payment dated after the run but recorded before it took its cash).
 */
export const fundCashOn = (db: Db, schema: string, onDate: string): Promise<FundCashOn[]> =>
  rows<FundCashOn>(
    db,
    `with daily as (
       select mission, on_date, sum(amount_usd) as amount from ${schema}.fund_movements group by mission, on_date
     ), balances as (
       select mission, on_date, sum(amount) over (partition by mission order by on_date) as balance from daily
     )
     select mission, least(
         coalesce(sum(amount) filter (where on_date <= $1), 0),
         coalesce(min(balance) filter (where on_date > $1), sum(amount) filter (where on_date <= $1), 0)
       )::numeric(16, 2)::text as "cashUsd"
       from (select d.mission, d.on_date, d.amount, b.balance from daily d join balances b using (mission, on_date)) x
      group by mission order by mission`,
    [onDate],
  );

export type FundPosition = {
  mission: string;
  receivedUsd: string;
  paidUsd: string;
  lentOutstandingUsd: string;
  borrowedOutstandingUsd: string;
  cashUsd: string;
};

const total = (kinds: string, sign = '') =>
  `(${sign}coalesce(sum(amount_usd) filter (where kind in (${kinds})), 0))::numeric(16, 2)::text`;

export const fundPositions = (db: Db, schema: string, asOf: string): Promise<FundPosition[]> =>
  rows<FundPosition>(
    db,
    `select mission, ${total("'assessment'")} as "receivedUsd", ${total("'payment'", '-')} as "paidUsd",
            ${total("'loan-out', 'repayment-in'", '-')} as "lentOutstandingUsd",
            ${total("'loan-in', 'repayment-out'")} as "borrowedOutstandingUsd",
            sum(amount_usd)::numeric(16, 2)::text as "cashUsd"
       from ${schema}.fund_movements where on_date <= $1 group by mission order by mission`,
    [asOf],
  );

export type LoanView = OutstandingLoan & { amountUsd: string; repaidUsd: string; paymentRunId: string };

const LOAN = `loan_id as "loanId", lender_mission as "lenderMission", borrower_mission as "borrowerMission",
  amount_usd::text as "amountUsd", repaid_usd::text as "repaidUsd", (amount_usd - repaid_usd)::text as "outstandingUsd",
  ${date('lent_on', '"lentOn"')}, payment_run_id as "paymentRunId"`;

export const listLoans = (
  db: Db,
  schema: string,
  filter: { mission?: string; outstanding?: boolean },
): Promise<LoanView[]> =>
  rows<LoanView>(
    db,
    `select ${LOAN} from ${schema}.loans
      where ($1::text is null or lender_mission = $1 or borrower_mission = $1)
        and ($2::boolean is null or (amount_usd > repaid_usd) = $2)
      order by lent_on, loan_id`,
    [filter.mission ?? null, filter.outstanding ?? null],
  );

export const saveLoans = async (
  db: Db,
  schema: string,
  loans: Omit<LoanView, 'outstandingUsd' | 'repaidUsd'>[],
): Promise<void> => {
  if (loans.length === 0) return;
  await db.query(
    `insert into ${schema}.loans (loan_id, lender_mission, borrower_mission, amount_usd, lent_on, payment_run_id)
     select loan_id, lender_mission, borrower_mission, amount_usd, lent_on, payment_run_id
       from jsonb_to_recordset($1::jsonb) as x(loan_id uuid, lender_mission text, borrower_mission text,
            amount_usd numeric, lent_on date, payment_run_id uuid)`,
    [
      JSON.stringify(
        loans.map((l) => ({
          loan_id: l.loanId,
          lender_mission: l.lenderMission,
          borrower_mission: l.borrowerMission,
          amount_usd: l.amountUsd,
          lent_on: l.lentOn,
          payment_run_id: l.paymentRunId,
        })),
      ),
    ],
  );
};

export const addRepaid = async (db: Db, schema: string, loanId: string, amountUsd: string): Promise<void> => {
  await db.query(`update ${schema}.loans set repaid_usd = repaid_usd + $2::numeric where loan_id = $1`, [
    loanId,
    amountUsd,
  ]);
};
