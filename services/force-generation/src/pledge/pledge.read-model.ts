import type { Pool, PoolClient } from 'pg';
import { type Page, type PageRequest, selectPage } from '../shared/pagination';
import type { RegisteredPledge } from './pledge.decider';

/** A pledge as GET /v1/pledges shows it: its state, as the decider folds it. */
export type PledgeView = RegisteredPledge;

export type PledgeFilter = { mission?: string; contributor?: string; level?: string; status?: string };

export const pledgeStreamId = (pledgeId: string): string => `pledge-${pledgeId}`;

export const savePledge = async (
  tx: PoolClient,
  schema: string,
  pledge: PledgeView,
  streamVersion: bigint,
): Promise<void> => {
  await tx.query(
    `insert into ${schema}.pledges (pledge_id, contributor, unit_type, level, status, mission, stream_version, state)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (pledge_id) do update set level = excluded.level, status = excluded.status,
       mission = excluded.mission, stream_version = excluded.stream_version, state = excluded.state`,
    [
      pledge.pledgeId,
      pledge.contributor,
      pledge.unitType,
      pledge.level,
      pledge.status,
      pledge.selection?.mission ?? null,
      streamVersion.toString(),
      JSON.stringify(pledge),
    ],
  );
};

export const findPledge = async (
  pool: Pool,
  schema: string,
  pledgeId: string,
): Promise<{ pledge: PledgeView; streamVersion: bigint } | undefined> => {
  const { rows } = await pool.query<{ state: PledgeView; stream_version: string }>(
    `select state, stream_version from ${schema}.pledges where pledge_id = $1`,
    [pledgeId],
  );
  const row = rows[0];
  return row && { pledge: row.state, streamVersion: BigInt(row.stream_version) };
};

export const listPledges = (
  pool: Pool,
  schema: string,
  filter: PledgeFilter,
  page: PageRequest,
): Promise<Page<PledgeView>> =>
  selectPage<PledgeView>(
    pool,
    `${schema}.pledges`,
    [
      ['mission', filter.mission],
      ['contributor', filter.contributor],
      ['level', filter.level],
      ['status', filter.status],
    ],
    page,
  );

/**
 * Pledges of the same contributor for the same unit (name, ignoring case and outer spaces) on the same
 * note verbale date: most likely the same note entered twice. Takes a transaction lock per contributor
 * first, so two such registrations at once cannot both miss each other.
 */
export const findLikelyDuplicates = async (
  tx: PoolClient,
  schema: string,
  pledge: Pick<PledgeView, 'pledgeId' | 'contributor' | 'unitName' | 'noteVerbaleOn'>,
): Promise<string[]> => {
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `${schema}.pledges:${pledge.contributor}`,
  ]);
  const { rows } = await tx.query<{ pledge_id: string }>(
    `select pledge_id from ${schema}.pledges
      where contributor = $1 and pledge_id <> $2
        and lower(btrim(state->>'unitName')) = lower(btrim($3)) and state->>'noteVerbaleOn' = $4
      order by seq`,
    [pledge.contributor, pledge.pledgeId, pledge.unitName, pledge.noteVerbaleOn],
  );
  return rows.map((row) => row.pledge_id);
};
