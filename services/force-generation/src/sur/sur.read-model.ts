import type { UnitType } from '@coe/contracts';
import type { Pool, PoolClient } from 'pg';
import { type Page, type PageRequest, selectPage } from '../shared/pagination';
import { type IssuedSur, type SurVariation, type SurVersion, currentVersion } from './sur.decider';

/** A SUR as GET /v1/surs shows it: every version, and the latest variation agreed with each contributor. */
export type SurView = {
  surId: string;
  mission: string;
  unitType: UnitType;
  currentVersion: number;
  versions: SurVersion[];
  variations: SurVariation[];
};

export const surStreamId = (surId: string): string => `sur-${surId}`;

export const surView = (sur: IssuedSur): SurView => ({
  surId: sur.surId,
  mission: sur.mission,
  unitType: sur.unitType,
  currentVersion: currentVersion(sur).version,
  versions: sur.versions,
  variations: sur.variations,
});

export const saveSur = async (
  tx: PoolClient,
  schema: string,
  view: SurView,
  streamVersion: bigint,
): Promise<void> => {
  await tx.query(
    `insert into ${schema}.surs (sur_id, mission, unit_type, current_version, stream_version, state)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (sur_id) do update set current_version = excluded.current_version,
       stream_version = excluded.stream_version, state = excluded.state`,
    [
      view.surId,
      view.mission,
      view.unitType,
      view.currentVersion,
      streamVersion.toString(),
      JSON.stringify(view),
    ],
  );
};

export const findSur = async (
  pool: Pool,
  schema: string,
  surId: string,
): Promise<{ view: SurView; streamVersion: bigint } | undefined> => {
  const { rows } = await pool.query<{ state: SurView; stream_version: string }>(
    `select state, stream_version from ${schema}.surs where sur_id = $1`,
    [surId],
  );
  const row = rows[0];
  return row && { view: row.state, streamVersion: BigInt(row.stream_version) };
};

export const listSurs = (
  pool: Pool,
  schema: string,
  filter: { mission?: string; unitType?: string },
  page: PageRequest,
): Promise<Page<SurView>> =>
  selectPage<SurView>(
    pool,
    `${schema}.surs`,
    [
      ['mission', filter.mission],
      ['unit_type', filter.unitType],
    ],
    page,
  );
