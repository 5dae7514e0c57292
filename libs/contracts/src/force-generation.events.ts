// Public shapes of force generation's facts (topic `<prefix>.force-generation.events`). Business dates
// are `YYYY-MM-DD` and also travel as the `coe_effectiveon` header.

export type UnitType =
  | 'INF'
  | 'MECH-INF'
  | 'ENG'
  | 'MED'
  | 'AVN'
  | 'SIG'
  | 'LOG'
  | 'MP'
  | 'EOD'
  | 'RECCE'
  | 'FPU'
  | 'TPT'
  | 'MAR'
  | 'OTHER';

export const UNIT_TYPES: readonly UnitType[] = [
  'INF',
  'MECH-INF',
  'ENG',
  'MED',
  'AVN',
  'SIG',
  'LOG',
  'MP',
  'EOD',
  'RECCE',
  'FPU',
  'TPT',
  'MAR',
  'OTHER',
];

/** Stream `unit-<unitId>`. A pledged unit selected for a mission (only at PCRS level 2 or higher). */
export type UnitSelected = {
  unitId: string;
  pledgeId: string;
  mission: string;
  contributor: string;
  unitName: string;
  unitType: UnitType;
  personnel: number;
  selectedOn: string;
};

/** Arrival in the mission area. */
export type UnitDeployed = { unitId: string; mission: string; contributor: string; deployedOn: string };

export type UnitRepatriated = { unitId: string; mission: string; contributor: string; repatriatedOn: string };

export type ForceGenerationEvents = {
  UnitSelected: UnitSelected;
  UnitDeployed: UnitDeployed;
  UnitRepatriated: UnitRepatriated;
};
