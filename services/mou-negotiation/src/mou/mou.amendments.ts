import type { MouParty } from '@coe/contracts';
import type {
  ProposeMouAmendment,
  ProposeMouAmendmentTerms,
  SignMouAmendment,
  WithdrawMouAmendment,
} from './mou.commands';
import { MouError } from './mou.errors';
import type { MouEvent } from './mou.events';
import { laterOf, open, partyName } from './mou.guards';
import { type Amendment, type DraftedMou, type Mou, roundsOf } from './mou.state';
import { resolveChanges } from './mou.terms';

type AmendmentCommand =
  | ProposeMouAmendment
  | ProposeMouAmendmentTerms
  | SignMouAmendment
  | WithdrawMouAmendment;

const inForce = (state: Mou, mouId: string): DraftedMou => {
  const mou = open(state, mouId);
  if (mou.status !== 'in-force') {
    throw new MouError('MOU_NOT_IN_FORCE', `MOU ${mou.mouRef} is not in force; negotiate it instead.`);
  }
  return mou;
};

const found = (mou: DraftedMou, amendmentNumber: number): Amendment => {
  const amendment = mou.amendments.find((a) => a.amendmentNumber === amendmentNumber);
  if (!amendment) {
    throw new MouError('AMENDMENT_NOT_FOUND', `MOU ${mou.mouRef} has no amendment ${amendmentNumber}.`);
  }
  return amendment;
};

const underNegotiation = (mou: DraftedMou, amendmentNumber: number): Amendment => {
  const amendment = found(mou, amendmentNumber);
  if (amendment.status !== 'negotiating') {
    throw new MouError('AMENDMENT_NOT_NEGOTIABLE', `Amendment ${amendmentNumber} is ${amendment.status}.`, {
      status: amendment.status,
    });
  }
  return amendment;
};

const notBeforeProposal = (
  amendment: Amendment,
  date: string,
  field: string,
  code: 'SIGNATURE_BEFORE_NEGOTIATION' | 'AMENDMENT_DATE_OUT_OF_ORDER',
): void => {
  if (date < amendment.proposedOn) {
    throw new MouError(
      code,
      `${field} ${date} is before amendment ${amendment.amendmentNumber} was proposed (${amendment.proposedOn}).`,
      {
        field,
      },
    );
  }
};

const other = (party: MouParty): MouParty => (party === 'un' ? 'contributor' : 'un');

/** A fully signed amendment creates the next annex version, in force from the amendment's stated date. */
const amendmentInForce = (mou: DraftedMou, amendment: Amendment, signedOn: string): MouEvent[] => {
  const annexVersion = mou.annexVersion + 1;
  const { mouId } = mou;
  const { amendmentNumber, effectiveOn } = amendment;
  return [
    {
      type: 'MouAmendmentEnteredIntoForce',
      data: { mouId, amendmentNumber, annexVersion, signedOn, effectiveOn },
      effectiveOn: signedOn,
    },
    {
      type: 'MouTermsInForce',
      data: {
        mouId,
        mouRef: mou.mouRef,
        mission: mou.mission,
        contributor: mou.contributor,
        unitId: mou.unitId,
        annexVersion,
        effectiveOn,
        ...amendment.terms,
      },
      effectiveOn,
    },
  ];
};

export const decideAmendment = (command: AmendmentCommand, state: Mou): MouEvent[] => {
  switch (command.type) {
    case 'ProposeMouAmendment': {
      const { mouId, changes, missionFactorMaxPct, ...proposal } = command.data;
      const mou = inForce(state, mouId);
      if (mou.amendments.some((a) => a.status === 'negotiating')) {
        throw new MouError(
          'AMENDMENT_IN_PROGRESS',
          `MOU ${mou.mouRef} already has an amendment under negotiation.`,
        );
      }
      // Amended terms follow the terms they replace: proposed after entry into force, effective no earlier.
      if (proposal.proposedOn < mou.inForceOn! || proposal.effectiveOn < mou.termsEffectiveOn!) {
        throw new MouError(
          'AMENDMENT_DATE_OUT_OF_ORDER',
          `An amendment is proposed on or after ${mou.inForceOn} and takes effect on or after ${mou.termsEffectiveOn}.`,
          { inForceOn: mou.inForceOn, termsEffectiveOn: mou.termsEffectiveOn },
        );
      }
      const resolved = resolveChanges(changes, mou.terms, mou.lineIdsIssued, missionFactorMaxPct);
      const amendmentNumber = mou.amendments.length + 1;
      return [
        {
          type: 'MouAmendmentProposed',
          data: { mouId, amendmentNumber, ...proposal, changes: resolved },
          effectiveOn: proposal.proposedOn,
        },
      ];
    }
    case 'ProposeMouAmendmentTerms': {
      const { mouId, amendmentNumber, proposedBy, proposedOn, changes, missionFactorMaxPct } = command.data;
      const mou = inForce(state, mouId);
      const amendment = underNegotiation(mou, amendmentNumber);
      if (amendment.signatures.contributor || amendment.signatures.un) {
        throw new MouError('AMENDMENT_NOT_NEGOTIABLE', `Amendment ${amendmentNumber} is being signed.`, {
          status: 'signing',
        });
      }
      notBeforeProposal(amendment, proposedOn, 'proposedOn', 'AMENDMENT_DATE_OUT_OF_ORDER');
      const resolved = resolveChanges(changes, amendment.terms, mou.lineIdsIssued, missionFactorMaxPct);
      const data = {
        mouId,
        amendmentNumber,
        round: roundsOf(mou, amendmentNumber) + 1,
        proposedBy,
        proposedOn,
        changes: resolved,
      };
      return [{ type: 'MouTermsProposed', data, effectiveOn: proposedOn }];
    }
    case 'SignMouAmendment': {
      const { mouId, amendmentNumber, party, signedOn } = command.data;
      const mou = inForce(state, mouId);
      const already = found(mou, amendmentNumber).signatures[party];
      if (already === signedOn) return []; // the same signature again: a retry, not a new fact
      if (already !== undefined) {
        throw new MouError(
          'MOU_ALREADY_SIGNED',
          `The ${partyName(party)} already signed amendment ${amendmentNumber} on ${already}.`,
          {
            party,
            signedOn: already,
          },
        );
      }
      const amendment = underNegotiation(mou, amendmentNumber);
      notBeforeProposal(amendment, signedOn, 'signedOn', 'SIGNATURE_BEFORE_NEGOTIATION');
      const signed: MouEvent = {
        type: 'MouAmendmentSigned',
        data: { mouId, amendmentNumber, party, signedOn },
        effectiveOn: signedOn,
      };
      const first = amendment.signatures[other(party)];
      return first === undefined
        ? [signed]
        : [signed, ...amendmentInForce(mou, amendment, laterOf(first, signedOn))];
    }
    case 'WithdrawMouAmendment': {
      const { mouId, amendmentNumber, withdrawnOn, reason } = command.data;
      const mou = inForce(state, mouId);
      const amendment = underNegotiation(mou, amendmentNumber);
      notBeforeProposal(amendment, withdrawnOn, 'withdrawnOn', 'AMENDMENT_DATE_OUT_OF_ORDER');
      return [
        {
          type: 'MouAmendmentWithdrawn',
          data: { mouId, amendmentNumber, withdrawnOn, reason },
          effectiveOn: withdrawnOn,
        },
      ];
    }
  }
};
