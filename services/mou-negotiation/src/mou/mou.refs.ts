import type { Pool, PoolClient } from 'pg';

/** `DOS/<MISSION>/<ISO3>/<nn>`; references from before 2019 start with `DFS/`. */
export const MOU_REF_PATTERN = /^(DOS|DFS)\/([A-Z]{2,12})\/([A-Z]{3})\/(\d{2,4})$/;

/** True when `ref` is a reference of that mission and contributor. */
export const refMatches = (ref: string, mission: string, contributor: string): boolean => {
  const match = MOU_REF_PATTERN.exec(ref);
  return match !== null && match[2] === mission && match[3] === contributor;
};

/**
 * The next free reference of a mission and contributor: one above the highest number used, old `DFS/`
 * references included (the numbering went on when DFS became DOS), at least two digits.
 */
export const nextRef = (existing: readonly string[], mission: string, contributor: string): string => {
  const used = existing
    .filter((ref) => refMatches(ref, mission, contributor))
    .map((ref) => Number(MOU_REF_PATTERN.exec(ref)![4]));
  const next = Math.max(0, ...used) + 1;
  return `DOS/${mission}/${contributor}/${String(next).padStart(2, '0')}`;
};

export const nextMouRef = async (
  db: Pool | PoolClient,
  schema: string,
  mission: string,
  contributor: string,
): Promise<string> => {
  const { rows } = await db.query<{ mou_ref: string }>(
    `select mou_ref from ${schema}.mous where mission = $1 and contributor = $2`,
    [mission, contributor],
  );
  return nextRef(
    rows.map((row) => row.mou_ref),
    mission,
    contributor,
  );
};
