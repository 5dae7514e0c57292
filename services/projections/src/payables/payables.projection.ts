import type { ClaimCertified, PaymentMade } from '@coe/contracts';
import type { ProjectionDefinition } from '../projection/projection.definition';

type Tables = 'claims' | 'payments' | 'allocations';

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

export const payablesProjection: ProjectionDefinition<Tables> = {
  name: 'payables',
  sources: ['reimbursement'],
  eventTypes: ['ClaimCertified', 'PaymentMade'],
  tables: {
    claims: { columns: CLAIMS },
    payments: { columns: PAYMENTS },
    allocations: { columns: ALLOCATIONS },
  },
  async apply(event, tx, { claims, payments, allocations }) {
    if (event.type === 'ClaimCertified') {
      const claim = event.data as ClaimCertified;
      await tx.query(
        `insert into ${claims} (claim_id, claim_ref, mission, contributor, category, period, amount_usd, certified_on)
         values ($1, $2, $3, $4, $5, $6, $7::numeric, $8::date)
         on conflict (claim_id) do update set claim_ref = excluded.claim_ref, mission = excluded.mission,
           contributor = excluded.contributor, category = excluded.category, period = excluded.period,
           amount_usd = excluded.amount_usd, certified_on = excluded.certified_on`,
        [
          claim.claimId,
          claim.claimRef,
          claim.mission,
          claim.contributor,
          claim.category,
          claim.period,
          claim.amountUsd,
          claim.certifiedOn,
        ],
      );
      return;
    }
    if (event.type === 'PaymentMade') {
      const payment = event.data as PaymentMade;
      await tx.query(
        `insert into ${payments} (payment_id, payment_ref, mission, contributor, amount_usd, paid_on, payment_run_id)
         values ($1, $2, $3, $4, $5::numeric, $6::date, $7) on conflict (payment_id) do nothing`,
        [
          payment.paymentId,
          payment.paymentRef,
          payment.mission,
          payment.contributor,
          payment.amountUsd,
          payment.paidOn,
          payment.paymentRunId,
        ],
      );
      for (const allocation of payment.allocations) {
        await tx.query(
          `insert into ${allocations} (payment_id, claim_id, claim_ref, amount_usd)
           values ($1, $2, $3, $4::numeric) on conflict (payment_id, claim_id) do nothing`,
          [payment.paymentId, allocation.claimId, allocation.claimRef, allocation.amountUsd],
        );
      }
    }
  },
};
