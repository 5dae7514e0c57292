import { contractHandler, type EventHandler } from '@coe/messaging';
import { movementOf, recordUnitMovement } from './unit-movements.read-model';

export const UNIT_MOVEMENTS_HANDLER = 'reimbursement.unit-movements';

/**
 * mou-negotiation's MouUnitDeployed / MouUnitRepatriated (learned by it from force generation or the
 * legacy register) -> reimbursement's table of unit movements, from which a month's service days follow.
 * Rotations are not movements: the unit stays in the mission area and its strength by day says the rest.
 */
export const unitMovementsPolicy = (schema: string): EventHandler =>
  contractHandler('mou-negotiation', UNIT_MOVEMENTS_HANDLER, {
    MouUnitDeployed: async (event, tx) => {
      await recordUnitMovement(tx, schema, movementOf(event.type, event.data), event.id);
    },
    MouUnitRepatriated: async (event, tx) => {
      await recordUnitMovement(tx, schema, movementOf(event.type, event.data), event.id);
    },
  });
