import { deciderSpec } from '@coe/event-store/testing';
import type { PaymentRunCommand, PaymentRunEvent, PaymentRunProposed } from './payment-run.events';
import { paymentRunDecider } from './payment-run.decider';
import type { PaymentRunPlan } from './payment-run.plan';

const given = deciderSpec(paymentRunDecider);

const plan: PaymentRunPlan = {
  pooled: true,
  availableCashUsd: '1100.00',
  reserveUsd: '110.00',
  paidUsd: '990.00',
  paidWithoutPoolUsd: '490.00',
  payments: [
    {
      mission: 'MINUSMA',
      contributor: 'BGD',
      amountUsd: '990.00',
      allocations: [{ claimId: 'c', claimRef: 'A', amountUsd: '990.00' }],
    },
  ],
  loans: [{ lenderMission: 'UNMISS', borrowerMission: 'MINUSMA', amountUsd: '890.00' }],
};
const proposal: PaymentRunProposed = {
  runId: 'run-1',
  quarter: '2019-Q3',
  runOn: '2019-09-25',
  proposedOn: '2019-09-20',
  proposedBy: 'officer-a',
  plan,
};
const proposed: PaymentRunEvent = { type: 'PaymentRunProposed', data: proposal, effectiveOn: '2019-09-20' };

const propose = (changes: Partial<PaymentRunProposed> = {}): PaymentRunCommand => ({
  type: 'ProposePaymentRun',
  data: { ...proposal, ...changes },
});
const approve = (
  by = 'officer-b',
  changes: { currentPlan?: PaymentRunPlan; lastExecutedRunOn?: string | null; approvedOn?: string } = {},
): PaymentRunCommand => ({
  type: 'ApprovePaymentRun',
  data: {
    runId: 'run-1',
    approvedOn: '2019-09-26',
    approvedBy: by,
    currentPlan: plan,
    lastExecutedRunOn: '2019-06-20',
    ...changes,
  },
});

const executed: PaymentRunEvent[] = [
  {
    type: 'PaymentRunApproved',
    data: { runId: 'run-1', approvedOn: '2019-09-26', approvedBy: 'officer-b' },
    effectiveOn: '2019-09-26',
  },
  {
    type: 'PaymentRunExecuted',
    data: {
      runId: 'run-1',
      quarter: '2019-Q3',
      executedOn: '2019-09-25',
      availableCashUsd: '1100.00',
      reserveUsd: '110.00',
      paidUsd: '990.00',
      paidWithoutPoolUsd: '490.00',
      payments: 1,
      loans: 1,
    },
    effectiveOn: '2019-09-25',
  },
];

describe('PaymentRun', () => {
  it('is proposed with its plan', () => given([]).when(propose()).then([proposed]));

  it('pays within its quarter', () =>
    given([])
      .when(propose({ runOn: '2019-10-01' }))
      .thenThrows('PAYMENT_DATE_OUTSIDE_QUARTER'));

  it('is not proposed when it would pay nothing', () =>
    given([])
      .when(propose({ plan: { ...plan, paidUsd: '0.00', payments: [] } }))
      .thenThrows('NOTHING_TO_PAY'));

  it('is executed when a second officer approves it', () => given([proposed]).when(approve()).then(executed));

  it('needs a second officer (four eyes)', () =>
    given([proposed]).when(approve('officer-a')).thenThrows('FOUR_EYES_REQUIRED'));

  it('is executed once: approving it again answers that it was executed', () =>
    given([proposed, ...executed])
      .when(approve('officer-c'))
      .thenThrows('PAYMENT_RUN_ALREADY_EXECUTED'));

  it('compares plans whatever the order of their keys (the proposal comes back from JSONB)', () => {
    const { loans, payments, ...rest } = plan;
    const reordered: PaymentRunPlan = { loans, payments, ...rest };
    given([{ ...proposed, data: { ...proposal, plan: reordered } }])
      .when(approve())
      .then(executed);
  });

  it('is stale when the cash or the payables no longer give its plan', () =>
    given([proposed])
      .when(approve('officer-b', { currentPlan: { ...plan, availableCashUsd: '1200.00' } }))
      .thenThrows('PAYMENT_RUN_STALE'));

  it('is not executed before a run already paid later', () =>
    given([proposed])
      .when(approve('officer-b', { lastExecutedRunOn: '2019-09-30' }))
      .thenThrows('PAYMENT_RUN_OUT_OF_ORDER'));

  it('is not approved before it was proposed', () =>
    given([proposed])
      .when(approve('officer-b', { approvedOn: '2019-09-19' }))
      .thenThrows('APPROVED_BEFORE_PROPOSED'));

  it('must exist to be approved', () => given([]).when(approve()).thenThrows('PAYMENT_RUN_NOT_FOUND'));
});
