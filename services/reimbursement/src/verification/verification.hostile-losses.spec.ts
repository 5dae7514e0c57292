import { deciderSpec } from '@coe/event-store/testing';
import { terms } from '../../test/reimbursement.fixtures';
import type { VerificationCommand } from './verification.commands';
import { verificationDecider } from './verification.decider';
import type { VerificationEvent } from './verification.events';
import type { RecordedHostileActionLoss } from './verification.hostile-losses';

const given = deciderSpec(verificationDecider);

// annex B of the fixture: L1 10 wheeled APCs, L2 20 utility trucks; the report is on 2019-04 (ends 2019-04-30)
const INCIDENT = 'a7d9c1e0-0000-4000-8000-000000000001';
const lost = (overrides: Partial<RecordedHostileActionLoss> = {}): RecordedHostileActionLoss => ({
  ...{ incidentId: INCIDENT, mouId: 'mou-1', occurredOn: '2019-04-02' },
  ...{ lineId: 'L1', category: 'armoured-personnel-carrier', item: 'apc-wheeled', quantity: 3 },
  ...overrides,
});
const equipment = (count: number, incidentId = INCIDENT) => [
  { lineId: 'L1', presentAndServiceable: 7, lostThroughHostileAction: { count, incidentId } },
  { lineId: 'L2', presentAndServiceable: 20 },
];
const base = {
  ...{ mouId: 'mou-1', period: '2019-04', reportedOn: '2019-05-03', strength: 842, daysServed: null },
  selfSustainment: [
    { category: 'catering', providedToStandard: true },
    { category: 'communications', providedToStandard: true },
    { category: 'medical-level-1', providedToStandard: true },
  ],
};
const submit = (recordedLosses: RecordedHostileActionLoss[], lines = equipment(3)): VerificationCommand => ({
  type: 'SubmitVerificationReport',
  data: { ...base, equipment: lines, terms: terms(), recordedLosses },
});
const submitted = (count: number): VerificationEvent[] => [
  {
    type: 'VerificationReportSubmitted',
    data: {
      ...base,
      ...{ mouRef: 'DOS/MINUSMA/BGD/03', mission: 'MINUSMA', contributor: 'BGD', version: 1 },
      warnings: [],
      equipment: [
        {
          ...{ lineId: 'L1', presentAndServiceable: 7, presentUnserviceable: 0, absent: 3 },
          lostThroughHostileAction: { count, incidentId: INCIDENT },
        },
        { lineId: 'L2', presentAndServiceable: 20 },
      ],
    },
    effectiveOn: '2019-05-03',
  },
];

describe('items said lost through hostile action (resolution 67/261) are checked against the recorded incident', () => {
  it('accepts 3 lost of the 3 APCs the incident of 2019-04-02 lost on the line', () =>
    given([])
      .when(submit([lost()]))
      .then(submitted(3)));

  it('accepts an incident item named by category and item rather than by line', () =>
    given([])
      .when(submit([lost({ lineId: null, quantity: 2 }), lost({ lineId: null, quantity: 1 })]))
      .then(submitted(3)));

  it('accepts an incident that occurred on the month’s last day', () =>
    given([])
      .when(submit([lost({ occurredOn: '2019-04-30' })]))
      .then(submitted(3)));

  it('refuses an incident nobody recorded', () =>
    given([]).when(submit([])).thenThrows('HOSTILE_ACTION_LOSS_UNKNOWN_INCIDENT'));

  it('refuses an incident of another MOU', () =>
    given([])
      .when(submit([lost({ mouId: 'mou-2' })]))
      .thenThrows('HOSTILE_ACTION_LOSS_OTHER_MOU'));

  it('refuses an incident that occurred after the month (2019-05-01 > 2019-04-30)', () =>
    given([])
      .when(submit([lost({ occurredOn: '2019-05-01' })]))
      .thenThrows('HOSTILE_ACTION_LOSS_AFTER_PERIOD'));

  it('refuses more items than the incident lost on the line (3 said, 2 lost)', () =>
    given([])
      .when(submit([lost({ quantity: 2 })]))
      .thenThrows('HOSTILE_ACTION_LOSS_EXCEEDS_INCIDENT'));

  it('does not count the incident’s losses on another line (3 trucks lost, none of line L1)', () =>
    given([])
      .when(submit([lost({ lineId: 'L2', category: 'support-vehicle-military', item: 'truck-utility' })]))
      .thenThrows('HOSTILE_ACTION_LOSS_EXCEEDS_INCIDENT'));

  it('checks a correction too (3 said lost, the incident lost 1)', () => {
    const correct = (recordedLosses: RecordedHostileActionLoss[]): VerificationCommand => ({
      type: 'CorrectVerificationReport',
      data: { ...submit(recordedLosses).data, reason: 'recount' },
    });
    given(submitted(3))
      .when(correct([lost({ quantity: 1 })]))
      .thenThrows('HOSTILE_ACTION_LOSS_EXCEEDS_INCIDENT');
  });
});
