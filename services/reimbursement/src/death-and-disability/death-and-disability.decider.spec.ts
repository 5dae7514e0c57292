import { deciderSpec } from '@coe/event-store/testing';
import type { InForce } from '../rate-table/rate-table.in-force';
import type {
  DeathAndDisabilityCommand,
  RecordDeathAndDisabilityCase,
} from './death-and-disability.commands';
import { deathAndDisabilityDecider } from './death-and-disability.decider';
import type { DeathAndDisabilityCaseRecorded, DeathAndDisabilityEvent } from './death-and-disability.events';

const given = deciderSpec(deathAndDisabilityDecider);

const standard: InForce<'death-and-disability'> = {
  tableId: 'death-and-disability',
  version: 1,
  effectiveFrom: '2014-07-01',
  values: { kind: 'death-and-disability', standardAmountUsd: '70000.00' },
};

const caseData = {
  ...{ caseId: 'dd-1', caseRef: 'DD/MINUSMA/BGD/BA-100234', mission: 'MINUSMA', contributor: 'BGD' },
  ...{ mouId: null, unit: 'BANBAT-1', personRef: 'BA-100234', incidentOn: '2019-02-11' },
  ...{ recordedOn: '2019-03-01', recordedBy: 'officer-a' },
};

const record = (
  type: 'death' | 'disability',
  degreePct: string | null,
  changes: Partial<RecordDeathAndDisabilityCase['data']> = {},
): DeathAndDisabilityCommand => ({
  type: 'RecordDeathAndDisabilityCase',
  data: { ...caseData, type, degreePct, standard, ...changes },
});

const recorded = (
  type: 'death' | 'disability',
  degreePct: string | null,
  amountUsd: string,
): DeathAndDisabilityEvent => {
  const data: DeathAndDisabilityCaseRecorded = {
    ...caseData,
    ...{ type, degreePct, rateTable: { tableId: 'death-and-disability', version: 1 } },
    ...{ standardAmountUsd: '70000.00', amountUsd },
  };
  return { type: 'DeathAndDisabilityCaseRecorded', data, effectiveOn: '2019-03-01' };
};

const certify = (by = 'officer-b', on = '2019-03-10'): DeathAndDisabilityCommand => ({
  type: 'CertifyDeathAndDisabilityCase',
  data: { caseId: 'dd-1', certifiedOn: on, certifiedBy: by, claimId: 'claim-dd-1' },
});

describe('Death and disability case', () => {
  describe('recording', () => {
    it('pays a death the standard amount in force on the incident date: 70,000.00', () =>
      given([])
        .when(record('death', null))
        .then([recorded('death', null, '70000.00')]));

    it('pays a disability its degree: 70,000.00 × 40 ÷ 100 = 28,000.00', () =>
      given([])
        .when(record('disability', '40.00'))
        .then([recorded('disability', '40.00', '28000.00')]));

    it('refuses a disability without a degree', () =>
      given([]).when(record('disability', null)).thenThrows('DD_DEGREE_MISMATCH'));

    it('refuses a disability of 0 %', () =>
      given([]).when(record('disability', '0.00')).thenThrows('DD_DEGREE_MISMATCH'));

    it('refuses a death with a degree', () =>
      given([]).when(record('death', '100.00')).thenThrows('DD_DEGREE_MISMATCH'));

    it('refuses an incident with no standard amount in force', () =>
      given([])
        .when(record('death', null, { standard: null }))
        .thenThrows('RATE_NOT_IN_FORCE'));

    it('refuses a case recorded before its incident', () =>
      given([])
        .when(record('death', null, { recordedOn: '2019-02-10' }))
        .thenThrows('DATED_OUT_OF_ORDER'));

    it('keeps one case per person', () =>
      given([recorded('death', null, '70000.00')])
        .when(record('death', null))
        .thenThrows('DD_CASE_EXISTS'));
  });

  describe('certification', () => {
    const history = [recorded('disability', '40.00', '28000.00')];

    it('is done by a second officer and names the claim it becomes', () =>
      given(history)
        .when(certify())
        .then([
          {
            type: 'DeathAndDisabilityCaseCertified',
            data: {
              ...{
                caseId: 'dd-1',
                amountUsd: '28000.00',
                certifiedOn: '2019-03-10',
                certifiedBy: 'officer-b',
              },
              ...{ claimId: 'claim-dd-1', claimRef: 'DD/MINUSMA/BGD/BA-100234' },
            },
            effectiveOn: '2019-03-10',
          },
        ]));

    it('is refused to the officer who recorded the case (four eyes)', () =>
      given(history).when(certify('officer-a')).thenThrows('FOUR_EYES_REQUIRED'));

    it('is refused before the case was recorded', () =>
      given(history).when(certify('officer-b', '2019-02-28')).thenThrows('DATED_BEFORE_PREPARATION'));

    it('is done once', () =>
      given([
        ...history,
        {
          type: 'DeathAndDisabilityCaseCertified',
          data: {
            ...{ caseId: 'dd-1', amountUsd: '28000.00', certifiedOn: '2019-03-10', certifiedBy: 'officer-b' },
            ...{ claimId: 'claim-dd-1', claimRef: 'DD/MINUSMA/BGD/BA-100234' },
          },
          effectiveOn: '2019-03-10',
        },
      ])
        .when(certify())
        .thenThrows('DD_CASE_ALREADY_CERTIFIED'));

    it('refuses an unknown case', () => given([]).when(certify()).thenThrows('DD_CASE_NOT_FOUND'));
  });
});
