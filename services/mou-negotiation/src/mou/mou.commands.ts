import type { AnnexBLine, AnnexCCategory, MissionFactors, MouParty, UnitType } from '@coe/contracts';
import type { MouDocumented } from './mou.documents';
import type { AmendmentKind } from './mou.events';

/** An annex B line as a party proposes it: without `lineId` it is a new line, with one it replaces that line. */
export type AnnexBLineInput = Omit<AnnexBLine, 'lineId'> & { lineId?: string };

/** Explicit annex B edits: lines to add (new ids), lines to replace and lines to remove, by id. */
export type AnnexBEdits = {
  add?: Omit<AnnexBLine, 'lineId'>[];
  replace?: AnnexBLine[];
  remove?: string[];
};

export type TermsChangesInput = {
  personnelCeiling?: number;
  /** Annex B in full: every line on the table (by id) and new lines (without one). */
  annexB?: AnnexBLineInput[];
  annexBEdits?: AnnexBEdits;
  annexC?: AnnexCCategory[];
  missionFactors?: MissionFactors;
};

/** The configurable upper bound of each mission factor (settings table), handed to the decider. */
type Bounded = { missionFactorMaxPct: string };

export type DraftMou = {
  type: 'DraftMou';
  data: {
    mouId: string;
    mouRef: string;
    mission: string;
    contributor: string;
    unitId: string | null;
    unitName: string;
    unitType: UnitType;
    personnelCeiling: number;
    negotiationOpenedOn: string;
  };
};

export type ProposeMouTerms = {
  type: 'ProposeMouTerms';
  data: { mouId: string; proposedBy: MouParty; proposedOn: string; changes: TermsChangesInput } & Bounded;
};

export type SendMouToPermanentMission = {
  type: 'SendMouToPermanentMission';
  data: { mouId: string; sentOn: string } & MouDocumented;
};

export type SignMou = {
  type: 'SignMou';
  data: { mouId: string; party: MouParty; signedOn: string } & MouDocumented;
};

export type ProposeMouAmendment = {
  type: 'ProposeMouAmendment';
  data: {
    mouId: string;
    kind: AmendmentKind;
    description: string;
    proposedBy: MouParty;
    proposedOn: string;
    effectiveOn: string;
    changes: TermsChangesInput;
  } & Bounded;
};

export type ProposeMouAmendmentTerms = {
  type: 'ProposeMouAmendmentTerms';
  data: {
    mouId: string;
    amendmentNumber: number;
    proposedBy: MouParty;
    proposedOn: string;
    changes: TermsChangesInput;
  } & Bounded;
};

export type SignMouAmendment = {
  type: 'SignMouAmendment';
  data: { mouId: string; amendmentNumber: number; party: MouParty; signedOn: string };
};

export type WithdrawMouAmendment = {
  type: 'WithdrawMouAmendment';
  data: { mouId: string; amendmentNumber: number; withdrawnOn: string; reason: string };
};

export type WithdrawMou = {
  type: 'WithdrawMou';
  data: { mouId: string; withdrawnOn: string; reason: string };
};

export type CloseMou = { type: 'CloseMou'; data: { mouId: string; closedOn: string } };

export type RecordMouUnitDeployment = {
  type: 'RecordMouUnitDeployment';
  data: { mouId: string; deployedOn: string };
};

export type RecordMouUnitRepatriation = {
  type: 'RecordMouUnitRepatriation';
  data: { mouId: string; repatriatedOn: string };
};

/** One row of the legacy MOU register (CONTRACT.md 4.1), already checked for format. */
export type RegisterRow = {
  mouId: string;
  mouRef: string;
  mission: string;
  contributor: string;
  unitName: string;
  unitType: UnitType;
  personnelCeiling: number;
  negotiationOpenedOn: string;
  deployedOn: string | null;
  repatriatedOn: string | null;
  signedByContributorOn: string | null;
  signedByUnOn: string | null;
};

export type ImportMouFromRegister = { type: 'ImportMouFromRegister'; data: RegisterRow };

export type MouCommand =
  | DraftMou
  | ProposeMouTerms
  | SendMouToPermanentMission
  | SignMou
  | ProposeMouAmendment
  | ProposeMouAmendmentTerms
  | SignMouAmendment
  | WithdrawMouAmendment
  | WithdrawMou
  | CloseMou
  | RecordMouUnitDeployment
  | RecordMouUnitRepatriation
  | ImportMouFromRegister;
