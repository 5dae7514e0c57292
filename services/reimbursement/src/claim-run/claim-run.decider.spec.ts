import { deciderSpec } from '@coe/event-store/testing';
import type { ClaimRunCommand } from './claim-run.commands';
import { claimRunDecider } from './claim-run.decider';
import type { ClaimRunEvent, ClaimRunOutcome, ClaimRunStarted } from './claim-run.events';

const given = deciderSpec(claimRunDecider);

const start: ClaimRunStarted = {
  runId: 'run-1',
  period: '2019-04',
  mission: 'MINUSMA',
  preparedOn: '2019-05-10',
  preparedBy: 'officer-a',
  mouIds: ['m1', 'm2', 'm3'],
};
const started: ClaimRunEvent = { type: 'ClaimRunStarted', data: start, effectiveOn: '2019-05-10' };
const prepared = (mouId: string, amountUsd: string): ClaimRunOutcome => ({
  mouId,
  mouRef: `REF/${mouId}`,
  outcome: 'prepared',
  claimId: `c-${mouId}`,
  amountUsd,
});
const noReport: ClaimRunOutcome = {
  mouId: 'm3',
  mouRef: 'REF/m3',
  outcome: 'not-claimed',
  code: 'VERIFICATION_REPORT_NOT_FOUND',
  reason: 'No verification report on 2019-04.',
};
const batch = (n: number, outcomes: ClaimRunOutcome[]): ClaimRunEvent => ({
  type: 'ClaimRunBatchRecorded',
  data: { runId: 'run-1', batch: n, outcomes },
  effectiveOn: '2019-05-10',
});
const record = (outcomes: ClaimRunOutcome[]): ClaimRunCommand => ({
  type: 'RecordClaimRunBatch',
  data: { runId: 'run-1', outcomes },
});
const complete: ClaimRunCommand = { type: 'CompleteClaimRun', data: { runId: 'run-1' } };
const completed: ClaimRunEvent = {
  type: 'ClaimRunCompleted',
  data: { runId: 'run-1', prepared: 2, alreadyClaimed: 0, notClaimed: 1, amountUsd: '1500.25' },
  effectiveOn: '2019-05-10',
};
const allDone = [
  started,
  batch(1, [prepared('m1', '1000.10'), prepared('m2', '500.15')]),
  batch(2, [noReport]),
];
const certify = (by: string, pending: { claimId: string; preparers: string[] }[], on = '2019-05-20') => ({
  type: 'CertifyClaimRun' as const,
  data: { runId: 'run-1', certifiedOn: on, certifiedBy: by, pending },
});

describe('A monthly claims run', () => {
  it('starts with the units it will look at', () =>
    given([]).when({ type: 'StartClaimRun', data: start }).then([started]));

  it('refuses a month after the preparation date', () =>
    given([])
      .when({ type: 'StartClaimRun', data: { ...start, period: '2019-06' } })
      .thenThrows('PERIOD_AFTER_PREPARATION'));

  it('records its batches in order', () =>
    given([started, batch(1, [prepared('m1', '1000.10')])])
      .when(record([prepared('m2', '500.15')]))
      .then([batch(2, [prepared('m2', '500.15')])]));

  it('looks at a unit once', () =>
    given([started, batch(1, [prepared('m1', '1000.10')])])
      .when(record([prepared('m1', '1000.10')]))
      .thenThrows('CLAIM_RUN_UNIT_UNEXPECTED'));

  it('looks only at the units it started with', () =>
    given([started])
      .when(record([prepared('m9', '1.00')]))
      .thenThrows('CLAIM_RUN_UNIT_UNEXPECTED'));

  // 1,000.10 + 500.15 = 1,500.25; the unit without a report is counted, not summed
  it('completes once every unit is done, with its totals', () =>
    given(allDone).when(complete).then([completed]));

  it('does not complete while units remain', () =>
    given([started, batch(1, [prepared('m1', '1000.10')])])
      .when(complete)
      .thenThrows('CLAIM_RUN_INCOMPLETE'));

  describe('certified in one request by a second officer', () => {
    const done = [...allDone, completed];

    it('certifies every pending claim of the run that the officer did not prepare or adjust', () =>
      given(done)
        .when(
          certify('officer-b', [
            { claimId: 'c-m1', preparers: ['officer-a'] },
            { claimId: 'c-m2', preparers: ['officer-a', 'officer-b'] },
            { claimId: 'c-other', preparers: ['officer-c'] },
          ]),
        )
        .then([
          {
            type: 'ClaimRunCertified',
            data: {
              runId: 'run-1',
              certifiedOn: '2019-05-20',
              certifiedBy: 'officer-b',
              certified: ['c-m1'],
              skipped: [{ claimId: 'c-m2', code: 'FOUR_EYES_REQUIRED' }],
            },
            effectiveOn: '2019-05-20',
          },
        ]));

    it('refuses the officer who ran it', () =>
      given(done)
        .when(certify('officer-a', [{ claimId: 'c-m1', preparers: ['officer-a'] }]))
        .thenThrows('FOUR_EYES_REQUIRED'));

    it('refuses a date before the preparation', () =>
      given(done)
        .when(certify('officer-b', [{ claimId: 'c-m1', preparers: ['officer-a'] }], '2019-05-09'))
        .thenThrows('DATED_BEFORE_PREPARATION'));

    it('answers that nothing is left when every claim is certified already', () =>
      given(done).when(certify('officer-b', [])).thenThrows('NOTHING_TO_CERTIFY'));

    it('waits for the run to complete', () =>
      given(allDone)
        .when(certify('officer-b', [{ claimId: 'c-m1', preparers: ['officer-a'] }]))
        .thenThrows('CLAIM_RUN_INCOMPLETE'));
  });
});
