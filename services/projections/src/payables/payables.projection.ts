import type { ClaimCertified, IntegrationEvent, PaymentMade } from '@coe/contracts';
import { contractEventsOf } from '@coe/messaging';
import {
  firstByKey,
  insertRows,
  type Row,
  type ProjectionDefinition,
  KNOWN_COLUMNS,
  knownFrom,
  knownIndexes,
} from '@coe/projection-engine';

type Tables = 'claims' | 'claim_components' | 'payments' | 'allocations';

// Facts only, with their business dates; no foreign keys, because a payment's event may arrive before
// the claim's (different streams, different Kafka partitions). Reports join at read time. Every row
// carries when it became known (KNOWN_COLUMNS); a claim certified again gets a new version.
const CLAIMS = `
  claim_id text not null,
  claim_ref text not null,
  mission text not null,
  contributor text not null,
  category text not null,
  period text not null,
  amount_usd numeric(15, 2) not null,
  certified_on date not null,
  ${KNOWN_COLUMNS},
  primary key (claim_id, known_from_position)`;

// A claim's amount by component (personnel, major equipment, …): its certified lines, or its one category
// when it has none (an imported claim).
const CLAIM_COMPONENTS = `
  claim_id text not null,
  component text not null,
  amount_usd numeric(15, 2) not null,
  ${KNOWN_COLUMNS},
  primary key (claim_id, component, known_from_position)`;

const PAYMENTS = `
  payment_id text primary key,
  payment_ref text not null,
  mission text not null,
  contributor text not null,
  amount_usd numeric(15, 2) not null,
  paid_on date not null,
  payment_run_id text,
  ${KNOWN_COLUMNS}`;

const ALLOCATIONS = `
  payment_id text not null,
  claim_id text not null,
  claim_ref text not null,
  amount_usd numeric(15, 2) not null,
  ${KNOWN_COLUMNS},
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

type Certification = { claim: ClaimCertified; known: Row; until: Row };
const CURRENT = { known_until: null, known_until_position: null };

/**
 * Each certification of the batch as a version of its claim, closed by the next one of the same claim in
 * the batch (the last stays current); and the first one of each claim, which closes the stored version.
 */
const certificationsOf = (events: readonly IntegrationEvent[]) => {
  const all = contractEventsOf('reimbursement', 'ClaimCertified', events).map(
    (e): Certification => ({ claim: e.data, known: knownFrom(e), until: CURRENT }),
  );
  const next = new Map<string, Certification>();
  for (const c of [...all].reverse()) {
    const later = next.get(c.claim.claimId);
    if (later)
      c.until = {
        known_until: later.known.known_from,
        known_until_position: later.known.known_from_position,
      };
    next.set(c.claim.claimId, c);
  }
  return { all, first: [...next.values()] };
};

/** Closes the stored current version of each claim the batch certifies again (its first certification's time). */
const closeSql = (table: string) => `
  update ${table} as t set known_until = (e->>1)::timestamptz, known_until_position = (e->>2)::bigint
  from jsonb_array_elements($1::jsonb) as e
  where t.claim_id = e->>0 and t.known_until is null and t.known_from_position < (e->>2)::bigint`;

export const payablesProjection: ProjectionDefinition<Tables> = {
  name: 'payables',
  sources: ['reimbursement'],
  eventTypes: ['ClaimCertified', 'PaymentMade'],
  tables: {
    // a contributor's statement: their claims by certification date, their payments latest first (created
    // on start on an existing version: appended, they add to the names of the indexes before them)
    claims: { columns: CLAIMS, indexes: [...knownIndexes('claim_id'), '(contributor, certified_on)'] },
    claim_components: { columns: CLAIM_COMPONENTS, indexes: knownIndexes('claim_id') },
    payments: {
      columns: PAYMENTS,
      indexes: [...knownIndexes('payment_id'), '(contributor, paid_on desc, payment_id desc)'],
    },
    allocations: { columns: ALLOCATIONS, indexes: knownIndexes('claim_id') },
  },
  // a claim certified again makes a new version of its row and components (latest wins); a payment and its
  // allocations stay as first written (first wins)
  async apply(events, tx, { claims, claim_components, payments, allocations }) {
    const { all, first } = certificationsOf(events);
    if (first.length > 0) {
      const closing = JSON.stringify(
        first.map((c) => [c.claim.claimId, c.known.known_from, c.known.known_from_position]),
      );
      await tx.query(closeSql(claims), [closing]);
      await tx.query(closeSql(claim_components), [closing]);
    }
    await insertRows(
      tx,
      claims,
      all.map((c) => ({ ...claimRow(c.claim), ...c.known, ...c.until })),
      'on conflict do nothing',
    );
    await insertRows(
      tx,
      claim_components,
      all.flatMap((c) => componentRows(c.claim).map((r) => ({ ...r, ...c.known, ...c.until }))),
      'on conflict do nothing',
    );
    const paid = contractEventsOf('reimbursement', 'PaymentMade', events).map((e) => ({
      payment: e.data,
      known: knownFrom(e),
    }));
    await insertRows(
      tx,
      payments,
      firstByKey(paid, (p) => p.payment.paymentId).map((p) => ({ ...paymentRow(p.payment), ...p.known })),
      'on conflict (payment_id) do nothing',
    );
    await insertRows(
      tx,
      allocations,
      firstByKey(
        paid.flatMap((p) => allocationRows(p.payment).map((a): Row => ({ ...a, ...p.known }))),
        (a) => JSON.stringify([a.payment_id, a.claim_id]),
      ),
      'on conflict (payment_id, claim_id) do nothing',
    );
  },
};
