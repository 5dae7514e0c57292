import type { ClaimCertified, PaymentMade } from '@coe/contracts';
import { dataOf, firstByKey, insertRows, lastByKey, type Row } from '../projection/projection.batch';
import type { ProjectionDefinition } from '../projection/projection.definition';

type Tables = 'claims' | 'claim_components' | 'payments' | 'allocations';

// Facts only, with their business dates; no foreign keys, because a payment's event may arrive before
// the claim's (different streams, different Kafka partitions). Reports join at read time.
const CLAIMS = `
  claim_id text primary key,
  claim_ref text not null,
  mission text not null,
  contributor text not null,
  category text not null,
  period text not null,
  amount_usd numeric(15, 2) not null,
  certified_on date not null`;

// A claim's amount by component (personnel, major equipment, …): its certified lines, or its one category
// when it has none (an imported claim).
const CLAIM_COMPONENTS = `
  claim_id text not null,
  component text not null,
  amount_usd numeric(15, 2) not null,
  primary key (claim_id, component)`;

const PAYMENTS = `
  payment_id text primary key,
  payment_ref text not null,
  mission text not null,
  contributor text not null,
  amount_usd numeric(15, 2) not null,
  paid_on date not null,
  payment_run_id text`;

const ALLOCATIONS = `
  payment_id text not null,
  claim_id text not null,
  claim_ref text not null,
  amount_usd numeric(15, 2) not null,
  primary key (payment_id, claim_id)`;

const claimRow = (claim: ClaimCertified): Row => ({
  claim_id: claim.claimId,
  claim_ref: claim.claimRef,
  mission: claim.mission,
  contributor: claim.contributor,
  category: claim.category,
  period: claim.period,
  amount_usd: claim.amountUsd,
  certified_on: claim.certifiedOn,
});

const componentRows = (claim: ClaimCertified): Row[] =>
  (claim.lines && claim.lines.length > 0
    ? claim.lines
    : [{ component: claim.category, amountUsd: claim.amountUsd }]
  ).map((l) => ({ claim_id: claim.claimId, component: l.component, amount_usd: l.amountUsd }));

const paymentRow = (payment: PaymentMade): Row => ({
  payment_id: payment.paymentId,
  payment_ref: payment.paymentRef,
  mission: payment.mission,
  contributor: payment.contributor,
  amount_usd: payment.amountUsd,
  paid_on: payment.paidOn,
  payment_run_id: payment.paymentRunId,
});

const allocationRows = (payment: PaymentMade): Row[] =>
  payment.allocations.map((a) => ({
    payment_id: payment.paymentId,
    claim_id: a.claimId,
    claim_ref: a.claimRef,
    amount_usd: a.amountUsd,
  }));

export const payablesProjection: ProjectionDefinition<Tables> = {
  name: 'payables',
  sources: ['reimbursement'],
  eventTypes: ['ClaimCertified', 'PaymentMade'],
  tables: {
    claims: { columns: CLAIMS },
    claim_components: { columns: CLAIM_COMPONENTS },
    payments: { columns: PAYMENTS },
    allocations: { columns: ALLOCATIONS },
  },
  // a claim certified again replaces its row (latest wins); a payment and its allocations stay as first
  // written (first wins)
  async apply(events, tx, { claims, claim_components, payments, allocations }) {
    const certified = lastByKey(dataOf<ClaimCertified>(events, 'ClaimCertified'), (c) => c.claimId);
    const paid = dataOf<PaymentMade>(events, 'PaymentMade');
    await insertRows(
      tx,
      claims,
      certified.map(claimRow),
      `on conflict (claim_id) do update set claim_ref = excluded.claim_ref, mission = excluded.mission,
         contributor = excluded.contributor, category = excluded.category, period = excluded.period,
         amount_usd = excluded.amount_usd, certified_on = excluded.certified_on`,
    );
    if (certified.length > 0) {
      await tx.query(`delete from ${claim_components} where claim_id = any($1::text[])`, [
        certified.map((c) => c.claimId),
      ]);
    }
    await insertRows(tx, claim_components, certified.flatMap(componentRows), '');
    await insertRows(
      tx,
      payments,
      firstByKey(paid, (p) => p.paymentId).map(paymentRow),
      'on conflict (payment_id) do nothing',
    );
    await insertRows(
      tx,
      allocations,
      firstByKey(paid.flatMap(allocationRows), (a) => JSON.stringify([a.payment_id, a.claim_id])),
      'on conflict (payment_id, claim_id) do nothing',
    );
  },
};
