import type { IntegrationEvent, MouUnitDeployed, MouUnitRepatriated } from '@coe/contracts';
import type { EventHandler } from '@coe/messaging';
import { movementOf, recordUnitMovement } from './unit-movements.read-model';

export const UNIT_MOVEMENTS_HANDLER = 'reimbursement.unit-movements';

/**
 * mou-negotiation's MouUnitDeployed / MouUnitRepatriated (learned by it from force generation or the
 * legacy register) -> reimbursement's table of unit movements, from which a month's service days follow.
 * Rotations are not movements: the unit stays in the mission area and its strength by day says the rest.
 */
export const unitMovementsPolicy = (schema: string): EventHandler => ({
  name: UNIT_MOVEMENTS_HANDLER,
  eventTypes: ['MouUnitDeployed', 'MouUnitRepatriated'],
  handle: async (event: IntegrationEvent, tx) => {
    const type = event.type as 'MouUnitDeployed' | 'MouUnitRepatriated';
    await recordUnitMovement(
      tx,
      schema,
      movementOf(type, event.data as MouUnitDeployed | MouUnitRepatriated),
      event.id,
    );
  },
});
