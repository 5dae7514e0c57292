import { type Db, date, rows } from '../shared/sql';
import type { ClaimRun } from './claim-run.decider';
import type { ClaimRunOutcome } from './claim-run.events';

/**
 * The units a run for `period` looks at, by MOU reference: every MOU of the mission (or of all) whose
 * unit served a day of the month by its movements, and every MOU whose terms are known and whose unit's
 * movements are not (a register MOU of before movements were kept, so the claim itself decides). A
 * deployed unit whose MOU is not in force is looked at too, and answered MOU_TERMS_NOT_FOUND.
 */
export const claimRunCandidates = async (
  db: Db,
  schema: string,
  period: string,
  mission: string | null,
): Promise<string[]> =>
  (
    await rows<{ mou_id: string }>(
      db,
      `with month as (select ($1 || '-01')::date as first_day,
                             (($1 || '-01')::date + interval '1 month' - interval '1 day')::date as last_day),
            mous as (select mou_id, mou_ref, mission from ${schema}.known_mous
                     union select distinct on (mou_id) mou_id, mou_ref, mission from ${schema}.mou_terms),
            served as (select d.mou_id from ${schema}.unit_movements d, month
                        where d.kind = 'deployed' and d.on_date <= month.last_day
                          and not exists (select 1 from ${schema}.unit_movements r
                                           where r.mou_id = d.mou_id and r.kind = 'repatriated'
                                             and r.on_date >= d.on_date and r.on_date < month.first_day))
       select m.mou_id from mous m
        where ($2::text is null or m.mission = $2)
          and (m.mou_id in (select mou_id from served)
               or (m.mou_id in (select mou_id from ${schema}.mou_terms)
                   and not exists (select 1 from ${schema}.unit_movements u where u.mou_id = m.mou_id)))
        group by m.mou_id order by min(m.mou_ref), m.mou_id`,
      [period, mission],
    )
  ).map((r) => r.mou_id);

export const saveClaimRun = async (db: Db, schema: string, run: ClaimRun, version: bigint): Promise<void> => {
  if (run.status === 'none') return;
  const { start, outcomes } = run;
  const count = (o: ClaimRunOutcome['outcome']) => outcomes.filter((x) => x.outcome === o).length;
  await db.query(
    `insert into ${schema}.claim_runs (run_id, period, mission, status, prepared_on, prepared_by, units,
       processed, prepared, already_claimed, not_claimed, amount_usd, outcomes, certifications, version)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
       (select coalesce(sum((o->>'amountUsd')::numeric), 0) from jsonb_array_elements($12::jsonb) o), $12, $13, $14)
     on conflict (run_id) do update set status = excluded.status, processed = excluded.processed,
       prepared = excluded.prepared, already_claimed = excluded.already_claimed, not_claimed = excluded.not_claimed,
       amount_usd = excluded.amount_usd, outcomes = excluded.outcomes, certifications = excluded.certifications,
       version = excluded.version`,
    [
      start.runId,
      start.period,
      start.mission,
      run.status,
      start.preparedOn,
      start.preparedBy,
      start.mouIds.length,
      outcomes.length,
      count('prepared'),
      count('already-claimed'),
      count('not-claimed'),
      JSON.stringify(outcomes),
      run.certifications,
      version.toString(),
    ],
  );
};

export type ClaimRunSummary = {
  runId: string;
  period: string;
  mission: string | null;
  status: 'running' | 'completed';
  preparedOn: string;
  preparedBy: string;
  units: number;
  processed: number;
  prepared: number;
  alreadyClaimed: number;
  notClaimed: number;
  amountUsd: string;
  certifications: number;
};

export type ClaimRunDetail = ClaimRunSummary & {
  /** The units not claimed, with why: what the finance officer has to look at. */
  exceptions: Extract<ClaimRunOutcome, { outcome: 'not-claimed' }>[];
  outcomes: ClaimRunOutcome[];
  /** Claims of the run still awaiting certification. */
  awaitingCertification: number;
};

type Row = {
  run_id: string;
  period: string;
  mission: string | null;
  status: 'running' | 'completed';
  prepared_on: string;
  prepared_by: string;
  units: number;
  processed: number;
  prepared: number;
  already_claimed: number;
  not_claimed: number;
  amount_usd: string;
  certifications: number;
};

const COLUMNS = `r.run_id, r.period, r.mission, r.status, ${date('r.prepared_on')}, r.prepared_by, r.units, r.processed,
  r.prepared, r.already_claimed, r.not_claimed, r.amount_usd::text as amount_usd, r.certifications`;

const summary = (r: Row): ClaimRunSummary => ({
  runId: r.run_id,
  period: r.period,
  mission: r.mission,
  status: r.status,
  preparedOn: r.prepared_on,
  preparedBy: r.prepared_by,
  units: r.units,
  processed: r.processed,
  prepared: r.prepared,
  alreadyClaimed: r.already_claimed,
  notClaimed: r.not_claimed,
  amountUsd: r.amount_usd,
  certifications: r.certifications,
});

export const listClaimRuns = async (
  db: Db,
  schema: string,
  filter: { period?: string; mission?: string },
): Promise<ClaimRunSummary[]> =>
  (
    await rows<Row>(
      db,
      `select ${COLUMNS} from ${schema}.claim_runs r
        where ($1::text is null or r.period = $1) and ($2::text is null or r.mission = $2)
        order by r.period desc, r.prepared_on desc, r.run_id`,
      [filter.period ?? null, filter.mission ?? null],
    )
  ).map(summary);

export const loadClaimRun = async (db: Db, schema: string, runId: string): Promise<ClaimRunDetail | null> => {
  const [row] = await rows<Row & { outcomes: ClaimRunOutcome[]; awaiting: number }>(
    db,
    `select ${COLUMNS}, r.outcomes,
            (select count(*)::int from ${schema}.claims c
              where c.status = 'prepared'
                and c.claim_id::text in (select o->>'claimId' from jsonb_array_elements(r.outcomes) o
                                          where o->>'outcome' = 'prepared')) as awaiting
       from ${schema}.claim_runs r where r.run_id = $1`,
    [runId],
  );
  if (!row) return null;
  return {
    ...summary(row),
    exceptions: row.outcomes.filter(
      (o): o is Extract<ClaimRunOutcome, { outcome: 'not-claimed' }> => o.outcome === 'not-claimed',
    ),
    outcomes: row.outcomes,
    awaitingCertification: row.awaiting,
  };
};
