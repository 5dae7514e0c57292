import { type PayableBalance, offsetCredits } from '@coe/payables';
import fc from 'fast-check';
import { planPaymentRun } from '../cash-pool/payment-run.plan';
import { money, sum, usd } from '../shared/money';

// Random payables, credits and part-payments of several missions and contributors: what the credit rule
// says is owed is what a run with ample cash pays, to the cent, and equals, per mission and contributor,
// the balances' sum when positive (a credit left over is owed nothing and pays nothing).
const MISSIONS = ['MINUSMA', 'UNMISS', 'UNAMID'];
const CONTRIBUTORS = ['BGD', 'IND', 'RWA'];
const day = fc
  .integer({ min: 0, max: 400 })
  .map((d) => new Date(Date.UTC(2018, 6, 1) + d * 86_400_000).toISOString().slice(0, 10));
const balances = fc
  .array(
    fc.record({
      mission: fc.constantFrom(...MISSIONS),
      contributor: fc.constantFrom(...CONTRIBUTORS),
      certifiedOn: day,
      // a credit now and then; zero for a claim paid in full
      cents: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 1_000_000_00 }) },
        { weight: 1, arbitrary: fc.integer({ min: -300_000_00, max: -1 }) },
      ),
    }),
    { maxLength: 40 },
  )
  .map((list) =>
    list.map(
      (b, i): PayableBalance => ({
        claimId: `id-${i}`,
        claimRef: `R-${String(i).padStart(3, '0')}`,
        mission: b.mission,
        contributor: b.contributor,
        period: b.certifiedOn.slice(0, 7),
        certifiedOn: b.certifiedOn,
        outstandingUsd: usd(money(b.cents).dividedBy(100)),
      }),
    ),
  );

describe('what is owed, once credits are offset', () => {
  it('is what a run with ample cash pays, per mission and contributor the positive sum of the balances', () =>
    fc.assert(
      fc.property(balances, (list) => {
        const { payables, credits } = offsetCredits(list);
        const plan = planPaymentRun({
          runOn: '2019-12-31',
          pooled: true,
          operatingReservePct: '0',
          funds: MISSIONS.map((mission) => ({ mission, cashUsd: '1000000000.00', pools: true })),
          payables,
        });
        for (const mission of MISSIONS)
          for (const contributor of CONTRIBUTORS) {
            const own = list.filter((b) => b.mission === mission && b.contributor === contributor);
            const net = sum(own.map((b) => money(b.outstandingUsd)));
            const owed = sum(
              payables
                .filter((p) => p.mission === mission && p.contributor === contributor)
                .map((p) => money(p.outstandingUsd)),
            );
            const credit = sum(
              credits
                .filter((c) => c.mission === mission && c.contributor === contributor)
                .map((c) => money(c.creditUsd)),
            );
            const paid =
              plan.payments.find((p) => p.mission === mission && p.contributor === contributor)?.amountUsd ??
              '0.00';
            expect([mission, contributor, usd(owed), usd(credit), paid]).toEqual([
              mission,
              contributor,
              usd(net.greaterThan(0) ? net : money(0)),
              usd(net.lessThan(0) ? net.negated() : money(0)),
              usd(owed),
            ]);
          }
        // never more on a payable than its balance, never anything on a credit
        const before = new Map(list.map((b) => [b.claimId, money(b.outstandingUsd)]));
        for (const p of payables) {
          expect(money(p.outstandingUsd).greaterThanOrEqualTo(0)).toBe(true);
          expect(money(p.outstandingUsd).lessThanOrEqualTo(before.get(p.claimId)!)).toBe(true);
        }
        expect(usd(sum(payables.map((p) => money(p.outstandingUsd))))).toBe(plan.paidUsd);
      }),
      { numRuns: 300 },
    ));
});
