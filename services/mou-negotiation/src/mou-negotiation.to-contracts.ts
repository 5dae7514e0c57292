import { asStored, publishedBy, type ToContracts } from '@coe/messaging';
import type { MouEvent } from './mou/mou.events';

/**
 * What mou-negotiation publishes on its topic: an MOU's life as its contract states it (drafted, unit
 * movements, signatures, in force, the terms in force, withdrawn, closed), stored in that shape. The
 * negotiation itself (terms proposed, rounds, sending to the permanent mission, amendments until their
 * terms are in force) stays inside.
 */
export const mouNegotiationToContracts: ToContracts<'mou-negotiation', MouEvent> = {
  MouDrafted: asStored,
  MouUnitDeployed: asStored,
  MouUnitRepatriated: asStored,
  MouSigned: asStored,
  MouEnteredIntoForce: asStored,
  MouTermsInForce: asStored,
  MouWithdrawn: asStored,
  MouClosed: asStored,
};

export const mouNegotiationPublished = publishedBy('mou-negotiation', mouNegotiationToContracts);
