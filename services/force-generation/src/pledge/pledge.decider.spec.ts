import { deciderSpec } from '@coe/event-store/testing';
import type { UnitType } from '@coe/contracts';
import type { PledgeCommand, SurToAlignWith } from './pledge.commands';
import { pledgeDecider } from './pledge.decider';
import type { PledgeEvent, PledgeLevel, SurAlignment, VisitOutcome } from './pledge.events';

const given = deciderSpec(pledgeDecider);
const today = '2019-10-31';
const pledgeId = 'p-1';

const register = (noteVerbaleOn = '2019-01-15'): PledgeCommand => ({
  type: 'RegisterPledge',
  data: {
    pledgeId,
    contributor: 'BGD',
    unitName: 'BANBAT-1',
    unitType: 'INF',
    personnel: 850,
    noteVerbaleOn,
  },
  today,
});
const registered = (noteVerbaleOn = '2019-01-15'): PledgeEvent => ({
  type: 'PledgeRegistered',
  data: {
    pledgeId,
    contributor: 'BGD',
    unitName: 'BANBAT-1',
    unitType: 'INF',
    personnel: 850,
    noteVerbaleOn,
    level: 'L1',
  },
  effectiveOn: noteVerbaleOn,
});
const recordAav = (visitedOn: string, outcome: VisitOutcome = 'successful'): PledgeCommand => ({
  type: 'RecordAssessmentVisit',
  data: { pledgeId, visitedOn, outcome, findings: null },
  today,
});
const aav = (visitedOn: string, outcome: VisitOutcome = 'successful'): PledgeEvent => ({
  type: 'PledgeAssessmentVisitRecorded',
  data: { pledgeId, visitedOn, outcome, findings: null },
  effectiveOn: visitedOn,
});
const recordRdlVisit = (visitedOn: string, outcome: VisitOutcome = 'successful'): PledgeCommand => ({
  type: 'RecordRdlVerificationVisit',
  data: { pledgeId, visitedOn, outcome, findings: null },
  today,
});
const rdlVisit = (visitedOn: string, outcome: VisitOutcome = 'successful'): PledgeEvent => ({
  type: 'PledgeRdlVerificationVisitRecorded',
  data: { pledgeId, visitedOn, outcome, findings: null },
  effectiveOn: visitedOn,
});
const sur = (unitType: UnitType = 'INF', versionOn = '2019-01-01'): SurToAlignWith => ({
  surId: 's-1',
  surVersion: 2,
  unitType,
  versionOn,
});
const elevate = (
  level: PledgeLevel,
  elevatedOn: string,
  aligned: SurToAlignWith | null = null,
): PledgeCommand => ({
  type: 'ElevatePledge',
  data: { pledgeId, level, elevatedOn, sur: aligned },
  today,
});
const elevated = (
  from: PledgeLevel,
  to: PledgeLevel,
  elevatedOn: string,
  alignedWith: SurAlignment | null = null,
): PledgeEvent => ({
  type: 'PledgeElevated',
  data: { pledgeId, from, to, elevatedOn, alignedWith },
  effectiveOn: elevatedOn,
});
const withdraw = (withdrawnOn: string): PledgeCommand => ({
  type: 'WithdrawPledge',
  data: { pledgeId, withdrawnOn, reason: 'Troops needed at home' },
  today,
});
const withdrawn = (level: PledgeLevel, withdrawnOn: string): PledgeEvent => ({
  type: 'PledgeWithdrawn',
  data: { pledgeId, level, withdrawnOn, reason: 'Troops needed at home' },
  effectiveOn: withdrawnOn,
});
const select = (selectedOn: string): PledgeCommand => ({
  type: 'SelectPledge',
  data: { pledgeId, unitId: 'u-1', mission: 'MINUSMA', selectedOn },
  today,
});
const selected = (selectedOn: string): PledgeEvent => ({
  type: 'PledgeSelected',
  data: { pledgeId, unitId: 'u-1', mission: 'MINUSMA', selectedOn },
  effectiveOn: selectedOn,
});

const atL1 = [registered()];
const atL2 = [...atL1, aav('2019-03-01'), elevated('L1', 'L2', '2019-03-10')];
const atL3 = [...atL2, elevated('L2', 'L3', '2019-04-01', { surId: 's-1', surVersion: 2 })];
const atRdl = [...atL3, rdlVisit('2019-05-01'), elevated('L3', 'RDL', '2019-05-10')];

describe('PCRS pledge', () => {
  describe('registration (L1)', () => {
    it('registers the pledge at L1 on the date of its note verbale', () =>
      given([]).when(register()).then([registered()]));

    it('refuses a pledge id already registered', () =>
      given(atL1).when(register()).thenThrows('PLEDGE_ALREADY_REGISTERED'));

    it('refuses a note verbale dated after today', () =>
      given([]).when(register('2019-11-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });

  describe('Assessment and Advisory Visit', () => {
    it('records the visit and its outcome', () =>
      given(atL1)
        .when(recordAav('2019-03-01', 'unsuccessful'))
        .then([aav('2019-03-01', 'unsuccessful')]));

    it('refuses a visit to a pledge that does not exist', () =>
      given([]).when(recordAav('2019-03-01')).thenThrows('PLEDGE_NOT_FOUND'));

    it('refuses a visit dated before the note verbale', () =>
      given(atL1).when(recordAav('2019-01-01')).thenThrows('PLEDGE_DATE_OUT_OF_ORDER'));

    it('refuses a visit dated after today', () =>
      given(atL1).when(recordAav('2019-11-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });

  describe('L2', () => {
    it('is reached after a successful AAV', () =>
      given([...atL1, aav('2019-03-01')])
        .when(elevate('L2', '2019-03-10'))
        .then([elevated('L1', 'L2', '2019-03-10')]));

    it('is reached after a failed AAV followed by a successful one', () =>
      given([...atL1, aav('2019-02-01', 'unsuccessful'), aav('2019-03-01')])
        .when(elevate('L2', '2019-03-10'))
        .then([elevated('L1', 'L2', '2019-03-10')]));

    it('is refused without any AAV', () =>
      given(atL1).when(elevate('L2', '2019-03-10')).thenThrows('PLEDGE_AAV_REQUIRED'));

    it('is refused after an unsuccessful AAV only', () =>
      given([...atL1, aav('2019-03-01', 'unsuccessful')])
        .when(elevate('L2', '2019-03-10'))
        .thenThrows('PLEDGE_AAV_REQUIRED'));

    it('is refused on a date before the successful AAV', () =>
      given([...atL1, aav('2019-03-01')])
        .when(elevate('L2', '2019-02-20'))
        .thenThrows('PLEDGE_AAV_REQUIRED'));

    it('is refused when dated after today', () =>
      given([...atL1, aav('2019-03-01')])
        .when(elevate('L2', '2019-11-01'))
        .thenThrows('BUSINESS_DATE_IN_FUTURE'));

    it('refuses naming a SUR, which only L3 takes', () =>
      given([...atL1, aav('2019-03-01')])
        .when(elevate('L2', '2019-03-10', sur()))
        .thenThrows('PLEDGE_SUR_NOT_APPLICABLE'));
  });

  describe('L3', () => {
    it('is reached when aligned with a SUR of the same unit type, naming its id and version', () =>
      given(atL2)
        .when(elevate('L3', '2019-04-01', sur()))
        .then([elevated('L2', 'L3', '2019-04-01', { surId: 's-1', surVersion: 2 })]));

    it('is refused without a SUR', () =>
      given(atL2).when(elevate('L3', '2019-04-01')).thenThrows('PLEDGE_SUR_REQUIRED'));

    it('is refused when the SUR is for another unit type', () =>
      given(atL2)
        .when(elevate('L3', '2019-04-01', sur('MED')))
        .thenThrows('PLEDGE_SUR_UNIT_TYPE_MISMATCH'));

    it('is refused when dated before the SUR version it names', () =>
      given(atL2)
        .when(elevate('L3', '2019-04-01', sur('INF', '2019-05-01')))
        .thenThrows('PLEDGE_DATE_OUT_OF_ORDER'));

    it('is refused from L1: levels are climbed in order', () =>
      given([...atL1, aav('2019-03-01')])
        .when(elevate('L3', '2019-04-01', sur()))
        .thenThrows('PLEDGE_LEVEL_OUT_OF_SEQUENCE'));

    it('is refused when dated before L2 was reached', () =>
      given(atL2)
        .when(elevate('L3', '2019-03-05', sur()))
        .thenThrows('PLEDGE_DATE_OUT_OF_ORDER'));
  });

  describe('RDL', () => {
    it('is reached from L3 after a successful RDL verification visit', () =>
      given([...atL3, rdlVisit('2019-05-01')])
        .when(elevate('RDL', '2019-05-10'))
        .then([elevated('L3', 'RDL', '2019-05-10')]));

    it('records the RDL verification visit and its outcome', () =>
      given(atL3)
        .when(recordRdlVisit('2019-05-01', 'unsuccessful'))
        .then([rdlVisit('2019-05-01', 'unsuccessful')]));

    it('is refused without a successful RDL verification visit', () =>
      given([...atL3, rdlVisit('2019-05-01', 'unsuccessful')])
        .when(elevate('RDL', '2019-05-10'))
        .thenThrows('PLEDGE_RDL_VISIT_REQUIRED'));

    it('is refused from L2, even after a successful RDL verification visit', () =>
      given([...atL2, rdlVisit('2019-05-01')])
        .when(elevate('RDL', '2019-05-10'))
        .thenThrows('PLEDGE_LEVEL_OUT_OF_SEQUENCE'));

    it('cannot be climbed past', () =>
      given(atRdl).when(elevate('RDL', '2019-06-01')).thenThrows('PLEDGE_LEVEL_OUT_OF_SEQUENCE'));
  });

  describe('withdrawal', () => {
    it.each([
      ['L1', atL1],
      ['L2', atL2],
      ['L3', atL3],
      ['RDL', atRdl],
    ] as const)('is allowed at %s', (level, history) =>
      given([...history])
        .when(withdraw('2019-06-01'))
        .then([withdrawn(level, '2019-06-01')]),
    );

    it('is refused when dated before the current level was reached', () =>
      given(atL2).when(withdraw('2019-03-01')).thenThrows('PLEDGE_DATE_OUT_OF_ORDER'));

    it('is refused when dated after today', () =>
      given(atL1).when(withdraw('2019-11-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));

    describe('after it', () => {
      const history = [...atL2, withdrawn('L2', '2019-06-01')];
      it.each([
        ['an AAV', recordAav('2019-07-01')],
        ['an RDL verification visit', recordRdlVisit('2019-07-01')],
        ['a level change', elevate('L3', '2019-07-01', sur())],
        ['a second withdrawal', withdraw('2019-07-01')],
        ['a selection', select('2019-07-01')],
      ])('refuses %s', (_what, command) => given(history).when(command).thenThrows('PLEDGE_WITHDRAWN'));
    });
  });

  describe('selection', () => {
    it('marks an L2 pledge selected for the mission', () =>
      given(atL2)
        .when(select('2019-04-15'))
        .then([selected('2019-04-15')]));

    it('marks an L3 pledge selected', () =>
      given(atL3)
        .when(select('2019-04-15'))
        .then([selected('2019-04-15')]));

    it('is refused at L1', () => given(atL1).when(select('2019-04-15')).thenThrows('PLEDGE_NOT_SELECTABLE'));

    it('is refused for a pledge that does not exist', () =>
      given([]).when(select('2019-04-15')).thenThrows('PLEDGE_NOT_FOUND'));

    it('is refused twice: a pledge becomes one unit', () =>
      given([...atL2, selected('2019-04-15')])
        .when(select('2019-04-20'))
        .thenThrows('PLEDGE_ALREADY_SELECTED'));

    it('is refused when dated before L2 was reached', () =>
      given(atL3).when(select('2019-03-01')).thenThrows('PLEDGE_DATE_OUT_OF_ORDER'));

    it('is refused when dated after today', () =>
      given(atL2).when(select('2019-11-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));

    it('freezes the pledge: the unit lifecycle takes over, so it can no longer be withdrawn', () =>
      given([...atL2, selected('2019-04-15')])
        .when(withdraw('2019-05-01'))
        .thenThrows('PLEDGE_ALREADY_SELECTED'));
  });
});
