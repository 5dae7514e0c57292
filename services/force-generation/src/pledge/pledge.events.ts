import type { DomainEvent } from '@coe/event-store';
import type { UnitType } from '@coe/contracts';

/** PCRS levels, in the only order a pledge climbs them. */
export type PledgeLevel = 'L1' | 'L2' | 'L3' | 'RDL';
export const PLEDGE_LEVELS: readonly PledgeLevel[] = ['L1', 'L2', 'L3', 'RDL'];

export type VisitOutcome = 'successful' | 'unsuccessful';
export const VISIT_OUTCOMES: readonly VisitOutcome[] = ['successful', 'unsuccessful'];

/** The SUR (id and version) a pledge was aligned with at L3. */
export type SurAlignment = { surId: string; surVersion: number };

/** L1: the note verbale registering the pledge. */
export type PledgeRegistered = {
  pledgeId: string;
  contributor: string;
  unitName: string;
  unitType: UnitType;
  personnel: number;
  noteVerbaleOn: string;
  level: 'L1';
};

export type PledgeAssessmentVisitRecorded = {
  pledgeId: string;
  visitedOn: string;
  outcome: VisitOutcome;
  findings: string | null;
};

export type PledgeRdlVerificationVisitRecorded = PledgeAssessmentVisitRecorded;

export type PledgeElevated = {
  pledgeId: string;
  from: PledgeLevel;
  to: PledgeLevel;
  elevatedOn: string;
  /** Set when the pledge reached L3. */
  alignedWith: SurAlignment | null;
};

export type PledgeWithdrawn = { pledgeId: string; level: PledgeLevel; withdrawnOn: string; reason: string };

/** Written with `UnitSelected` in the same transaction, so a pledge is never selected twice. */
export type PledgeSelected = { pledgeId: string; unitId: string; mission: string; selectedOn: string };

export type PledgeEvent =
  | DomainEvent<'PledgeRegistered', PledgeRegistered>
  | DomainEvent<'PledgeAssessmentVisitRecorded', PledgeAssessmentVisitRecorded>
  | DomainEvent<'PledgeRdlVerificationVisitRecorded', PledgeRdlVerificationVisitRecorded>
  | DomainEvent<'PledgeElevated', PledgeElevated>
  | DomainEvent<'PledgeWithdrawn', PledgeWithdrawn>
  | DomainEvent<'PledgeSelected', PledgeSelected>;
