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
