import type { UnitDeployed, UnitRepatriated } from '@coe/contracts';
import type { EventHandler } from '@coe/messaging';
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
export const recordUnitMovements = (writer: MouWriter, schema: string): EventHandler => ({
  name: 'mou-negotiation.record-unit-movements',
  eventTypes: ['UnitDeployed', 'UnitRepatriated'],
  handle: async (event, tx) => {
    const data = event.data as UnitDeployed | UnitRepatriated;
    const [movement, movedOn]: [UnitMovement, string] =
      'deployedOn' in data ? ['deployed', data.deployedOn] : ['repatriated', data.repatriatedOn];
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
  },
});
