import { type Db, date, rows } from '../shared/sql';
import type { PaymentRun } from './payment-run.decider';
import type { PaymentRunPlan } from './payment-run.plan';

type Known = Exclude<PaymentRun, { status: 'none' }>;

export const savePaymentRun = async (
  db: Db,
  schema: string,
  run: Known,
  approval: { approvedOn: string; approvedBy: string } | null,
  version: bigint,
): Promise<void> => {
  const p = run.proposal;
  await db.query(
    `insert into ${schema}.payment_runs (run_id, quarter, run_on, status, proposed_on, proposed_by, approved_on,
       approved_by, plan, version)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     on conflict (run_id) do update set status = excluded.status, approved_on = excluded.approved_on,
       approved_by = excluded.approved_by, version = excluded.version`,
    [
      p.runId,
      p.quarter,
      p.runOn,
      run.status,
      p.proposedOn,
      p.proposedBy,
      approval?.approvedOn ?? null,
      approval?.approvedBy ?? null,
      JSON.stringify(p.plan),
      version.toString(),
    ],
  );
};

export type PaymentRunView = {
  runId: string;
  quarter: string;
  runOn: string;
  status: 'proposed' | 'executed';
  proposedOn: string;
  proposedBy: string;
  approvedOn: string | null;
  approvedBy: string | null;
  plan: PaymentRunPlan;
  version: number;
};

const VIEW = `run_id as "runId", quarter, ${date('run_on', '"runOn"')}, status, ${date('proposed_on', '"proposedOn"')},
  proposed_by as "proposedBy", ${date('approved_on', '"approvedOn"')}, approved_by as "approvedBy", plan,
  version::int as version`;

export const listPaymentRuns = (
  db: Db,
  schema: string,
  quarter?: string,
): Promise<Omit<PaymentRunView, 'plan'>[]> =>
  rows(
    db,
    `select ${VIEW.replace(', plan,', ',')} from ${schema}.payment_runs where $1::text is null or quarter = $1
      order by run_on, proposed_on, run_id`,
    [quarter ?? null],
  );

export const getPaymentRun = async (
  db: Db,
  schema: string,
  runId: string,
): Promise<PaymentRunView | undefined> =>
  (
    await rows<PaymentRunView>(db, `select ${VIEW} from ${schema}.payment_runs where run_id = $1`, [runId])
  )[0];

/** The payment date of the latest executed run: a run may not be executed with an earlier date. */
export const lastExecutedRunOn = async (db: Db, schema: string): Promise<string | null> =>
  (
    await rows<{ last: string | null }>(
      db,
      `select ${date('max(run_on)', 'last')} from ${schema}.payment_runs where status = 'executed'`,
    )
  )[0]?.last ?? null;
