import type { StoredEvent } from '@coe/event-store';
import { certifiedClaim } from '../test/reimbursement.fixtures';
import { reimbursementPublished } from './reimbursement.to-contracts';

const stored = (type: string, data: unknown): StoredEvent => ({
  eventId: '5b0f7a52-4d1e-4d7e-9d43-1c2f1d6f0a01',
  type,
  schemaVersion: 1,
  streamId: 'claim-c1',
  streamVersion: 3n,
  globalPosition: 42n,
  transactionId: 7n,
  data,
  effectiveOn: '2019-05-10',
  recordedAt: new Date('2019-05-10T09:00:00Z'),
  metadata: { actor: { sub: 'officer-a', roles: ['finance-officer'] } },
  hash: 'ab'.repeat(32),
  previousHash: 'cd'.repeat(32),
});

describe('what reimbursement publishes', () => {
  it('publishes a certified claim in its contract shape: who certified it and its origin stay inside', () => {
    const published = reimbursementPublished(
      stored('ClaimCertified', { ...certifiedClaim, certifiedBy: 'officer-a', origin: 'computed' }),
    );
    expect(published).toEqual({
      id: '5b0f7a52-4d1e-4d7e-9d43-1c2f1d6f0a01',
      type: 'ClaimCertified',
      source: '/coe/reimbursement',
      streamId: 'claim-c1',
      streamVersion: 3n,
      globalPosition: 42n,
      transactionId: 7n,
      effectiveOn: '2019-05-10',
      recordedAt: new Date('2019-05-10T09:00:00Z'),
      data: certifiedClaim,
      hash: 'ab'.repeat(32),
    });
  });

  it('keeps a run’s counts inside and publishes its figures', () => {
    const figures = {
      runId: 'r1',
      quarter: '2019-Q3',
      executedOn: '2019-09-30',
      availableCashUsd: '639000.00',
      reserveUsd: '71000.00',
      paidUsd: '482720.00',
      paidWithoutPoolUsd: '237000.00',
    };
    expect(
      reimbursementPublished(stored('PaymentRunExecuted', { ...figures, payments: 5, loans: 1 }))?.data,
    ).toEqual(figures);
  });

  it('keeps private events inside', () => {
    expect(reimbursementPublished(stored('ClaimPrepared', { claimId: 'c1' }))).toBeNull();
    expect(reimbursementPublished(stored('VerificationReportSubmitted', { reportId: 'v1' }))).toBeNull();
    expect(reimbursementPublished(stored('RateTableVersionIssued', { version: 1 }))).toBeNull();
  });

  it('tells its relay which types go out as stored, which through their entry, and that the rest stay inside', () => {
    const { contractData } = reimbursementPublished;
    expect(contractData?.get('AssessmentReceived')).toBe('as-stored');
    expect(contractData?.get('InterMissionLoanRepaid')).toBe('as-stored');
    expect(typeof contractData?.get('ClaimCertified')).toBe('function');
    expect(contractData?.get('ClaimPrepared')).toBeUndefined();
    expect(contractData?.size).toBe(8);
  });
});
