import type { MouEvent, TermsChanges } from './mou.events';
import {
  type Amendment,
  type DraftedMou,
  type Mou,
  type MouStatus,
  NO_MISSION_FACTORS,
  type Signatures,
  type Terms,
} from './mou.state';

const applyChanges = (terms: Terms, changes: TermsChanges): Terms => ({
  personnelCeiling: changes.personnelCeiling ?? terms.personnelCeiling,
  annexB: changes.annexB ?? terms.annexB,
  annexC: changes.annexC ?? terms.annexC,
  missionFactors: changes.missionFactors ?? terms.missionFactors,
});

// Line ids are issued in order (B001, B002, ...): the highest one seen is how many were issued.
const issuedIn = (changes: TermsChanges): number =>
  Math.max(0, ...(changes.annexB ?? []).map((line) => Number(/^B(\d+)$/.exec(line.lineId)?.[1] ?? 0)));

const signingStatus = (signatures: Signatures): MouStatus | null =>
  signatures.contributor ? 'signed-by-contributor' : signatures.un ? 'signed-by-un' : null;

const updateAmendment = (mou: DraftedMou, number: number, update: (a: Amendment) => Amendment): Amendment[] =>
  mou.amendments.map((a) => (a.amendmentNumber === number ? update(a) : a));

export const evolve = (state: Mou, event: MouEvent): Mou => {
  if (event.type === 'MouDrafted') {
    const { personnelCeiling, ...drafted } = event.data;
    return {
      ...drafted,
      status: 'negotiating',
      draftedPersonnelCeiling: personnelCeiling,
      negotiationRounds: [],
      terms: { personnelCeiling, annexB: [], annexC: [], missionFactors: NO_MISSION_FACTORS },
      sentToPermanentMissionOn: null,
      signatures: {},
      inForceOn: null,
      annexVersion: 0,
      termsEffectiveOn: null,
      amendments: [],
      lineIdsIssued: 0,
      deployedOn: null,
      repatriatedOn: null,
      withdrawnOn: null,
      withdrawalReason: null,
      closedOn: null,
    };
  }
  if (state.status === 'none') return state;
  const mou = state;
  switch (event.type) {
    case 'MouTermsProposed': {
      const { mouId: _mouId, ...round } = event.data;
      const { amendmentNumber, changes } = round;
      const next = {
        ...mou,
        negotiationRounds: [...mou.negotiationRounds, round],
        lineIdsIssued: Math.max(mou.lineIdsIssued, issuedIn(changes)),
      };
      if (amendmentNumber === null) return { ...next, terms: applyChanges(mou.terms, changes) };
      const amendments = updateAmendment(mou, amendmentNumber, (a) => ({
        ...a,
        terms: applyChanges(a.terms, changes),
      }));
      return { ...next, amendments };
    }
    case 'MouSentToPermanentMission':
      return { ...mou, status: 'sent-to-permanent-mission', sentToPermanentMissionOn: event.data.sentOn };
    case 'MouSigned': {
      const signatures = { ...mou.signatures, [event.data.party]: event.data.signedOn };
      return { ...mou, signatures, status: signingStatus(signatures) ?? mou.status };
    }
    case 'MouEnteredIntoForce':
      return { ...mou, status: 'in-force', inForceOn: event.data.inForceOn };
    case 'MouTermsInForce': {
      const { personnelCeiling, annexB, annexC, missionFactors, annexVersion, effectiveOn } = event.data;
      const terms = { personnelCeiling, annexB, annexC, missionFactors };
      return { ...mou, terms, annexVersion, termsEffectiveOn: effectiveOn };
    }
    case 'MouAmendmentProposed': {
      const { mouId: _mouId, proposedBy, changes, ...opened } = event.data;
      const { amendmentNumber, proposedOn } = opened;
      const amendment: Amendment = {
        ...opened,
        status: 'negotiating',
        terms: applyChanges(mou.terms, changes),
        signatures: {},
        annexVersion: null,
        signedOn: null,
        withdrawnOn: null,
      };
      return {
        ...mou,
        amendments: [...mou.amendments, amendment],
        negotiationRounds: [
          ...mou.negotiationRounds,
          { amendmentNumber, round: 1, proposedBy, proposedOn, changes },
        ],
        lineIdsIssued: Math.max(mou.lineIdsIssued, issuedIn(changes)),
      };
    }
    case 'MouAmendmentSigned': {
      const { amendmentNumber, party, signedOn } = event.data;
      return {
        ...mou,
        amendments: updateAmendment(mou, amendmentNumber, (a) => ({
          ...a,
          signatures: { ...a.signatures, [party]: signedOn },
        })),
      };
    }
    case 'MouAmendmentEnteredIntoForce': {
      const { amendmentNumber, annexVersion, signedOn } = event.data;
      return {
        ...mou,
        amendments: updateAmendment(mou, amendmentNumber, (a) => ({
          ...a,
          status: 'in-force',
          annexVersion,
          signedOn,
        })),
      };
    }
    case 'MouAmendmentWithdrawn': {
      const { amendmentNumber, withdrawnOn } = event.data;
      return {
        ...mou,
        amendments: updateAmendment(mou, amendmentNumber, (a) => ({
          ...a,
          status: 'withdrawn',
          withdrawnOn,
        })),
      };
    }
    case 'MouUnitDeployed':
      return { ...mou, deployedOn: event.data.deployedOn };
    case 'MouUnitRepatriated':
      return { ...mou, repatriatedOn: event.data.repatriatedOn };
    case 'MouWithdrawn':
      return {
        ...mou,
        status: 'withdrawn',
        withdrawnOn: event.data.withdrawnOn,
        withdrawalReason: event.data.reason,
      };
    case 'MouClosed':
      return { ...mou, status: 'closed', closedOn: event.data.closedOn };
  }
};
