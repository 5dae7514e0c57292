import {
  type PaymentRunInput,
  planPaymentRun,
} from '../services/reimbursement/src/cash-pool/payment-run.plan';
import {
  allocatePayment,
  type OutstandingClaim,
} from '../services/reimbursement/src/payment/payment.allocation';
import {
  buildAssessments,
  CASH_POOL_SETTINGS,
  PAYMENT_RUN,
  plannedRun,
  POOL_GAIN_USD,
} from './cash-pool.demo';
import { buildPayables, PAYABLES_AS_OF, usd } from './payables.demo';

const cents = (amount: string): number => Number(amount.replace('.', ''));

/** The certified payables on the run date after the legacy payments, allocated as the import allocates them. */
const payablesOnRunDate = (): OutstandingClaim[] => {
  const { claims, payments } = buildPayables();
  const open: OutstandingClaim[] = claims
    .filter((c) => c.certified_on <= PAYMENT_RUN.runOn)
    .map((c) => ({
      claimId: c.claim_ref,
      claimRef: c.claim_ref,
      mission: c.mission,
      contributor: c.contributor,
      period: c.period,
      certifiedOn: c.certified_on,
      outstandingUsd: c.amount,
    }));
  const byRef = new Map(open.map((c) => [c.claimRef, c]));
  const ordered = payments
    .map((p, i) => ({ p, i }))
    .sort((a, b) => a.p.paid_on.localeCompare(b.p.paid_on) || a.i - b.i);
  for (const { p } of ordered) {
    const allocations = allocatePayment(
      {
        mission: p.mission,
        contributor: p.contributor,
        amountUsd: p.amount,
        paidOn: p.paid_on,
        claimRef: null,
      },
      open,
    );
    for (const a of allocations) {
      const claim = byRef.get(a.claimRef)!;
      claim.outstandingUsd = usd(cents(claim.outstandingUsd) - cents(a.amountUsd));
    }
  }
  return open;
};

describe('the demo cash pool', () => {
  const assessments = buildAssessments();
  const run = plannedRun();

  it('pays $216M more through the pool than the missions’ own cash, by the reimbursement planner', () => {
    const received = new Map<string, number>();
    for (const a of assessments) received.set(a.mission, (received.get(a.mission) ?? 0) + cents(a.amountUsd));
    const { payments } = buildPayables();
    for (const p of payments) received.set(p.mission, received.get(p.mission)! - cents(p.amount));
    const input: PaymentRunInput = {
      runOn: PAYMENT_RUN.runOn,
      pooled: CASH_POOL_SETTINGS.pooled,
      operatingReservePct: CASH_POOL_SETTINGS.operatingReservePct,
      funds: [...received].map(([mission, cash]) => ({ mission, cashUsd: usd(cash), pools: true })),
      payables: payablesOnRunDate(),
    };
    const plan = planPaymentRun(input);
    expect({
      availableCashUsd: plan.availableCashUsd,
      reserveUsd: plan.reserveUsd,
      paidUsd: plan.paidUsd,
      paidWithoutPoolUsd: plan.paidWithoutPoolUsd,
    }).toEqual({
      availableCashUsd: run.availableCashUsd,
      reserveUsd: run.reserveUsd,
      paidUsd: run.paidUsd,
      paidWithoutPoolUsd: run.paidWithoutPoolUsd,
    });
    expect(usd(cents(plan.paidUsd) - cents(plan.paidWithoutPoolUsd))).toBe(POOL_GAIN_USD);
    expect(plan.loans.length).toBeGreaterThan(0);
    expect(planPaymentRun({ ...input, pooled: false }).paidUsd).toBe(plan.paidWithoutPoolUsd);
  });

  it('never overdraws a fund with the legacy payments, and receives nothing on the payables report date', () => {
    const { payments } = buildPayables();
    const movements = [
      ...assessments.map((a) => ({ mission: a.mission, on: a.receivedOn, cents: cents(a.amountUsd) })),
      ...payments.map((p) => ({ mission: p.mission, on: p.paid_on, cents: -cents(p.amount) })),
    ].sort((a, b) => a.on.localeCompare(b.on) || b.cents - a.cents);
    const cash = new Map<string, number>();
    for (const m of movements) {
      cash.set(m.mission, (cash.get(m.mission) ?? 0) + m.cents);
      expect([m.mission, m.on, cash.get(m.mission)! >= 0]).toEqual([m.mission, m.on, true]);
    }
    expect(assessments.every((a) => a.receivedOn <= PAYMENT_RUN.runOn)).toBe(true);
    expect(PAYABLES_AS_OF < PAYMENT_RUN.runOn).toBe(true);
  });

  it('receives some of the cash before the pool started and some after', () => {
    expect(assessments.some((a) => a.receivedOn < '2019-07-01')).toBe(true);
    expect(assessments.some((a) => a.receivedOn >= '2019-07-01')).toBe(true);
  });
});
