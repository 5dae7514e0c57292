import type {
  MouDrafted,
  MouParty,
  MouSigned,
  MouUnitDeployed,
  MouUnitRepatriated,
  MouWithdrawn,
} from '@coe/contracts';
import type { NewEvent } from '@coe/event-store';

// mou-negotiation's public events, as its store holds them (type + contract data + business date).

export const mouDrafted = (mouId: string, mission: string, negotiationOpenedOn: string): NewEvent => ({
  type: 'MouDrafted',
  data: {
    mouId,
    mouRef: `DOS/${mission}/${mouId}`,
    mission,
    contributor: 'BGD',
    unitId: null,
    unitName: `Unit ${mouId}`,
    unitType: 'INF',
    personnelCeiling: 850,
    negotiationOpenedOn,
  } satisfies MouDrafted,
  effectiveOn: negotiationOpenedOn,
});

export const unitDeployed = (mouId: string, deployedOn: string): NewEvent => ({
  type: 'MouUnitDeployed',
  data: { mouId, deployedOn } satisfies MouUnitDeployed,
  effectiveOn: deployedOn,
});

export const unitRepatriated = (mouId: string, repatriatedOn: string): NewEvent => ({
  type: 'MouUnitRepatriated',
  data: { mouId, repatriatedOn } satisfies MouUnitRepatriated,
  effectiveOn: repatriatedOn,
});

export const signed = (mouId: string, party: MouParty, signedOn: string): NewEvent => ({
  type: 'MouSigned',
  data: { mouId, party, signedOn } satisfies MouSigned,
  effectiveOn: signedOn,
});

/** Both signatures; the MOU enters into force at the later one. */
export const fullySigned = (mouId: string, contributorOn: string, unOn: string): NewEvent[] => [
  signed(mouId, 'contributor', contributorOn),
  signed(mouId, 'un', unOn),
  {
    type: 'MouEnteredIntoForce',
    data: { mouId, inForceOn: contributorOn > unOn ? contributorOn : unOn },
    effectiveOn: contributorOn > unOn ? contributorOn : unOn,
  },
];

export const withdrawn = (mouId: string, withdrawnOn: string): NewEvent => ({
  type: 'MouWithdrawn',
  data: { mouId, withdrawnOn, reason: 'unit no longer required' } satisfies MouWithdrawn,
  effectiveOn: withdrawnOn,
});
