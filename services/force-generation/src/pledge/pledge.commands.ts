import type { UnitType } from '@coe/contracts';
import type { PledgeLevel, VisitOutcome } from './pledge.events';

// Every command carries `today` (UTC, YYYY-MM-DD) so the decider can refuse future dates without a clock.

export type RegisterPledge = {
  type: 'RegisterPledge';
  data: {
    pledgeId: string;
    contributor: string;
    unitName: string;
    unitType: UnitType;
    personnel: number;
    noteVerbaleOn: string;
  };
  today: string;
};

type Visit = { pledgeId: string; visitedOn: string; outcome: VisitOutcome; findings: string | null };

export type RecordAssessmentVisit = { type: 'RecordAssessmentVisit'; data: Visit; today: string };

export type RecordRdlVerificationVisit = { type: 'RecordRdlVerificationVisit'; data: Visit; today: string };

/** The SUR version named for L3, as the handler found it in the SUR read table. */
export type SurToAlignWith = { surId: string; surVersion: number; unitType: UnitType; versionOn: string };

export type ElevatePledge = {
  type: 'ElevatePledge';
  data: { pledgeId: string; level: PledgeLevel; elevatedOn: string; sur: SurToAlignWith | null };
  today: string;
};

export type WithdrawPledge = {
  type: 'WithdrawPledge';
  data: { pledgeId: string; withdrawnOn: string; reason: string };
  today: string;
};

export type SelectPledge = {
  type: 'SelectPledge';
  data: { pledgeId: string; unitId: string; mission: string; selectedOn: string };
  today: string;
};

export type PledgeCommand =
  | RegisterPledge
  | RecordAssessmentVisit
  | RecordRdlVerificationVisit
  | ElevatePledge
  | WithdrawPledge
  | SelectPledge;
