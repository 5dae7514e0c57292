import type { MouParty } from '@coe/contracts';
import type { MouCommand, TermsChangesInput } from './mou.commands';
import type { MouEvent, TermsChanges } from './mou.events';
import { NO_MISSION_FACTORS, type Terms } from './mou.state';

// Builders for the decider specs: one MOU, DOS/MINUSMA/BGD/03, negotiation opened on 2018-01-15.
export const mouId = 'mou-1';
export const MAX_PCT = '5.00';

const header = { mouRef: 'DOS/MINUSMA/BGD/03', mission: 'MINUSMA', contributor: 'BGD', unitId: 'unit-7' };

export const draft = (): MouCommand => ({
  type: 'DraftMou',
  data: {
    mouId,
    ...header,
    unitName: 'BANBAT-3',
    unitType: 'INF',
    personnelCeiling: 850,
    negotiationOpenedOn: '2018-01-15',
  },
});

export const drafted = (): MouEvent => ({
  type: 'MouDrafted',
  data: { ...(draft().data as Extract<MouCommand, { type: 'DraftMou' }>['data']) },
  effectiveOn: '2018-01-15',
});

export const propose = (
  proposedBy: MouParty,
  proposedOn: string,
  changes: TermsChangesInput,
): MouCommand => ({
  type: 'ProposeMouTerms',
  data: { mouId, proposedBy, proposedOn, changes, missionFactorMaxPct: MAX_PCT },
});

export const proposed = (
  round: number,
  proposedBy: MouParty,
  proposedOn: string,
  changes: TermsChanges,
  amendmentNumber: number | null = null,
): MouEvent => ({
  type: 'MouTermsProposed',
  data: { mouId, amendmentNumber, round, proposedBy, proposedOn, changes },
  effectiveOn: proposedOn,
});

export const sign = (party: MouParty, signedOn: string): MouCommand => ({
  type: 'SignMou',
  data: { mouId, party, signedOn },
});

export const signed = (party: MouParty, signedOn: string): MouEvent => ({
  type: 'MouSigned',
  data: { mouId, party, signedOn },
  effectiveOn: signedOn,
});

export const sent = (sentOn: string): MouEvent => ({
  type: 'MouSentToPermanentMission',
  data: { mouId, sentOn },
  effectiveOn: sentOn,
});

export const enteredIntoForce = (inForceOn: string): MouEvent => ({
  type: 'MouEnteredIntoForce',
  data: { mouId, inForceOn },
  effectiveOn: inForceOn,
});

export const INITIAL_TERMS: Terms = {
  personnelCeiling: 850,
  annexB: [],
  annexC: [],
  missionFactors: NO_MISSION_FACTORS,
};

export const termsInForce = (
  annexVersion: number,
  effectiveOn: string,
  terms: Terms = INITIAL_TERMS,
): MouEvent => ({
  type: 'MouTermsInForce',
  data: { mouId, ...header, annexVersion, effectiveOn, ...terms },
  effectiveOn,
});

export const deployed = (deployedOn: string): MouEvent => ({
  type: 'MouUnitDeployed',
  data: { mouId, deployedOn },
  effectiveOn: deployedOn,
});

export const repatriated = (repatriatedOn: string): MouEvent => ({
  type: 'MouUnitRepatriated',
  data: { mouId, repatriatedOn },
  effectiveOn: repatriatedOn,
});

/** Drafted and signed by both parties on 2019-03-14: annex version 1 in force. */
export const inForceHistory = (): MouEvent[] => [
  drafted(),
  signed('contributor', '2019-03-02'),
  signed('un', '2019-03-14'),
  enteredIntoForce('2019-03-14'),
  termsInForce(1, '2019-03-14'),
];

export const truck = {
  category: 'support-vehicle-military',
  item: 'truck-cargo-5t',
  quantity: 12,
  lease: 'wet' as const,
  monthlyRateUsd: '1875.5',
};
