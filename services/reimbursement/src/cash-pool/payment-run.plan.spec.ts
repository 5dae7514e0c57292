import fc from 'fast-check';
import { type OutstandingClaim, oldestFirst } from '../payment/payment.allocation';
import { money, sum, usd } from '../shared/money';
import { type PaymentRunInput, planPaymentRun } from './payment-run.plan';

const claim = (
  claimRef: string,
  mission: string,
  contributor: string,
  certifiedOn: string,
  outstandingUsd: string,
): OutstandingClaim => ({
  claimId: `id-${claimRef}`,
  claimRef,
  mission,
  contributor,
  period: certifiedOn.slice(0, 7),
  certifiedOn,
  outstandingUsd,
});

describe('planning a quarterly payment run', () => {
  const input: PaymentRunInput = {
    runOn: '2019-09-25',
    pooled: true,
    operatingReservePct: '10.00',
    funds: [
      { mission: 'MINUSMA', cashUsd: '100.00', pools: true },
      { mission: 'UNMISS', cashUsd: '1000.00', pools: true },
    ],
    payables: [
      claim('C', 'UNMISS', 'RWA', '2019-03-01', '400.00'),
      claim('A', 'MINUSMA', 'BGD', '2019-01-10', '300.00'),
      claim('B', 'MONUSCO', 'IND', '2019-02-01', '500.00'),
      claim('D', 'UNMISS', 'RWA', '2019-11-01', '100.00'),
    ],
  };

  it('with the cash pool, pays the oldest payables whatever their mission, missions short of cash borrowing', () =>
    // cash 1,100.00 less 10 % reserves (10.00 + 100.00) = 990.00: A in full (MINUSMA's own 100.00 − 10.00
    // = 90.00, and 300.00 − 90.00 = 210.00 borrowed), B in full (MONUSCO has no fund: 500.00 borrowed),
    // C for the 990.00 − 300.00 − 500.00 = 190.00 left, from UNMISS's own; D is certified later.
    // UNMISS lends 210.00 + 500.00 = 710.00 and spends 190.00: 1,000.00 − 900.00 = 100.00, its reserve
    expect(planPaymentRun(input)).toEqual({
      pooled: true,
      availableCashUsd: '1100.00',
      reserveUsd: '110.00',
      paidUsd: '990.00',
      // MINUSMA's own 90.00 to A, UNMISS's own 900.00 to C (only 400.00 owed)
      paidWithoutPoolUsd: '490.00',
      payments: [
        {
          mission: 'MINUSMA',
          contributor: 'BGD',
          amountUsd: '300.00',
          allocations: [{ claimId: 'id-A', claimRef: 'A', amountUsd: '300.00' }],
        },
        {
          mission: 'MONUSCO',
          contributor: 'IND',
          amountUsd: '500.00',
          allocations: [{ claimId: 'id-B', claimRef: 'B', amountUsd: '500.00' }],
        },
        {
          mission: 'UNMISS',
          contributor: 'RWA',
          amountUsd: '190.00',
          allocations: [{ claimId: 'id-C', claimRef: 'C', amountUsd: '190.00' }],
        },
      ],
      loans: [
        { lenderMission: 'UNMISS', borrowerMission: 'MINUSMA', amountUsd: '210.00' },
        { lenderMission: 'UNMISS', borrowerMission: 'MONUSCO', amountUsd: '500.00' },
      ],
    }));

  it('before the pool, pays each mission’s payables from its own fund only', () =>
    expect(planPaymentRun({ ...input, pooled: false })).toMatchObject({
      paidUsd: '490.00',
      paidWithoutPoolUsd: '490.00',
      payments: [
        { mission: 'MINUSMA', contributor: 'BGD', amountUsd: '90.00' },
        { mission: 'UNMISS', contributor: 'RWA', amountUsd: '400.00' },
      ],
      loans: [],
    }));
});

describe('each fund keeps its own operating reserve (resolution 73/307)', () => {
  const funds = (minusma = true, unmiss = true): PaymentRunInput['funds'] => [
    { mission: 'MINUSMA', cashUsd: '100.00', pools: minusma },
    { mission: 'UNMISS', cashUsd: '1000.00', pools: unmiss },
  ];
  const owing = (amount: string): PaymentRunInput => ({
    runOn: '2019-09-25',
    pooled: true,
    operatingReservePct: '10.00',
    funds: funds(),
    payables: [claim('M1', 'MINUSMA', 'BGD', '2019-06-01', amount)],
  });

  it('a borrower spends its cash above its reserve, then borrows; the lender keeps far more than its reserve', () =>
    // MINUSMA's reserve 10 % × 100.00 = 10.00, spare 90.00; UNMISS's reserve 100.00, spare 900.00.
    // MINUSMA owes 300.00: 90.00 of its own + 300.00 − 90.00 = 210.00 borrowed from UNMISS.
    // MINUSMA ends at 100.00 − 300.00 + 210.00 = 10.00; UNMISS at 1,000.00 − 210.00 = 790.00
    expect(planPaymentRun(owing('300.00'))).toEqual({
      pooled: true,
      availableCashUsd: '1100.00',
      reserveUsd: '110.00',
      paidUsd: '300.00',
      paidWithoutPoolUsd: '90.00',
      payments: [
        {
          mission: 'MINUSMA',
          contributor: 'BGD',
          amountUsd: '300.00',
          allocations: [{ claimId: 'id-M1', claimRef: 'M1', amountUsd: '300.00' }],
        },
      ],
      loans: [{ lenderMission: 'UNMISS', borrowerMission: 'MINUSMA', amountUsd: '210.00' }],
    }));

  it('when more is owed, both funds end exactly at their own reserves: 10.00 and 100.00', () =>
    // MINUSMA owes 2,000.00; the spare cash is 90.00 + 900.00 = 990.00, all paid, 900.00 of it lent.
    // MINUSMA ends at 100.00 − 990.00 + 900.00 = 10.00; UNMISS at 1,000.00 − 900.00 = 100.00
    expect(planPaymentRun(owing('2000.00'))).toMatchObject({
      paidUsd: '990.00',
      paidWithoutPoolUsd: '90.00',
      payments: [{ mission: 'MINUSMA', contributor: 'BGD', amountUsd: '990.00' }],
      loans: [{ lenderMission: 'UNMISS', borrowerMission: 'MINUSMA', amountUsd: '900.00' }],
    }));

  it('a mission that does not pool pays from its own spare cash and lends nothing; the rest stays owed', () =>
    // MINUSMA closed: it pays 90.00 of its own 2,000.00 (1,910.00 stays owed); UNMISS lends nothing
    // and pays its own 400.00 claim from its 900.00 spare
    expect(
      planPaymentRun({
        ...owing('2000.00'),
        funds: funds(false, true),
        payables: [
          claim('M1', 'MINUSMA', 'BGD', '2019-06-01', '2000.00'),
          claim('U1', 'UNMISS', 'RWA', '2019-07-01', '400.00'),
        ],
      }),
    ).toMatchObject({
      paidUsd: '490.00',
      payments: [
        { mission: 'MINUSMA', contributor: 'BGD', amountUsd: '90.00' },
        { mission: 'UNMISS', contributor: 'RWA', amountUsd: '400.00' },
      ],
      loans: [],
    }));

  it('an overdrawn fund spends and lends nothing, and counts as it is in the cash available', () =>
    // MINUSMA at −50.00: no reserve, no spare; UNMISS's 900.00 spare pays MINUSMA's 300.00 as a loan.
    // available = −50.00 + 1,000.00 = 950.00, reserve = 0.00 + 100.00 = 100.00
    expect(
      planPaymentRun({
        ...owing('300.00'),
        funds: [
          { mission: 'MINUSMA', cashUsd: '-50.00', pools: true },
          { mission: 'UNMISS', cashUsd: '1000.00', pools: true },
        ],
      }),
    ).toMatchObject({
      availableCashUsd: '950.00',
      reserveUsd: '100.00',
      paidUsd: '300.00',
      paidWithoutPoolUsd: '0.00',
      loans: [{ lenderMission: 'UNMISS', borrowerMission: 'MINUSMA', amountUsd: '300.00' }],
    }));
});

// Random funds and payables: every plan must keep the invariants of the cash pool and of payments.
const MISSIONS = ['MINUSMA', 'UNMISS', 'MONUSCO', 'UNIFIL'];
const cents = fc.integer({ min: 0, max: 5_000_000_00 }).map((c) => usd(money(c).dividedBy(100)));
const day = fc
  .integer({ min: 0, max: 500 })
  .map((d) => new Date(Date.UTC(2018, 6, 1) + d * 86_400_000).toISOString().slice(0, 10));
const runs = fc.record({
  runOn: day,
  pooled: fc.boolean(),
  operatingReservePct: fc.integer({ min: 0, max: 2500 }).map((bp) => usd(money(bp).dividedBy(100))),
  funds: fc.uniqueArray(
    fc.record({
      mission: fc.constantFrom(...MISSIONS),
      // now and then an overdrawn fund
      cashUsd: fc.oneof(
        { weight: 5, arbitrary: cents },
        { weight: 1, arbitrary: cents.map((c) => usd(money(c).negated())) },
      ),
      pools: fc.boolean(),
    }),
    {
      selector: (f) => f.mission,
    },
  ),
  payables: fc
    .array(
      fc.record({
        mission: fc.constantFrom(...MISSIONS),
        contributor: fc.constantFrom('BGD', 'IND', 'NPL', 'PAK', 'RWA'),
        certifiedOn: day,
        outstandingUsd: cents.filter((c) => c !== '0.00'),
      }),
      { maxLength: 40 },
    )
    .map((list) =>
      list.map((c, i) =>
        claim(`R-${String(i).padStart(3, '0')}`, c.mission, c.contributor, c.certifiedOn, c.outstandingUsd),
      ),
    ),
});

describe('every payment run', () => {
  it('pays no more than the cash, no claim twice nor beyond what it owes, the oldest first, and leaves no fund overdrawn', () =>
    fc.assert(
      fc.property(runs, (input) => {
        const plan = planPaymentRun(input);
        const allocations = plan.payments.flatMap((p) =>
          p.allocations.map((a) => ({ ...a, mission: p.mission })),
        );
        const claims = new Map(input.payables.map((c) => [c.claimId, c]));
        const paid = sum(allocations.map((a) => money(a.amountUsd)));

        // payments add up; the cash (less the reserve) is never exceeded
        expect(usd(paid)).toBe(plan.paidUsd);
        plan.payments.forEach((p) =>
          expect(usd(sum(p.allocations.map((a) => money(a.amountUsd))))).toBe(p.amountUsd),
        );
        const spare = sum(
          input.funds.map((f) => (money(f.cashUsd).greaterThan(0) ? money(f.cashUsd) : money(0))),
        ).minus(plan.reserveUsd);
        expect(paid.lessThanOrEqualTo(spare)).toBe(true);

        // never a claim twice, never beyond what is owed, never one certified after the run
        expect(new Set(allocations.map((a) => a.claimId)).size).toBe(allocations.length);
        for (const a of allocations) {
          const owed = claims.get(a.claimId)!;
          expect(
            money(a.amountUsd).greaterThan(0) && money(a.amountUsd).lessThanOrEqualTo(owed.outstandingUsd),
          ).toBe(true);
          expect(owed.certifiedOn <= input.runOn).toBe(true);
        }

        // payables fall by exactly what is paid
        const owedBefore = sum(input.payables.map((c) => money(c.outstandingUsd)));
        const owedAfter = sum(
          input.payables.map((c) =>
            money(c.outstandingUsd).minus(allocations.find((a) => a.claimId === c.claimId)?.amountUsd ?? '0'),
          ),
        );
        expect(usd(owedBefore.minus(owedAfter))).toBe(plan.paidUsd);

        // each fund ends at or above its own reserve (an overdrawn one spends nothing of its own);
        // loans only with the pool and only between pooling missions
        for (const mission of MISSIONS) {
          const fund = input.funds.find((f) => f.mission === mission);
          const cash = money(fund?.cashUsd ?? '0');
          const reserve = cash.greaterThan(0)
            ? cash.times(input.operatingReservePct).dividedBy(100).toDecimalPlaces(2, 4)
            : money(0);
          const borrowed = sum(
            plan.loans.filter((l) => l.borrowerMission === mission).map((l) => money(l.amountUsd)),
          );
          const lent = sum(
            plan.loans.filter((l) => l.lenderMission === mission).map((l) => money(l.amountUsd)),
          );
          const spent = sum(allocations.filter((a) => a.mission === mission).map((a) => money(a.amountUsd)));
          const end = cash.plus(borrowed).minus(lent).minus(spent);
          expect(end.greaterThanOrEqualTo(cash.lessThan(reserve) ? cash : reserve)).toBe(true);
          if (fund && !fund.pools) expect(borrowed.plus(lent).isZero()).toBe(true);
        }
        if (!input.pooled) expect(plan.loans).toEqual([]);
        // no mission both lends and borrows in one run
        const lenders = new Set(plan.loans.map((l) => l.lenderMission));
        plan.loans.forEach((l) => expect(lenders.has(l.borrowerMission)).toBe(false));

        // oldest first: a claim left unpaid (in whole or part) means no younger one was paid, in the pool
        // or, without it, within the same mission
        const due = input.payables.filter((c) => c.certifiedOn <= input.runOn);
        const paidOn = (c: OutstandingClaim) =>
          money(allocations.find((a) => a.claimId === c.claimId)?.amountUsd ?? '0');
        for (const older of due.filter((c) => paidOn(c).lessThan(c.outstandingUsd))) {
          const pools = (m: string) => input.funds.find((f) => f.mission === m)?.pools ?? true;
          const sameCash = (c: OutstandingClaim) =>
            c.mission === older.mission || (input.pooled && pools(c.mission) && pools(older.mission));
          const younger = due.filter((c) => sameCash(c) && oldestFirst(older, c) < 0);
          younger.forEach((c) => expect(paidOn(c).isZero()).toBe(true));
        }

        // the pool never pays less than the missions' own cash would have
        expect(money(plan.paidUsd).greaterThanOrEqualTo(plan.paidWithoutPoolUsd)).toBe(true);
      }),
      { numRuns: 300 },
    ));
});
