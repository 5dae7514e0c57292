import { deciderSpec } from '@coe/event-store/testing';
import type { UnitCommand } from './unit.commands';
import { unitDecider } from './unit.decider';
import type { UnitEvent } from './unit.events';

const given = deciderSpec(unitDecider);
const today = '2021-06-30';
const unitId = 'u-1';
const place = { mission: 'MINUSMA', contributor: 'BGD' };
const pledge = {
  pledgeId: 'p-1',
  contributor: 'BGD',
  unitName: 'BANBAT-1',
  unitType: 'INF',
  personnel: 850,
} as const;

const select = (selectedOn = '2019-04-15'): UnitCommand => ({
  type: 'SelectUnit',
  data: { unitId, pledge, mission: 'MINUSMA', selectedOn },
  today,
});
const selected = (selectedOn = '2019-04-15'): UnitEvent => ({
  type: 'UnitSelected',
  data: { unitId, ...pledge, mission: 'MINUSMA', selectedOn },
  effectiveOn: selectedOn,
});
const recordPdv = (visitedOn: string): UnitCommand => ({
  type: 'RecordPreDeploymentVisit',
  data: { unitId, visitedOn, findings: 'Ready' },
  today,
});
const pdv = (visitedOn: string): UnitEvent => ({
  type: 'UnitPreDeploymentVisitRecorded',
  data: { unitId, visitedOn, findings: 'Ready' },
  effectiveOn: visitedOn,
});
const deploy = (deployedOn: string): UnitCommand => ({
  type: 'DeployUnit',
  data: { unitId, deployedOn },
  today,
});
const deployed = (deployedOn: string): UnitEvent => ({
  type: 'UnitDeployed',
  data: { unitId, ...place, deployedOn },
  effectiveOn: deployedOn,
});
const inspectArrival = (inspectedOn: string): UnitCommand => ({
  type: 'RecordArrivalInspection',
  data: { unitId, inspectedOn },
  today,
});
const arrivalInspected = (inspectedOn: string, dueBy: string, late: boolean): UnitEvent => ({
  type: 'UnitArrivalInspected',
  data: { unitId, inspectedOn, dueBy, late },
  effectiveOn: inspectedOn,
});
const rotate = (rotatedOn: string): UnitCommand => ({
  type: 'RotateUnit',
  data: { unitId, rotatedOn },
  today,
});
const rotated = (rotation: number, rotatedOn: string, standardDueOn: string): UnitEvent => ({
  type: 'UnitRotated',
  data: { unitId, rotation, rotatedOn, standardDueOn },
  effectiveOn: rotatedOn,
});
const repatriate = (repatriatedOn: string): UnitCommand => ({
  type: 'RepatriateUnit',
  data: { unitId, repatriatedOn },
  today,
});
const repatriated = (repatriatedOn: string): UnitEvent => ({
  type: 'UnitRepatriated',
  data: { unitId, ...place, repatriatedOn },
  effectiveOn: repatriatedOn,
});
const inspectRepatriation = (inspectedOn: string): UnitCommand => ({
  type: 'RecordRepatriationInspection',
  data: { unitId, inspectedOn },
  today,
});
const repatriationInspected = (inspectedOn: string): UnitEvent => ({
  type: 'UnitRepatriationInspected',
  data: { unitId, inspectedOn },
  effectiveOn: inspectedOn,
});

const isSelected = [selected()];
const isDeployed = [...isSelected, pdv('2019-05-20'), deployed('2019-07-01')];
const isRepatriated = [...isDeployed, rotated(1, '2020-07-01', '2020-07-01'), repatriated('2021-01-15')];

describe('Unit', () => {
  describe('selection', () => {
    it('records UnitSelected with the pledge as it stood', () => given([]).when(select()).then([selected()]));

    it('refuses a unit id already used', () =>
      given(isSelected).when(select()).thenThrows('UNIT_ALREADY_EXISTS'));

    it('refuses a selection dated after today', () =>
      given([]).when(select('2021-07-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });

  describe('pre-deployment visit', () => {
    it('is recorded for a selected unit', () =>
      given(isSelected)
        .when(recordPdv('2019-05-20'))
        .then([pdv('2019-05-20')]));

    it('is refused for a unit that does not exist', () =>
      given([]).when(recordPdv('2019-05-20')).thenThrows('UNIT_NOT_FOUND'));

    it('is refused when dated before the selection', () =>
      given(isSelected).when(recordPdv('2019-04-01')).thenThrows('UNIT_DATE_OUT_OF_ORDER'));

    it('is refused once the unit has deployed', () =>
      given(isDeployed).when(recordPdv('2019-07-05')).thenThrows('UNIT_ALREADY_DEPLOYED'));

    it('is refused when dated after today', () =>
      given(isSelected).when(recordPdv('2021-07-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });

  describe('deployment', () => {
    it('records UnitDeployed on the date of arrival in the mission area', () =>
      given([...isSelected, pdv('2019-05-20')])
        .when(deploy('2019-07-01'))
        .then([deployed('2019-07-01')]));

    it('may arrive on the day of selection', () =>
      given(isSelected)
        .when(deploy('2019-04-15'))
        .then([deployed('2019-04-15')]));

    it('is refused before the selection', () =>
      given(isSelected).when(deploy('2019-04-14')).thenThrows('UNIT_DATE_OUT_OF_ORDER'));

    it('is refused before the pre-deployment visit', () =>
      given([...isSelected, pdv('2019-05-20')])
        .when(deploy('2019-05-01'))
        .thenThrows('UNIT_DATE_OUT_OF_ORDER'));

    it('is refused twice', () =>
      given(isDeployed).when(deploy('2019-08-01')).thenThrows('UNIT_ALREADY_DEPLOYED'));

    it('is refused when dated after today', () =>
      given(isSelected).when(deploy('2021-07-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });

  describe('arrival inspection', () => {
    it('is on time within one month of arrival', () =>
      given(isDeployed)
        .when(inspectArrival('2019-08-01'))
        .then([arrivalInspected('2019-08-01', '2019-08-01', false)]));

    it('is accepted but flagged late after one month', () =>
      given(isDeployed)
        .when(inspectArrival('2019-08-02'))
        .then([arrivalInspected('2019-08-02', '2019-08-01', true)]));

    it('counts the month by the calendar (31 January + 1 month = 28 February)', () =>
      given([...isSelected, deployed('2019-01-31')])
        .when(inspectArrival('2019-03-01'))
        .then([arrivalInspected('2019-03-01', '2019-02-28', true)]));

    it('is refused before arrival', () =>
      given(isDeployed).when(inspectArrival('2019-06-30')).thenThrows('UNIT_DATE_OUT_OF_ORDER'));

    describe('with its report attached', () => {
      const report = {
        sha256: 'e'.repeat(64),
        title: 'Arrival inspection, signed',
        kind: 'inspection-report',
      };
      const stored = { sha256: report.sha256, mediaType: 'application/pdf', size: 30517 };
      const inspectWith = (storedDocuments: (typeof stored)[]): UnitCommand => ({
        type: 'RecordArrivalInspection',
        data: { unitId, inspectedOn: '2019-08-01', documents: [report], storedDocuments },
        today,
      });

      it('names the report by hash in the inspection, with its stored type and size', () =>
        given(isDeployed)
          .when(inspectWith([stored]))
          .then([
            {
              type: 'UnitArrivalInspected',
              effectiveOn: '2019-08-01',
              data: {
                unitId,
                inspectedOn: '2019-08-01',
                dueBy: '2019-08-01',
                late: false,
                documents: [{ ...report, mediaType: 'application/pdf', size: 30517 }],
              },
            },
          ]));

      it('refuses a report nobody uploaded', () =>
        given(isDeployed).when(inspectWith([])).thenThrows('DOCUMENT_NOT_UPLOADED'));
    });

    it('is refused before deployment', () =>
      given(isSelected).when(inspectArrival('2019-08-01')).thenThrows('UNIT_NOT_DEPLOYED'));

    it('is refused twice', () =>
      given([...isDeployed, arrivalInspected('2019-07-10', '2019-08-01', false)])
        .when(inspectArrival('2019-07-20'))
        .thenThrows('UNIT_ARRIVAL_INSPECTION_ALREADY_RECORDED'));

    it('is refused when dated after today', () =>
      given(isDeployed).when(inspectArrival('2021-07-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });

  describe('rotation', () => {
    it('records the first rotation, due 12 months after arrival', () =>
      given(isDeployed)
        .when(rotate('2020-06-20'))
        .then([rotated(1, '2020-06-20', '2020-07-01')]));

    it('numbers each rotation and dues it 12 months after the previous one', () =>
      given([...isDeployed, rotated(1, '2020-06-20', '2020-07-01')])
        .when(rotate('2021-06-25'))
        .then([rotated(2, '2021-06-25', '2021-06-20')]));

    it('is refused on or before the previous rotation', () =>
      given([...isDeployed, rotated(1, '2020-06-20', '2020-07-01')])
        .when(rotate('2020-06-20'))
        .thenThrows('UNIT_DATE_OUT_OF_ORDER'));

    it('is refused on or before arrival', () =>
      given(isDeployed).when(rotate('2019-07-01')).thenThrows('UNIT_DATE_OUT_OF_ORDER'));

    it('is refused before deployment', () =>
      given(isSelected).when(rotate('2020-06-20')).thenThrows('UNIT_NOT_DEPLOYED'));

    it('is refused when dated after today', () =>
      given(isDeployed).when(rotate('2021-07-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });

  describe('repatriation', () => {
    it('records UnitRepatriated', () =>
      given(isDeployed)
        .when(repatriate('2020-12-01'))
        .then([repatriated('2020-12-01')]));

    it('is refused before deployment', () =>
      given(isSelected).when(repatriate('2020-12-01')).thenThrows('UNIT_NOT_DEPLOYED'));

    it('is refused when dated before arrival', () =>
      given(isDeployed).when(repatriate('2019-06-30')).thenThrows('UNIT_DATE_OUT_OF_ORDER'));

    it('is refused when dated before the last rotation', () =>
      given([...isDeployed, rotated(1, '2020-06-20', '2020-07-01')])
        .when(repatriate('2020-06-01'))
        .thenThrows('UNIT_DATE_OUT_OF_ORDER'));

    it('is refused when dated after today', () =>
      given(isDeployed).when(repatriate('2021-07-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));

    describe('after it', () => {
      it.each([
        ['a second repatriation', repatriate('2021-02-01')],
        ['a rotation', rotate('2021-02-01')],
        ['an arrival inspection', inspectArrival('2021-02-01')],
        ['a deployment', deploy('2021-02-01')],
        ['a pre-deployment visit', recordPdv('2021-02-01')],
      ])('refuses %s', (_what, command) => given(isRepatriated).when(command).thenThrows('UNIT_REPATRIATED'));
    });
  });

  describe('repatriation inspection', () => {
    it('is recorded once the unit is repatriated, possibly dated before departure', () =>
      given(isRepatriated)
        .when(inspectRepatriation('2021-01-10'))
        .then([repatriationInspected('2021-01-10')]));

    it('is refused before repatriation', () =>
      given(isDeployed).when(inspectRepatriation('2020-12-01')).thenThrows('UNIT_NOT_REPATRIATED'));

    it('is refused when dated before arrival', () =>
      given(isRepatriated).when(inspectRepatriation('2019-06-01')).thenThrows('UNIT_DATE_OUT_OF_ORDER'));

    it('is refused twice', () =>
      given([...isRepatriated, repatriationInspected('2021-01-10')])
        .when(inspectRepatriation('2021-01-12'))
        .thenThrows('UNIT_REPATRIATION_INSPECTION_ALREADY_RECORDED'));

    it('is refused when dated after today', () =>
      given(isRepatriated).when(inspectRepatriation('2021-07-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });
});
