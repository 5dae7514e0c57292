import { type Db, date, instant, rows } from '../shared/sql';
import type { PaymentRun } from './payment-run.decider';
import type { PaymentRunPlan } from './payment-run.plan';

type Known = Exclude<PaymentRun, { status: 'none' }>;

/** When the write was recorded: the proposal's instant, or the approval with its business date and instant. */
export type RunRecorded = { proposedAt: Date } | { approvedOn: string; approvedBy: string; approvedAt: Date };

export const savePaymentRun = async (
  db: Db,
  schema: string,
  run: Known,
  recorded: RunRecorded,
  version: bigint,
): Promise<void> => {
  const p = run.proposal;
  const approval = 'approvedAt' in recorded ? recorded : null;
  await db.query(
    `insert into ${schema}.payment_runs (run_id, quarter, run_on, status, proposed_on, proposed_by, proposed_at,
       approved_on, approved_by, approved_at, plan, version)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     on conflict (run_id) do update set status = excluded.status, approved_on = excluded.approved_on,
       approved_by = excluded.approved_by, approved_at = excluded.approved_at, version = excluded.version`,
    [
      p.runId,
      p.quarter,
      p.runOn,
      run.status,
      p.proposedOn,
      p.proposedBy,
      'proposedAt' in recorded ? recorded.proposedAt.toISOString() : null,
      approval?.approvedOn ?? null,
      approval?.approvedBy ?? null,
      approval?.approvedAt.toISOString() ?? null,
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
  /** Business date: the day the run was proposed. */
  proposedOn: string;
  proposedBy: string;
  /** The instant the proposal was recorded. */
  proposedAt: string | null;
  /** Business date: the day the run was approved (and executed). */
  approvedOn: string | null;
  approvedBy: string | null;
  /** The instant the approval was recorded. */
  approvedAt: string | null;
  plan: PaymentRunPlan;
  version: number;
};

const VIEW = `run_id as "runId", quarter, ${date('run_on', '"runOn"')}, status, ${date('proposed_on', '"proposedOn"')},
  proposed_by as "proposedBy", ${instant('proposed_at', '"proposedAt"')}, ${date('approved_on', '"approvedOn"')},
  approved_by as "approvedBy", ${instant('approved_at', '"approvedAt"')}, plan,
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
