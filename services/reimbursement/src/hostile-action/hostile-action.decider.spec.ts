import { deciderSpec } from '@coe/event-store/testing';
import type { InForce } from '../rate-table/rate-table.in-force';
import type { HostileActionCommand } from './hostile-action.commands';
import { hostileActionDecider } from './hostile-action.decider';
import type { HostileActionEvent } from './hostile-action.events';

const given = deciderSpec(hostileActionDecider);

const threshold: InForce<'hostile-action-threshold'> = {
  tableId: 'hostile-action-threshold',
  version: 1,
  effectiveFrom: '2014-07-01',
  values: { kind: 'hostile-action-threshold', thresholdUsd: '250000.00' },
};

const incident = {
  ...{ incidentId: 'ha-1', incidentRef: 'MINUSMA/2019/017', mission: 'MINUSMA', contributor: 'BGD' },
  ...{ mouId: 'mou-1', cause: 'hostile-action' as const, occurredOn: '2019-04-02' },
  ...{ recordedOn: '2019-04-20', recordedBy: 'officer-a' },
};
const apcs = (quantity: number) => ({
  ...{ lineId: 'B001', category: 'armoured-personnel-carrier', item: 'apc-wheeled', quantity, gfmvEachUsd: '125000.00' },
});

const record = (quantity: number, changes: object = {}): HostileActionCommand => ({
  type: 'RecordHostileActionIncident',
  data: { ...incident, items: [apcs(quantity)], threshold, ...changes },
});

// 2 × 125,000.00 = 250,000.00: reaches the threshold; 1 × 125,000.00 = 125,000.00 does not
const recorded = (
  quantity: number,
  gfmvUsd: string,
  liability: 'united-nations' | 'contributor',
): HostileActionEvent => ({
  type: 'HostileActionIncidentRecorded',
  data: {
    ...incident,
    ...{
      items: [{ ...apcs(quantity), gfmvUsd }],
      totalGfmvUsd: gfmvUsd,
      thresholdUsd: '250000.00',
      liability,
    },
    rateTable: { tableId: 'hostile-action-threshold', version: 1 },
  },
  effectiveOn: '2019-04-20',
});

const certify = (by = 'officer-b', on = '2019-05-02'): HostileActionCommand => ({
  type: 'CertifyHostileActionIncident',
  data: { incidentId: 'ha-1', certifiedOn: on, certifiedBy: by, claimId: 'claim-ha-1' },
});

describe('Hostile-action incident', () => {
  it('is recorded with its items; 2 × 125,000.00 = 250,000.00 reaches the threshold: the UN is liable', () =>
    given([])
      .when(record(2))
      .then([recorded(2, '250000.00', 'united-nations')]));

  it('is recorded below the threshold too (125,000.00 < 250,000.00): the contributor bears it', () =>
    given([])
      .when(record(1))
      .then([recorded(1, '125000.00', 'contributor')]));

  it('refuses an incident with no threshold in force', () =>
    given([])
      .when(record(2, { threshold: null }))
      .thenThrows('RATE_NOT_IN_FORCE'));

  it('refuses an incident recorded before it happened', () =>
    given([])
      .when(record(2, { recordedOn: '2019-04-01' }))
      .thenThrows('DATED_OUT_OF_ORDER'));

  it('is recorded once', () =>
    given([recorded(2, '250000.00', 'united-nations')])
      .when(record(2))
      .thenThrows('HOSTILE_ACTION_INCIDENT_EXISTS'));

  describe('certification', () => {
    it('makes the total GFMV payable: 250,000.00', () =>
      given([recorded(2, '250000.00', 'united-nations')])
        .when(certify())
        .then([
          {
            type: 'HostileActionIncidentCertified',
            data: {
              ...{
                incidentId: 'ha-1',
                amountUsd: '250000.00',
                certifiedOn: '2019-05-02',
                certifiedBy: 'officer-b',
              },
              ...{ claimId: 'claim-ha-1', claimRef: 'HA/MINUSMA/2019/017' },
            },
            effectiveOn: '2019-05-02',
          },
        ]));

    it('pays nothing below the threshold', () =>
      given([recorded(1, '125000.00', 'contributor')])
        .when(certify())
        .thenThrows('HOSTILE_ACTION_BELOW_THRESHOLD'));

    it('is refused to the officer who recorded it (four eyes)', () =>
      given([recorded(2, '250000.00', 'united-nations')])
        .when(certify('officer-a'))
        .thenThrows('FOUR_EYES_REQUIRED'));

    it('is refused before the incident was recorded', () =>
      given([recorded(2, '250000.00', 'united-nations')])
        .when(certify('officer-b', '2019-04-19'))
        .thenThrows('DATED_BEFORE_PREPARATION'));

    it('refuses an unknown incident', () =>
      given([]).when(certify()).thenThrows('HOSTILE_ACTION_INCIDENT_NOT_FOUND'));
  });
});
