import type { Pool } from 'pg';
import { checksumOf, dumpVersion, existingTables } from './projection.checksum';
import { consumerName, type ProjectionDefinition, versionTables } from './projection.definition';
import { positionDifference } from './projection.position';
import { inTransaction } from './transaction';

export type SwitchOutcome =
  | { switched: false; reason: 'not-current' | 'behind-live' | 'waiting-for-same-position' }
  | {
      switched: true;
      live: number;
      next: number;
      liveChecksum: string;
      nextChecksum: string;
      samePosition: boolean;
    };

/**
 * Makes a caught-up rebuilt version the active one, in one repeatable-read transaction so both versions'
 * tables and positions are read from one snapshot. The checksums compare when both consumers had
 * applied exactly the same events; a rebuild that has more (the live version is behind, or parked an
 * event) switches without that guarantee only when `acceptDifferentPosition`.
 */
export const switchToRebuilt = (
  pool: Pool,
  schema: string,
  definition: ProjectionDefinition,
  live: number,
  next: number,
  acceptDifferentPosition: boolean,
): Promise<SwitchOutcome> =>
  inTransaction(
    pool,
    async (tx): Promise<SwitchOutcome> => {
      // row locks: a concurrent switch by another instance makes this one fail and retry later
      const { rows: pointers } = await tx.query<{ version: number; status: string }>(
        `select version, status from ${schema}.projection_versions
         where projection = $1 and version = any($2::int[]) for update`,
        [definition.name, [live, next]],
      );
      const statusOf = (v: number) => pointers.find((p) => p.version === v)?.status;
      if (statusOf(live) !== 'active' || statusOf(next) !== 'building')
        return { switched: false, reason: 'not-current' };
      const { onlyInFirst: missing, onlyInSecond: extra } = await positionDifference(
        tx,
        schema,
        consumerName(definition.name, live),
        consumerName(definition.name, next),
      );
      if (missing > 0) return { switched: false, reason: 'behind-live' };
      if (extra > 0 && !acceptDifferentPosition)
        return { switched: false, reason: 'waiting-for-same-position' };
      // a live version built before tables were added (rebuildWithout) compares on the tables it has
      const liveTables = versionTables(schema, definition, live);
      const common = await existingTables(tx, definition, liveTables);
      const liveChecksum = checksumOf(await dumpVersion(tx, definition, liveTables, common));
      const nextChecksum = checksumOf(
        await dumpVersion(tx, definition, versionTables(schema, definition, next), common),
      );
      const samePosition = extra === 0;
      await tx.query(
        `update ${schema}.projection_versions
         set status = 'retired', retired_at = now(), checksum_at_retirement = $3
         where projection = $1 and version = $2`,
        [definition.name, live, liveChecksum],
      );
      await tx.query(
        `update ${schema}.projection_versions
         set status = 'active', activated_at = now(), checksum_at_activation = $3, compared_with = $4,
           compared_at_same_position = $5
         where projection = $1 and version = $2`,
        [definition.name, next, nextChecksum, live, samePosition],
      );
      return { switched: true, live, next, liveChecksum, nextChecksum, samePosition };
    },
    'repeatable read',
  );
