import type { Pool } from 'pg';
import { type Comparison, compareVersions } from './projection.compare';
import { consumerName, type ProjectionDefinition, versionTables } from './projection.definition';
import { positionDifference } from './projection.position';
import { inTransaction } from './transaction';

/** What a completed replay stored: the comparison, and whether both versions had applied the same events. */
export type ReplayOutcome = Comparison & {
  liveVersion: number;
  samePosition: boolean;
  eventsOnlyInLive: number;
  eventsOnlyInReplay: number;
  /** Events the replay's consumer failed on (their effect is missing from the scratch copy). */
  parkedInReplay: number;
};

export type ReplayCheck =
  /** Already compared or finished (by another instance, or before a restart): nothing to do but clean up. */
  { kind: 'gone' } | { kind: 'waiting-for-same-position' } | { kind: 'compared'; outcome: ReplayOutcome };

export const DIFFERENCES_SHOWN = 100;

/**
 * Compares a caught-up replay's scratch version with the active one and stores the outcome, in one
 * repeatable-read transaction, as a rebuild's switch does: both versions' tables and positions come
 * from one snapshot, so the live version does not move while it is read. The comparison waits for a
 * moment where both had applied exactly the same events, and takes what it gets once
 * `acceptDifferentPosition` (the outcome then says `samePosition: false`).
 */
export const checkReplay = (
  pool: Pool,
  schema: string,
  definition: ProjectionDefinition,
  replayId: string,
  scratch: number,
  acceptDifferentPosition: boolean,
): Promise<ReplayCheck> =>
  inTransaction(
    pool,
    async (tx): Promise<ReplayCheck> => {
      // a row lock: another instance finishing the same replay makes this one fail and look again later
      const { rows: replays } = await tx.query<{ status: string; compared: boolean }>(
        `select status, outcome is not null as compared from ${schema}.audit_replays
         where replay_id = $1 for update`,
        [replayId],
      );
      if (replays[0]?.status !== 'running' || replays[0].compared) return { kind: 'gone' };
      const { rows: active } = await tx.query<{ version: number }>(
        `select version from ${schema}.projection_versions where projection = $1 and status = 'active'`,
        [definition.name],
      );
      const live = active[0]?.version;
      if (live === undefined) throw new Error(`No active version of ${definition.name} to compare with`);
      const scratchConsumer = consumerName(definition.name, scratch);
      const { onlyInFirst: eventsOnlyInLive, onlyInSecond: eventsOnlyInReplay } = await positionDifference(
        tx,
        schema,
        consumerName(definition.name, live),
        scratchConsumer,
      );
      const samePosition = eventsOnlyInLive === 0 && eventsOnlyInReplay === 0;
      if (!samePosition && !acceptDifferentPosition) return { kind: 'waiting-for-same-position' };
      const { rows: parked } = await tx.query<{ n: number }>(
        `select count(*)::int as n from ${schema}.dead_letters where consumer = $1`,
        [scratchConsumer],
      );
      const comparison = await compareVersions(
        tx,
        definition,
        versionTables(schema, definition, live),
        versionTables(schema, definition, scratch),
        DIFFERENCES_SHOWN,
      );
      const outcome: ReplayOutcome = {
        liveVersion: live,
        samePosition,
        eventsOnlyInLive,
        eventsOnlyInReplay,
        parkedInReplay: parked[0]!.n,
        ...comparison,
      };
      // 'completed' once the scratch copy is gone (ProjectionReplays), so a completed replay left nothing
      await tx.query(
        `update ${schema}.audit_replays set live_version = $2, outcome = $3 where replay_id = $1`,
        [replayId, live, JSON.stringify(outcome)],
      );
      return { kind: 'compared', outcome };
    },
    'repeatable read',
  );
