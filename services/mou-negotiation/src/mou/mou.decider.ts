import type { Decider } from '@coe/event-store';
import { decideAmendment } from './mou.amendments';
import { attachedDocuments } from './mou.documents';
import type { MouCommand } from './mou.commands';
import { MouError } from './mou.errors';
import type { MouEvent } from './mou.events';
import { drafted, negotiable, notBeforeNegotiation, open } from './mou.guards';
import { recordDeployment, recordRepatriation, sign } from './mou.milestones';
import { decideImport } from './mou.register';
import { evolve } from './mou.evolve';
import { type Mou, initialState, roundsOf } from './mou.state';
import { resolveChanges } from './mou.terms';

const decide = (command: MouCommand, state: Mou): MouEvent[] => {
  switch (command.type) {
    case 'DraftMou': {
      if (state.status !== 'none') {
        throw new MouError('MOU_ALREADY_DRAFTED', `MOU ${command.data.mouId} already exists.`);
      }
      return [
        { type: 'MouDrafted', data: { ...command.data }, effectiveOn: command.data.negotiationOpenedOn },
      ];
    }
    case 'ProposeMouTerms': {
      const { mouId, proposedBy, proposedOn, changes, missionFactorMaxPct } = command.data;
      const mou = negotiable(state, mouId);
      notBeforeNegotiation(mou, proposedOn, 'proposedOn');
      const resolved = resolveChanges(changes, mou.terms, mou.lineIdsIssued, missionFactorMaxPct);
      const data = {
        mouId,
        amendmentNumber: null,
        round: roundsOf(mou, null) + 1,
        proposedBy,
        proposedOn,
        changes: resolved,
      };
      return [{ type: 'MouTermsProposed', data, effectiveOn: proposedOn }];
    }
    case 'SendMouToPermanentMission': {
      const { mouId, sentOn } = command.data;
      const mou = negotiable(state, mouId);
      notBeforeNegotiation(mou, sentOn, 'sentOn');
      const data = { mouId, sentOn, ...attachedDocuments(command.data) };
      return [{ type: 'MouSentToPermanentMission', data, effectiveOn: sentOn }];
    }
    case 'SignMou':
      return sign(command.data, state);
    case 'WithdrawMou': {
      const { mouId, withdrawnOn, reason } = command.data;
      const mou = open(state, mouId);
      if (mou.status === 'in-force') {
        throw new MouError('MOU_ALREADY_IN_FORCE', `MOU ${mou.mouRef} is in force; it can only be closed.`);
      }
      notBeforeNegotiation(mou, withdrawnOn, 'withdrawnOn');
      return [{ type: 'MouWithdrawn', data: { mouId, withdrawnOn, reason }, effectiveOn: withdrawnOn }];
    }
    case 'CloseMou': {
      const { mouId, closedOn } = command.data;
      const mou = open(state, mouId);
      if (mou.repatriatedOn === null) {
        throw new MouError('UNIT_NOT_REPATRIATED', `The unit of ${mou.mouRef} has not repatriated.`);
      }
      if (closedOn < mou.repatriatedOn) {
        throw new MouError(
          'CLOSURE_BEFORE_REPATRIATION',
          `Closure on ${closedOn} is before repatriation (${mou.repatriatedOn}).`,
        );
      }
      if (mou.amendments.some((a) => a.status === 'negotiating')) {
        throw new MouError('AMENDMENT_IN_PROGRESS', `MOU ${mou.mouRef} has an amendment under negotiation.`);
      }
      return [{ type: 'MouClosed', data: { mouId, closedOn }, effectiveOn: closedOn }];
    }
    // Movements come from force generation (or the register) and are recorded whatever the MOU's status.
    case 'RecordMouUnitDeployment':
      return recordDeployment(drafted(state, command.data.mouId), command.data.deployedOn);
    case 'RecordMouUnitRepatriation':
      return recordRepatriation(drafted(state, command.data.mouId), command.data.repatriatedOn);
    case 'ImportMouFromRegister':
      return decideImport(command, state);
    case 'ProposeMouAmendment':
    case 'ProposeMouAmendmentTerms':
    case 'SignMouAmendment':
    case 'WithdrawMouAmendment':
      return decideAmendment(command, state);
  }
};

export const mouDecider: Decider<MouCommand, MouEvent, Mou> = { initialState, evolve, decide };

export const mouStreamId = (mouId: string): string => `mou-${mouId}`;
