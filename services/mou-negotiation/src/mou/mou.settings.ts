import type { Pool, PoolClient } from 'pg';

/** The upper bound of each mission factor, from this service's settings table (seeded with 5.00 by mou-003). */
export const missionFactorMaxPct = async (db: Pool | PoolClient, schema: string): Promise<string> => {
  const { rows } = await db.query<{ value: string }>(
    `select value from ${schema}.settings where name = 'mission_factor_max_pct'`,
  );
  const value = rows[0]?.value;
  if (value === undefined) throw new Error(`${schema}.settings has no mission_factor_max_pct`);
  return value;
};

/** A terms proposal's data with the configured bound the decider checks its mission factors against. */
export const withMissionFactorBound = async <Data extends object>(
  db: Pool | PoolClient,
  schema: string,
  data: Data,
): Promise<Data & { missionFactorMaxPct: string }> => ({
  ...data,
  missionFactorMaxPct: await missionFactorMaxPct(db, schema),
});
