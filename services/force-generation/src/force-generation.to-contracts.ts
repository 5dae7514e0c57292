import { asStored, publishedBy, type ToContracts } from '@coe/messaging';
import type { UnitEvent } from './unit/unit.events';

/**
 * What force generation publishes on its topic: a unit's selection, deployment and repatriation, stored
 * exactly in their contract's shape. Pledges, SURs, visits, inspections and rotations stay inside.
 */
export const forceGenerationToContracts: ToContracts<'force-generation', UnitEvent> = {
  UnitSelected: asStored,
  UnitDeployed: asStored,
  UnitRepatriated: asStored,
};

export const forceGenerationPublished = publishedBy('force-generation', forceGenerationToContracts);
