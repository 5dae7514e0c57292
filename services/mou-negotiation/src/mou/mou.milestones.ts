import type { MouParty } from '@coe/contracts';
import type { SignMou } from './mou.commands';
import { attachedDocuments } from './mou.documents';
import { MouError } from './mou.errors';
import type { MouEvent } from './mou.events';
import { laterOf, open, partyName } from './mou.guards';
import type { DraftedMou, Mou } from './mou.state';

const other = (party: MouParty): MouParty => (party === 'un' ? 'contributor' : 'un');

// Either party may sign first, but only the text sent to the Permanent Mission (DOMAIN: negotiation
// rounds -> sent -> signed in either order); the second signature puts the MOU in force with annex
// version 1. The legacy register has signatures but no sending date: a signature already on record
// shows the text went out, so the other party may sign it.
export const sign = (command: SignMou['data'], state: Mou): MouEvent[] =>
  recordSignature(command, state, true);

/** A signature of the legacy register, whose columns carry no sending date (CONTRACT 4.1). */
export const signFromRegister = (command: SignMou['data'], state: Mou): MouEvent[] =>
  recordSignature(command, state, false);

const recordSignature = (command: SignMou['data'], state: Mou, sendingRequired: boolean): MouEvent[] => {
  const { mouId, party, signedOn } = command;
  const mou = open(state, mouId);
  const already = mou.signatures[party];
  if (already === signedOn) return []; // the same signature again: a retry, not a new fact
  if (already !== undefined) {
    throw new MouError(
      'MOU_ALREADY_SIGNED',
      `The ${partyName(party)} already signed MOU ${mou.mouRef} on ${already}.`,
      { party, signedOn: already },
    );
  }
  if (signedOn < mou.negotiationOpenedOn) {
    throw new MouError(
      'SIGNATURE_BEFORE_NEGOTIATION',
      `A signature on ${signedOn} is before negotiation opened (${mou.negotiationOpenedOn}).`,
      { negotiationOpenedOn: mou.negotiationOpenedOn },
    );
  }
  const first = mou.signatures[other(party)];
  const sentOn = mou.sentToPermanentMissionOn;
  if (sendingRequired && sentOn === null && first === undefined) {
    throw new MouError(
      'MOU_NOT_SENT',
      `MOU ${mou.mouRef} was never sent to the Permanent Mission; record the sending before a signature.`,
      { status: mou.status },
    );
  }
  if (sentOn !== null && signedOn < sentOn) {
    throw new MouError(
      'SIGNATURE_BEFORE_SENDING',
      `A signature on ${signedOn} is before the MOU was sent to the Permanent Mission (${sentOn}).`,
      { sentToPermanentMissionOn: sentOn },
    );
  }
  const data = { mouId, party, signedOn, ...attachedDocuments(command) };
  const signed: MouEvent = { type: 'MouSigned', data, effectiveOn: signedOn };
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
