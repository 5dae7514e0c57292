import { deciderSpec } from '@coe/event-store/testing';
import { missionStatusDecider, poolsOn, statusOn } from './mission-status.decider';
import type { MissionStatus, MissionStatusEvent, RecordMissionStatus } from './mission-status.events';

const data = (status: MissionStatus, effectiveFrom: string) => ({
  mission: 'UNAMID',
  status,
  effectiveFrom,
  recordedBy: 'officer-a',
});
const recorded = (status: MissionStatus, effectiveFrom: string): MissionStatusEvent => ({
  type: 'MissionStatusRecorded',
  data: data(status, effectiveFrom),
  effectiveOn: effectiveFrom,
});
const record = (status: MissionStatus, effectiveFrom: string): RecordMissionStatus => ({
  type: 'RecordMissionStatus',
  data: data(status, effectiveFrom),
});

describe('a mission’s status', () => {
  const given = deciderSpec(missionStatusDecider);

  it('is recorded from its date', () =>
    given([])
      .when(record('closing', '2020-12-31'))
      .then([recorded('closing', '2020-12-31')]));

  it('records the same status again as nothing: a retry', () =>
    given([recorded('closing', '2020-12-31')])
      .when(record('closing', '2021-01-15'))
      .then([]));

  it('refuses a change dated before the status in force', () =>
    given([recorded('closing', '2020-12-31')])
      .when(record('closed', '2020-06-30'))
      .thenThrows('MISSION_STATUS_OUT_OF_ORDER'));

  it('never reopens a closed mission', () =>
    given([recorded('closed', '2021-06-30')])
      .when(record('active', '2021-07-01'))
      .thenThrows('MISSION_CLOSED'));

  const history = [
    { status: 'closing' as const, effectiveFrom: '2020-12-31' },
    { status: 'closed' as const, effectiveFrom: '2021-06-30' },
  ];

  it.each([
    ['2020-12-30', 'active', true, true],
    ['2020-12-31', 'closing', false, true],
    ['2021-06-30', 'closed', false, false],
  ])('on %s is %s: pools %s (or %s where closing missions pool)', (on, status, pools, poolsIfClosingPool) => {
    expect(statusOn(history, on)).toBe(status);
    expect(poolsOn(history, on, false)).toBe(pools);
    expect(poolsOn(history, on, true)).toBe(poolsIfClosingPool);
  });
});
