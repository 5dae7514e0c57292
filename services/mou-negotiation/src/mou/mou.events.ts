import type { DomainEvent } from '@coe/event-store';
import type {
  AttachedDocument,
  AnnexBLine,
  AnnexCCategory,
  MissionFactors,
  MouClosed,
  MouDrafted,
  MouEnteredIntoForce,
  MouParty,
  MouSigned,
  MouTermsInForce,
  MouUnitDeployed,
  MouUnitRepatriated,
  MouWithdrawn,
} from '@coe/contracts';

// Stream `mou-<mouId>`. The events named in libs/contracts are public (same type and data); the others
// are this service's own business.

/** What a party proposes to change; a section left out stays as it is, a section given replaces it. */
export type TermsChanges = {
  personnelCeiling?: number;
  annexB?: AnnexBLine[];
  annexC?: AnnexCCategory[];
  missionFactors?: MissionFactors;
};

export const AMENDMENT_KINDS = ['personnel', 'equipment', 'rotation', 're-tasking'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/** One negotiation round: who proposed what, and when. `amendmentNumber` null: the MOU itself. */
export type MouTermsProposed = {
  mouId: string;
  amendmentNumber: number | null;
  round: number;
  proposedBy: MouParty;
  proposedOn: string;
  changes: TermsChanges;
};

/** `documents` (absent when none): e.g. the note verbale that went with the draft. */
export type MouSentToPermanentMission = { mouId: string; sentOn: string; documents?: AttachedDocument[] };

/** An amendment opened on an MOU in force; its terms take effect on `effectiveOn` once both parties sign. */
export type MouAmendmentProposed = {
  mouId: string;
  amendmentNumber: number;
  kind: AmendmentKind;
  description: string;
  proposedBy: MouParty;
  proposedOn: string;
  effectiveOn: string;
  changes: TermsChanges;
};

export type MouAmendmentSigned = {
  mouId: string;
  amendmentNumber: number;
  party: MouParty;
  signedOn: string;
};

/** Both parties signed the amendment: it creates annex version `annexVersion` from `effectiveOn`. */
export type MouAmendmentEnteredIntoForce = {
  mouId: string;
  amendmentNumber: number;
  annexVersion: number;
  signedOn: string;
  effectiveOn: string;
};

export type MouAmendmentWithdrawn = {
  mouId: string;
  amendmentNumber: number;
  withdrawnOn: string;
  reason: string;
};

export type MouEvent =
  | DomainEvent<'MouDrafted', MouDrafted>
  | DomainEvent<'MouTermsProposed', MouTermsProposed>
  | DomainEvent<'MouSentToPermanentMission', MouSentToPermanentMission>
  | DomainEvent<'MouSigned', MouSigned>
  | DomainEvent<'MouEnteredIntoForce', MouEnteredIntoForce>
  | DomainEvent<'MouTermsInForce', MouTermsInForce>
  | DomainEvent<'MouAmendmentProposed', MouAmendmentProposed>
  | DomainEvent<'MouAmendmentSigned', MouAmendmentSigned>
  | DomainEvent<'MouAmendmentEnteredIntoForce', MouAmendmentEnteredIntoForce>
  | DomainEvent<'MouAmendmentWithdrawn', MouAmendmentWithdrawn>
  | DomainEvent<'MouUnitDeployed', MouUnitDeployed>
  | DomainEvent<'MouUnitRepatriated', MouUnitRepatriated>
  | DomainEvent<'MouWithdrawn', MouWithdrawn>
  | DomainEvent<'MouClosed', MouClosed>;

export type MouEventType = MouEvent['type'];
