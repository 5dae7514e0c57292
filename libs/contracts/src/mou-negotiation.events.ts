import type { AttachedDocument } from './documents';
import type { UnitType } from './force-generation.events';

// Public shapes of mou-negotiation's facts (topic `<prefix>.mou-negotiation.events`). Stream
// `mou-<mouId>`. Every event names its mouId; money is a decimal string in USD with 2 decimals.

export type MouParty = 'contributor' | 'un';

/** Negotiation opened on a drafted MOU (by the unit-selected policy, a clerk, or the legacy register). */
export type MouDrafted = {
  mouId: string;
  /** e.g. `DOS/MINUSMA/BGD/03`; unique. */
  mouRef: string;
  mission: string;
  contributor: string;
  /** Set when the MOU was drafted for a unit force generation knows. */
  unitId: string | null;
  unitName: string;
  unitType: UnitType;
  personnelCeiling: number;
  negotiationOpenedOn: string;
};

/** The MOU's unit arrived in the mission area (learned from force generation, or from the register). */
export type MouUnitDeployed = { mouId: string; deployedOn: string };
export type MouUnitRepatriated = { mouId: string; repatriatedOn: string };

/** One party's signature; either may sign first. `documents` (absent when none): e.g. the signed MOU. */
export type MouSigned = { mouId: string; party: MouParty; signedOn: string; documents?: AttachedDocument[] };

export type AnnexBLine = {
  lineId: string;
  category: string;
  item: string;
  quantity: number;
  lease: 'wet' | 'dry';
  monthlyRateUsd: string;
};

export type AnnexCCategory = { category: string; ratePerPersonUsd: string };

/** Percentages as decimal strings, e.g. `"2.50"`. */
export type MissionFactors = {
  extremeEnvironmentPct: string;
  intensifiedOperationalConditionPct: string;
  hostileActionPct: string;
};

/**
 * The terms in force from `effectiveOn`: emitted when the MOU enters into force (version 1, at the second
 * signature) and when an amendment does (version 2, 3, …). Reimbursement computes claims from these.
 */
export type MouTermsInForce = {
  mouId: string;
  mouRef: string;
  mission: string;
  contributor: string;
  unitId: string | null;
  annexVersion: number;
  effectiveOn: string;
  personnelCeiling: number;
  annexB: AnnexBLine[];
  annexC: AnnexCCategory[];
  missionFactors: MissionFactors;
};

/** Both parties signed: the day the MOU became fully signed (the later signature). */
export type MouEnteredIntoForce = { mouId: string; inForceOn: string };

export type MouWithdrawn = { mouId: string; withdrawnOn: string; reason: string };
export type MouClosed = { mouId: string; closedOn: string };

export type MouNegotiationEvents = {
  MouDrafted: MouDrafted;
  MouUnitDeployed: MouUnitDeployed;
  MouUnitRepatriated: MouUnitRepatriated;
  MouSigned: MouSigned;
  MouEnteredIntoForce: MouEnteredIntoForce;
  MouTermsInForce: MouTermsInForce;
  MouWithdrawn: MouWithdrawn;
  MouClosed: MouClosed;
};
