import type { AnnexBLine, AnnexCCategory, MissionFactors, MouParty, UnitType } from '@coe/contracts';
import type { AmendmentKind, MouTermsProposed } from './mou.events';

export type Terms = {
  personnelCeiling: number;
  annexB: AnnexBLine[];
  annexC: AnnexCCategory[];
  missionFactors: MissionFactors;
};

export type Signatures = Partial<Record<MouParty, string>>;

export type Amendment = {
  amendmentNumber: number;
  kind: AmendmentKind;
  description: string;
  status: 'negotiating' | 'in-force' | 'withdrawn';
  proposedOn: string;
  effectiveOn: string;
  terms: Terms;
  signatures: Signatures;
  annexVersion: number | null;
  signedOn: string | null;
  withdrawnOn: string | null;
};

export type MouStatus =
  | 'negotiating'
  | 'sent-to-permanent-mission'
  | 'signed-by-contributor'
  | 'signed-by-un'
  | 'in-force'
  | 'withdrawn'
  | 'closed';

export const MOU_STATUSES: readonly MouStatus[] = [
  'negotiating',
  'sent-to-permanent-mission',
  'signed-by-contributor',
  'signed-by-un',
  'in-force',
  'withdrawn',
  'closed',
];

/** One negotiation round (an amendment's proposal is its round 1). */
export type NegotiationRound = Omit<MouTermsProposed, 'mouId'>;

export type DraftedMou = {
  status: MouStatus;
  mouId: string;
  mouRef: string;
  mission: string;
  contributor: string;
  unitId: string | null;
  unitName: string;
  unitType: UnitType;
  negotiationOpenedOn: string;
  /** Annex A as drafted (what the legacy register calls `personnel`). */
  draftedPersonnelCeiling: number;
  negotiationRounds: NegotiationRound[];
  /** The terms on the table before entry into force; afterwards the terms in force. */
  terms: Terms;
  sentToPermanentMissionOn: string | null;
  signatures: Signatures;
  inForceOn: string | null;
  /** 0 until the MOU is in force, then 1, and n + 1 after each amendment in force. */
  annexVersion: number;
  termsEffectiveOn: string | null;
  amendments: Amendment[];
  /** Annex B line ids are `B001`, `B002`, ...: how many were issued. */
  lineIdsIssued: number;
  deployedOn: string | null;
  repatriatedOn: string | null;
  withdrawnOn: string | null;
  withdrawalReason: string | null;
  closedOn: string | null;
};

export type Mou = { status: 'none' } | DraftedMou;

export const NO_MISSION_FACTORS: MissionFactors = {
  extremeEnvironmentPct: '0.00',
  intensifiedOperationalConditionPct: '0.00',
  hostileActionPct: '0.00',
};

/** How many rounds the MOU itself (`null`) or one of its amendments has had. */
export const roundsOf = (mou: DraftedMou, amendmentNumber: number | null): number =>
  mou.negotiationRounds.filter((round) => round.amendmentNumber === amendmentNumber).length;

export const initialState = (): Mou => ({ status: 'none' });
