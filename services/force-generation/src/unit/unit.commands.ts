import type { Documented } from '@coe/platform';
import type { UnitType } from '@coe/contracts';

// Every command carries `today` (UTC, YYYY-MM-DD) so the decider can refuse future dates without a clock.

/** The selected pledge as it stood when the pledge accepted the selection (same transaction). */
export type SelectedPledge = {
  pledgeId: string;
  contributor: string;
  unitName: string;
  unitType: UnitType;
  personnel: number;
};

export type SelectUnit = {
  type: 'SelectUnit';
  data: { unitId: string; pledge: SelectedPledge; mission: string; selectedOn: string };
  today: string;
};

export type RecordPreDeploymentVisit = {
  type: 'RecordPreDeploymentVisit';
  data: { unitId: string; visitedOn: string; findings: string | null };
  today: string;
};

export type DeployUnit = { type: 'DeployUnit'; data: { unitId: string; deployedOn: string }; today: string };

export type RecordArrivalInspection = {
  type: 'RecordArrivalInspection';
  data: { unitId: string; inspectedOn: string } & Documented;
  today: string;
};

export type RotateUnit = { type: 'RotateUnit'; data: { unitId: string; rotatedOn: string }; today: string };

export type RepatriateUnit = {
  type: 'RepatriateUnit';
  data: { unitId: string; repatriatedOn: string };
  today: string;
};

export type RecordRepatriationInspection = {
  type: 'RecordRepatriationInspection';
  data: { unitId: string; inspectedOn: string } & Documented;
  today: string;
};

export type UnitCommand =
  | SelectUnit
  | RecordPreDeploymentVisit
  | DeployUnit
  | RecordArrivalInspection
  | RotateUnit
  | RepatriateUnit
  | RecordRepatriationInspection;
