import type { EventMetadata } from '@coe/event-store';
import { nameBasedUuid } from '@coe/platform';
import { addPaid } from '../claim/claim.read-model';
import { paymentDecider } from '../payment/payment.decider';
import { type PaymentMadeData, paymentStream } from '../payment/payment.events';
import { savePayments } from '../payment/payment.read-model';
import { money, usd } from '../shared/money';
import type { Tx } from '../shared/reimbursement.database';
import { type FundMovement, recordFundMovements, saveLoans } from './cash-pool.read-model';
import { loanDecider } from './fund.decider';
import { loanStream } from './fund.events';
import type { PaymentRunProposed } from './payment-run.events';

const id = (...parts: string[]) => nameBasedUuid(JSON.stringify(parts));

/**
 * Appends what an approved run does, each with an id derived from the run (a retry appends nothing new):
 * the loans between missions' funds, then one payment per mission and contributor with its allocations;
 * and moves the funds' cash and the claims' paid amounts in the read tables.
 */
export const executePlan = async (t: Tx, run: PaymentRunProposed, metadata: EventMetadata): Promise<void> => {
  const { runId, runOn, quarter, plan } = run;
  const movements: FundMovement[] = [];
  const loans = plan.loans.map((loan) => ({
    loanId: id('loan', runId, loan.lenderMission, loan.borrowerMission),
    ...loan,
    lentOn: runOn,
    paymentRunId: runId,
  }));
  for (const loan of loans) {
    const [event] = loanDecider.decide({ type: 'MakeLoan', data: loan }, loanDecider.initialState());
    await t.store.append(loanStream(loan.loanId), [{ ...event!, eventId: id('loan-made', loan.loanId) }], {
      expectedVersion: 'no-stream',
      metadata,
    });
    const ref = loan.loanId;
    movements.push(
      {
        mission: loan.lenderMission,
        onDate: runOn,
        amountUsd: usd(money(loan.amountUsd).negated()),
        kind: 'loan-out',
        ref,
      },
      { mission: loan.borrowerMission, onDate: runOn, amountUsd: loan.amountUsd, kind: 'loan-in', ref },
    );
  }
  const payments: PaymentMadeData[] = plan.payments.map((p) => ({
    paymentId: id('payment-run-payment', runId, p.mission, p.contributor),
    paymentRef: `RUN/${quarter}/${runId.slice(0, 8)}/${p.mission}/${p.contributor}`,
    mission: p.mission,
    contributor: p.contributor,
    amountUsd: p.amountUsd,
    paidOn: runOn,
    paymentRunId: runId,
    allocations: p.allocations,
    requestedClaimRef: null,
  }));
  const paid = new Map<string, string>();
  for (const payment of payments) {
    const [event] = paymentDecider.decide(
      { type: 'RecordPayment', data: payment },
      paymentDecider.initialState(),
    );
    await t.store.append(
      paymentStream(payment.paymentId),
      [{ ...event!, eventId: id('payment-made', payment.paymentId) }],
      {
        expectedVersion: 'no-stream',
        metadata,
      },
    );
    const amount = usd(money(payment.amountUsd).negated());
    movements.push({
      mission: payment.mission,
      onDate: runOn,
      amountUsd: amount,
      kind: 'payment',
      ref: payment.paymentRef,
    });
    for (const a of payment.allocations)
      paid.set(a.claimId, usd(money(paid.get(a.claimId) ?? '0').plus(a.amountUsd)));
  }
  await saveLoans(t.tx, t.schema, loans);
  await savePayments(t.tx, t.schema, payments);
  await addPaid(t.tx, t.schema, paid);
  await recordFundMovements(t.tx, t.schema, movements);
};
