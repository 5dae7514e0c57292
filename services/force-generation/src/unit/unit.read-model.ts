import { documentsOf } from '@coe/platform';
import type { Pool, PoolClient } from 'pg';
import { type Page, type PageRequest, selectPage } from '../shared/pagination';
import { type SelectedUnit, nextRotationDueOn } from './unit.decider';

/** A unit as GET /v1/units shows it: its state, and when the standard rotation falls due. */
export type UnitView = SelectedUnit & { nextRotationDueOn: string | null };

export type UnitFilter = { mission?: string; contributor?: string; status?: string };

export const unitStreamId = (unitId: string): string => `unit-${unitId}`;

export const unitView = (unit: SelectedUnit): UnitView => ({
  ...unit,
  nextRotationDueOn: nextRotationDueOn(unit),
});

export const saveUnit = async (
  tx: PoolClient,
  schema: string,
  unit: UnitView,
  streamVersion: bigint,
): Promise<void> => {
  await tx.query(
    `insert into ${schema}.units (unit_id, pledge_id, mission, contributor, status, stream_version, state)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (unit_id) do update set status = excluded.status, stream_version = excluded.stream_version,
       state = excluded.state`,
    [
      unit.unitId,
      unit.pledgeId,
      unit.mission,
      unit.contributor,
      unit.status,
      streamVersion.toString(),
      JSON.stringify(unit),
    ],
  );
};

/** The documents the new events name, recorded with the unit for GET /v1/documents/{sha256}. */
export const saveUnitDocuments = async (
  tx: PoolClient,
  schema: string,
  unitId: string,
  events: { data: unknown }[],
): Promise<void> => {
  const hashes = events.flatMap((event) => documentsOf(event.data).map((document) => document.sha256));
  if (hashes.length === 0) return;
  await tx.query(
    `insert into ${schema}.unit_documents (unit_id, sha256) select $1, unnest($2::text[]) on conflict do nothing`,
    [unitId, hashes],
  );
};

export const findUnit = async (
  pool: Pool,
  schema: string,
  unitId: string,
): Promise<{ unit: UnitView; streamVersion: bigint } | undefined> => {
  const { rows } = await pool.query<{ state: UnitView; stream_version: string }>(
    `select state, stream_version from ${schema}.units where unit_id = $1`,
    [unitId],
  );
  const row = rows[0];
  return row && { unit: row.state, streamVersion: BigInt(row.stream_version) };
};

export const listUnits = (
  pool: Pool,
  schema: string,
  filter: UnitFilter,
  page: PageRequest,
): Promise<Page<UnitView>> =>
  selectPage<UnitView>(
    pool,
    `${schema}.units`,
    [
      ['mission', filter.mission],
      ['contributor', filter.contributor],
      ['status', filter.status],
    ],
    page,
  );
