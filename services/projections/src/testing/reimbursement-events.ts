import type {
  AssessmentReceived,
  ClaimCertified,
  InterMissionLoanMade,
  InterMissionLoanRepaid,
  MissionStatusRecorded,
  PaymentMade,
  PaymentRunExecuted,
} from '@coe/contracts';
import type { NewEvent } from '@coe/event-store';
import { Decimal, formatUsd } from '@coe/platform';

// reimbursement's public events, as its store holds them (type + contract data + business date).

export const claimCertified = (
  claimId: string,
  contributor: string,
  mission: string,
  amountUsd: string,
  certifiedOn: string,
  period = certifiedOn.slice(0, 7),
  lines?: ClaimCertified['lines'],
): NewEvent => ({
  type: 'ClaimCertified',
  data: {
    claimId,
    claimRef: `REF-${claimId}`,
    mission,
    contributor,
    category: 'personnel',
    period,
    amountUsd,
    certifiedOn,
    ...(lines ? { lines } : {}),
  } satisfies ClaimCertified,
  effectiveOn: certifiedOn,
});

export const paymentMade = (
  paymentId: string,
  contributor: string,
  mission: string,
  paidOn: string,
  allocations: [claimId: string, amountUsd: string][],
  paymentRunId: string | null = null,
): NewEvent => {
  const total = allocations.reduce((sum, [, amount]) => sum.plus(amount), new Decimal(0));
  return {
    type: 'PaymentMade',
    data: {
      paymentId,
      paymentRef: `PAY-${paymentId}`,
      mission,
      contributor,
      amountUsd: formatUsd(total),
      paidOn,
      paymentRunId,
      allocations: allocations.map(([claimId, amountUsd]) => ({
        claimId,
        claimRef: `REF-${claimId}`,
        amountUsd,
      })),
    } satisfies PaymentMade,
    effectiveOn: paidOn,
  };
};

export const assessmentReceived = (mission: string, amountUsd: string, receivedOn: string): NewEvent => ({
  type: 'AssessmentReceived',
  data: { mission, amountUsd, receivedOn } satisfies AssessmentReceived,
  effectiveOn: receivedOn,
});

export const missionStatusRecorded = (data: MissionStatusRecorded): NewEvent => ({
  type: 'MissionStatusRecorded',
  data,
  effectiveOn: data.effectiveFrom,
});

export const loanMade = (loan: InterMissionLoanMade): NewEvent => ({
  type: 'InterMissionLoanMade',
  data: loan,
  effectiveOn: loan.lentOn,
});

export const loanRepaid = (repayment: InterMissionLoanRepaid): NewEvent => ({
  type: 'InterMissionLoanRepaid',
  data: repayment,
  effectiveOn: repayment.repaidOn,
});

export const paymentRunExecuted = (run: PaymentRunExecuted): NewEvent => ({
  type: 'PaymentRunExecuted',
  data: run,
  effectiveOn: run.executedOn,
});
