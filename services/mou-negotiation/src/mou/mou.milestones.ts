import type { MouParty } from '@coe/contracts';
import type { SignMou } from './mou.commands';
import { MouError } from './mou.errors';
import type { MouEvent } from './mou.events';
import { laterOf, open } from './mou.guards';
import type { DraftedMou, Mou } from './mou.state';

const other = (party: MouParty): MouParty => (party === 'un' ? 'contributor' : 'un');

// Either party may sign first; the second signature puts the MOU in force with annex version 1.
export const sign = (command: SignMou['data'], state: Mou): MouEvent[] => {
  const { mouId, party, signedOn } = command;
  const mou = open(state, mouId);
  const already = mou.signatures[party];
  if (already === signedOn) return []; // the same signature again: a retry, not a new fact
  if (already !== undefined) {
    throw new MouError('MOU_ALREADY_SIGNED', `The ${party} already signed MOU ${mou.mouRef} on ${already}.`, {
      party,
      signedOn: already,
    });
  }
  if (signedOn < mou.negotiationOpenedOn) {
    throw new MouError(
      'SIGNATURE_BEFORE_NEGOTIATION',
      `A signature on ${signedOn} is before negotiation opened (${mou.negotiationOpenedOn}).`,
      { negotiationOpenedOn: mou.negotiationOpenedOn },
    );
  }
  const signed: MouEvent = { type: 'MouSigned', data: { mouId, party, signedOn }, effectiveOn: signedOn };
  const first = mou.signatures[other(party)];
  if (first === undefined) return [signed];
  return [signed, ...entryIntoForce(mou, laterOf(first, signedOn))];
};

const entryIntoForce = (mou: DraftedMou, inForceOn: string): MouEvent[] => [
  { type: 'MouEnteredIntoForce', data: { mouId: mou.mouId, inForceOn }, effectiveOn: inForceOn },
  {
    type: 'MouTermsInForce',
    data: {
      mouId: mou.mouId,
      mouRef: mou.mouRef,
      mission: mou.mission,
      contributor: mou.contributor,
      unitId: mou.unitId,
      annexVersion: 1,
      effectiveOn: inForceOn,
      ...mou.terms,
    },
    effectiveOn: inForceOn,
  },
];

export const recordDeployment = (mou: DraftedMou, deployedOn: string): MouEvent[] => {
  if (mou.deployedOn === deployedOn) return [];
  if (mou.deployedOn !== null) {
    throw new MouError('UNIT_ALREADY_DEPLOYED', `The unit of ${mou.mouRef} deployed on ${mou.deployedOn}.`);
  }
  return [{ type: 'MouUnitDeployed', data: { mouId: mou.mouId, deployedOn }, effectiveOn: deployedOn }];
};

export const recordRepatriation = (mou: DraftedMou, repatriatedOn: string): MouEvent[] => {
  if (mou.repatriatedOn === repatriatedOn) return [];
  if (mou.deployedOn === null) {
    throw new MouError('UNIT_NOT_DEPLOYED', `The unit of ${mou.mouRef} has not deployed.`);
  }
  if (mou.repatriatedOn !== null) {
    throw new MouError(
      'UNIT_ALREADY_REPATRIATED',
      `The unit of ${mou.mouRef} repatriated on ${mou.repatriatedOn}.`,
    );
  }
  if (repatriatedOn < mou.deployedOn) {
    throw new MouError(
      'REPATRIATION_BEFORE_DEPLOYMENT',
      `Repatriation on ${repatriatedOn} is before deployment (${mou.deployedOn}).`,
    );
  }
  return [
    { type: 'MouUnitRepatriated', data: { mouId: mou.mouId, repatriatedOn }, effectiveOn: repatriatedOn },
  ];
};
