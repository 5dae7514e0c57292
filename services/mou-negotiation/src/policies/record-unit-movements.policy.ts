import type { ContractEvent } from '@coe/contracts';
import { contractHandler, type EventHandler } from '@coe/messaging';
import type { PoolClient } from 'pg';
import { Logger } from '@nestjs/common';
import { MouError } from '../mou/mou.errors';
import {
  POLICY_ACTOR,
  type UnitMovement,
  liveMouOfUnit,
  lockUnit,
  movementCommand,
  movementEventIds,
  rememberMovement,
} from '../mou/mou.unit-movements';
import type { MouWriter } from '../mou/mou.writer';

const logger = new Logger('RecordUnitMovements');

/**
 * Unit deployed / repatriated → recorded on the unit's MOU, which the backlog report counts from. Events
 * of different streams arrive in any order, so a movement of a unit with no MOU yet is remembered and
 * applied when the MOU is drafted.
 */
export const recordUnitMovements = (writer: MouWriter, schema: string): EventHandler => {
  const record = async (
    event: ContractEvent<'force-generation', 'UnitDeployed' | 'UnitRepatriated'>,
    tx: PoolClient,
    movement: UnitMovement,
    movedOn: string,
  ): Promise<void> => {
    const { data } = event;
    await lockUnit(tx, data.unitId);
    const mouId = await liveMouOfUnit(tx, schema, data.unitId);
    if (mouId === null) {
      await rememberMovement(tx, schema, { unitId: data.unitId, movement, movedOn, eventId: event.id });
      return;
    }
    try {
      await writer.runIn(tx, mouId, movementCommand(mouId, movement, movedOn), {
        metadata: { actor: POLICY_ACTOR, correlationId: event.id, causationId: event.id },
        eventIds: movementEventIds(event.id),
      });
    } catch (error) {
      // e.g. a second, different deployment date: force generation's to correct; parking it would stop the rest
      if (!(error instanceof MouError)) throw error;
      logger.warn(`${event.type} ${event.id} not recorded on MOU ${mouId}: ${error.code}`);
    }
  };
  return contractHandler('force-generation', 'mou-negotiation.record-unit-movements', {
    UnitDeployed: (event, tx) => record(event, tx, 'deployed', event.data.deployedOn),
    UnitRepatriated: (event, tx) => record(event, tx, 'repatriated', event.data.repatriatedOn),
  });
};
