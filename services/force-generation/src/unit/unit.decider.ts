import type { Decider } from '@coe/event-store';
import type { AttachedDocument, UnitType } from '@coe/contracts';
import { addMonths, assertNotAfterToday, laterOf } from '../shared/business-date';
import type { UnitCommand } from './unit.commands';
import { attachedDocuments } from './unit.documents';
import { UnitError } from './unit.errors';
import type { UnitEvent, UnitRotated } from './unit.events';

// UN Manual for the Generation and Deployment of Military and Formed Police Units: arrival inspection
// within one month of arrival; contingents rotate every 12 months as standard.
export const ARRIVAL_INSPECTION_WITHIN_MONTHS = 1;
export const STANDARD_ROTATION_MONTHS = 12;

export type UnitStatus = 'selected' | 'deployed' | 'repatriated';

export type SelectedUnit = {
  status: UnitStatus;
  unitId: string;
  pledgeId: string;
  mission: string;
  contributor: string;
  unitName: string;
  unitType: UnitType;
  personnel: number;
  selectedOn: string;
  preDeploymentVisits: string[];
  /** Each pre-deployment visit with what the visiting team found, by date. */
  preDeploymentVisitFindings: { visitedOn: string; findings: string | null }[];
  deployedOn: string | null;
  /** `documents` only when the inspection came with some. */
  arrivalInspection: {
    inspectedOn: string;
    dueBy: string;
    late: boolean;
    documents?: AttachedDocument[];
  } | null;
  rotations: Omit<UnitRotated, 'unitId'>[];
  repatriatedOn: string | null;
  repatriationInspectedOn: string | null;
  /** Present only when the repatriation inspection came with documents. */
  repatriationInspectionDocuments?: AttachedDocument[];
};

export type Unit = { status: 'none' } | SelectedUnit;

const existing = (state: Unit, unitId: string): SelectedUnit => {
  if (state.status === 'none') throw new UnitError('UNIT_NOT_FOUND', `No unit ${unitId}.`);
  return state;
};

const notRepatriated = (unit: SelectedUnit): SelectedUnit => {
  if (unit.status === 'repatriated')
    throw new UnitError('UNIT_REPATRIATED', `Unit ${unit.unitId} was repatriated.`);
  return unit;
};

const beforeDeployment = (unit: SelectedUnit): void => {
  if (notRepatriated(unit).status === 'deployed') {
    throw new UnitError('UNIT_ALREADY_DEPLOYED', `Unit ${unit.unitId} deployed on ${unit.deployedOn}.`);
  }
};

type DeployedUnit = SelectedUnit & { deployedOn: string };

const inMissionArea = (unit: SelectedUnit): DeployedUnit => {
  if (notRepatriated(unit).deployedOn === null) {
    throw new UnitError('UNIT_NOT_DEPLOYED', `Unit ${unit.unitId} has not deployed.`);
  }
  return unit as DeployedUnit;
};

const assertOnOrAfter = (date: string, earliest: string, what: string): void => {
  if (date < earliest)
    throw new UnitError('UNIT_DATE_OUT_OF_ORDER', `${date} is before ${what} (${earliest}).`);
};

/** Arrival, or the latest rotation: where the current 12-month tour started. */
const tourStartedOn = (unit: DeployedUnit): string => unit.rotations.at(-1)?.rotatedOn ?? unit.deployedOn;

const decide = (command: UnitCommand, state: Unit): UnitEvent[] => {
  const { unitId } = command.data;
  if (command.type === 'SelectUnit') {
    if (state.status !== 'none') throw new UnitError('UNIT_ALREADY_EXISTS', `Unit ${unitId} exists.`);
    const { pledge, mission, selectedOn } = command.data;
    assertNotAfterToday('selectedOn', selectedOn, command.today);
    return [
      { type: 'UnitSelected', data: { unitId, ...pledge, mission, selectedOn }, effectiveOn: selectedOn },
    ];
  }
  const unit = existing(state, unitId);
  const { mission, contributor } = unit;
  switch (command.type) {
    case 'RecordPreDeploymentVisit': {
      const { visitedOn, findings } = command.data;
      beforeDeployment(unit);
      assertOnOrAfter(visitedOn, unit.selectedOn, 'the selection');
      assertNotAfterToday('visitedOn', visitedOn, command.today);
      return [
        {
          type: 'UnitPreDeploymentVisitRecorded',
          data: { unitId, visitedOn, findings },
          effectiveOn: visitedOn,
        },
      ];
    }
    case 'DeployUnit': {
      const { deployedOn } = command.data;
      beforeDeployment(unit);
      assertOnOrAfter(deployedOn, unit.selectedOn, 'the selection');
      assertOnOrAfter(deployedOn, unit.preDeploymentVisits.at(-1) ?? deployedOn, 'the pre-deployment visit');
      assertNotAfterToday('deployedOn', deployedOn, command.today);
      return [
        { type: 'UnitDeployed', data: { unitId, mission, contributor, deployedOn }, effectiveOn: deployedOn },
      ];
    }
    case 'RecordArrivalInspection': {
      const { inspectedOn } = command.data;
      const deployed = inMissionArea(unit);
      if (deployed.arrivalInspection !== null) {
        throw new UnitError(
          'UNIT_ARRIVAL_INSPECTION_ALREADY_RECORDED',
          `Unit ${unitId} had its arrival inspection.`,
        );
      }
      assertOnOrAfter(inspectedOn, deployed.deployedOn, 'the arrival in the mission area');
      assertNotAfterToday('inspectedOn', inspectedOn, command.today);
      // A late inspection is still a fact the inspectors' reports rest on: recorded, flagged, never refused.
      const dueBy = addMonths(deployed.deployedOn, ARRIVAL_INSPECTION_WITHIN_MONTHS);
      const late = inspectedOn > dueBy;
      return [
        {
          type: 'UnitArrivalInspected',
          data: { unitId, inspectedOn, dueBy, late, ...attachedDocuments(command.data) },
          effectiveOn: inspectedOn,
        },
      ];
    }
    case 'RotateUnit': {
      const { rotatedOn } = command.data;
      const deployed = inMissionArea(unit);
      const startedOn = tourStartedOn(deployed);
      if (rotatedOn <= startedOn) {
        throw new UnitError('UNIT_DATE_OUT_OF_ORDER', `A rotation must come after ${startedOn}.`);
      }
      assertNotAfterToday('rotatedOn', rotatedOn, command.today);
      const rotation = deployed.rotations.length + 1;
      const standardDueOn = addMonths(startedOn, STANDARD_ROTATION_MONTHS);
      return [
        { type: 'UnitRotated', data: { unitId, rotation, rotatedOn, standardDueOn }, effectiveOn: rotatedOn },
      ];
    }
    case 'RepatriateUnit': {
      const { repatriatedOn } = command.data;
      const deployed = inMissionArea(unit);
      const inspectedOn = deployed.arrivalInspection?.inspectedOn ?? deployed.deployedOn;
      assertOnOrAfter(
        repatriatedOn,
        laterOf(tourStartedOn(deployed), inspectedOn),
        'the last milestone in the mission area',
      );
      assertNotAfterToday('repatriatedOn', repatriatedOn, command.today);
      return [
        {
          type: 'UnitRepatriated',
          data: { unitId, mission, contributor, repatriatedOn },
          effectiveOn: repatriatedOn,
        },
      ];
    }
    case 'RecordRepatriationInspection': {
      const { inspectedOn } = command.data;
      if (unit.status !== 'repatriated') {
        throw new UnitError('UNIT_NOT_REPATRIATED', `Unit ${unitId} has not been repatriated.`);
      }
      if (unit.repatriationInspectedOn !== null) {
        throw new UnitError(
          'UNIT_REPATRIATION_INSPECTION_ALREADY_RECORDED',
          `Unit ${unitId} had its repatriation inspection.`,
        );
      }
      // The inspection usually precedes the departure of the equipment, so it may be dated before it.
      assertOnOrAfter(inspectedOn, unit.deployedOn!, 'the arrival in the mission area');
      assertNotAfterToday('inspectedOn', inspectedOn, command.today);
      const data = { unitId, inspectedOn, ...attachedDocuments(command.data) };
      return [{ type: 'UnitRepatriationInspected', data, effectiveOn: inspectedOn }];
    }
  }
};

const evolve = (state: Unit, event: UnitEvent): Unit => {
  if (event.type === 'UnitSelected') {
    return {
      status: 'selected',
      ...event.data,
      preDeploymentVisits: [],
      preDeploymentVisitFindings: [],
      deployedOn: null,
      arrivalInspection: null,
      rotations: [],
      repatriatedOn: null,
      repatriationInspectedOn: null,
    };
  }
  const unit = existing(state, event.data.unitId);
  switch (event.type) {
    case 'UnitPreDeploymentVisitRecorded':
      return {
        ...unit,
        preDeploymentVisits: [...unit.preDeploymentVisits, event.data.visitedOn].sort(),
        preDeploymentVisitFindings: [
          ...unit.preDeploymentVisitFindings,
          { visitedOn: event.data.visitedOn, findings: event.data.findings },
        ].sort((a, b) => a.visitedOn.localeCompare(b.visitedOn)),
      };
    case 'UnitDeployed':
      return { ...unit, status: 'deployed', deployedOn: event.data.deployedOn };
    case 'UnitArrivalInspected': {
      const { unitId: _unitId, ...arrivalInspection } = event.data;
      return { ...unit, arrivalInspection };
    }
    case 'UnitRotated': {
      const { rotation, rotatedOn, standardDueOn } = event.data;
      return { ...unit, rotations: [...unit.rotations, { rotation, rotatedOn, standardDueOn }] };
    }
    case 'UnitRepatriated':
      return { ...unit, status: 'repatriated', repatriatedOn: event.data.repatriatedOn };
    case 'UnitRepatriationInspected': {
      const { inspectedOn, documents } = event.data;
      return {
        ...unit,
        repatriationInspectedOn: inspectedOn,
        ...(documents ? { repatriationInspectionDocuments: documents } : {}),
      };
    }
  }
};

export const unitDecider: Decider<UnitCommand, UnitEvent, Unit> = {
  initialState: () => ({ status: 'none' }),
  evolve,
  decide,
};

/** When the current tour's standard 12-month rotation falls due (null unless in the mission area). */
export const nextRotationDueOn = (unit: SelectedUnit): string | null =>
  unit.status === 'deployed'
    ? addMonths(tourStartedOn(unit as DeployedUnit), STANDARD_ROTATION_MONTHS)
    : null;
