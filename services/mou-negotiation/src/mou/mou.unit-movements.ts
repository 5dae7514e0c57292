import type { EventMetadata, DecideOptions } from '@coe/event-store';
import { nameBasedUuid } from '@coe/platform';
import type { PoolClient } from 'pg';
import type { MouCommand } from './mou.commands';
import { MouError } from './mou.errors';
import type { DraftedMou } from './mou.state';

export type UnitMovement = 'deployed' | 'repatriated';

/** The actor of what this service records on its own, reacting to another service's events. */
export const POLICY_ACTOR: EventMetadata['actor'] = { sub: 'mou-negotiation:policy', roles: [] };

/**
 * Serialises, per unit, drafting its MOU and learning of its movements, so a movement is either seen by
 * the draft (pending row committed) or finds the MOU (row committed): never lost in between.
 */
export const lockUnit = async (tx: PoolClient, unitId: string): Promise<void> => {
  await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`coe-mou-unit:${unitId}`]);
};

export const liveMouOfUnit = async (
  tx: PoolClient,
  schema: string,
  unitId: string,
): Promise<string | null> => {
  const { rows } = await tx.query<{ mou_id: string }>(
    `select mou_id from ${schema}.mous where unit_id = $1 and status <> 'withdrawn'`,
    [unitId],
  );
  return rows[0]?.mou_id ?? null;
};

export const movementCommand = (mouId: string, movement: UnitMovement, movedOn: string): MouCommand =>
  movement === 'deployed'
    ? { type: 'RecordMouUnitDeployment', data: { mouId, deployedOn: movedOn } }
    : { type: 'RecordMouUnitRepatriation', data: { mouId, repatriatedOn: movedOn } };

/** Event ids of what a movement (force generation's event `causeId`) records: the same on every redelivery. */
export const movementEventIds =
  (causeId: string) =>
  (index: number): string =>
    nameBasedUuid(`mou-unit-movement:${causeId}:${index}`);

export const rememberMovement = async (
  tx: PoolClient,
  schema: string,
  movement: { unitId: string; movement: UnitMovement; movedOn: string; eventId: string },
): Promise<void> => {
  await tx.query(
    `insert into ${schema}.pending_unit_movements (unit_id, movement, moved_on, event_id) values ($1, $2, $3, $4)
     on conflict (unit_id, movement) do update set moved_on = excluded.moved_on, event_id = excluded.event_id`,
    [movement.unitId, movement.movement, movement.movedOn, movement.eventId],
  );
};

/** The writer's run of one command on the MOU (passed in: the writer calls this, so no import back). */
type Run<Written> = (command: MouCommand, options: DecideOptions) => Promise<Written>;

/** Applies (then forgets) the movements remembered for a newly drafted MOU's unit; the last write, or null. */
export const applyPendingMovements = async <Written>(
  tx: PoolClient,
  schema: string,
  mou: DraftedMou,
  metadata: EventMetadata,
  run: Run<Written>,
): Promise<Written | null> => {
  await lockUnit(tx, mou.unitId!);
  const { rows } = await tx.query<{ movement: UnitMovement; moved_on: string; event_id: string }>(
    `delete from ${schema}.pending_unit_movements where unit_id = $1
     returning movement, to_char(moved_on, 'YYYY-MM-DD') as moved_on, event_id`,
    [mou.unitId],
  );
  let last: Written | null = null;
  const order: UnitMovement[] = ['deployed', 'repatriated'];
  for (const row of rows.sort((a, b) => order.indexOf(a.movement) - order.indexOf(b.movement))) {
    try {
      last = await run(movementCommand(mou.mouId, row.movement, row.moved_on), {
        metadata: { actor: POLICY_ACTOR, correlationId: metadata.correlationId, causationId: row.event_id },
        eventIds: movementEventIds(row.event_id),
      });
    } catch (error) {
      // a movement the MOU refuses (e.g. repatriated before deployed) is force generation's to correct
      if (!(error instanceof MouError)) throw error;
    }
  }
  return last;
};
