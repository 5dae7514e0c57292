import { type PayableBalance, offsetCredits } from '@coe/payables';
import fc from 'fast-check';
import { type Money, ZERO, money, sum, usd } from '../shared/money';
import { repaymentsFrom, type OutstandingLoan } from './loan.repayment';
import { type MissionStatusHistory, missionStatusDecider, poolsOn, statusOn } from './mission-status.decider';
import { planPaymentRun, reserveOf } from './payment-run.plan';

// Missions opening and closing over time: quarters of a ledger in which, between runs, assessments arrive
// (repaying loans, loan.repayment.ts), claims and credits are certified and missions change status at random
// dates (mission-status.decider.ts, which refuses what a real officer could not record). Each run is planned
// as the handler plans it: what is owed by the one credit rule, each fund's cash, pooling by status on the run
// date. The properties hold run after run.

const MISSIONS = ['MINUSMA', 'UNMISS', 'MONUSCO', 'UNISFA'] as const;
const CONTRIBUTORS = ['BGD', 'IND', 'RWA'] as const;
const RUN_DATES = ['2019-09-30', '2019-12-31', '2020-03-31', '2020-06-30', '2020-09-30'];
const amount = fc.integer({ min: 1, max: 2_000_000 }).map((c) => usd(money(c).dividedBy(100)));
const dayIn = (quarter: number) =>
  fc.integer({ min: 1, max: 89 }).map((d) => {
    const start = new Date(`${RUN_DATES[quarter]}T00:00:00Z`).getTime() - 90 * 86_400_000;
    return new Date(start + d * 86_400_000).toISOString().slice(0, 10);
  });

const quarterEvents = (quarter: number) =>
  fc.record({
    assessments: fc.array(
      fc.record({ mission: fc.constantFrom(...MISSIONS), amountUsd: amount, on: dayIn(quarter) }),
      {
        maxLength: 4,
      },
    ),
    // a negative amount is a credit: a downward adjustment certified after its claim
    claims: fc.array(
      fc.record({
        mission: fc.constantFrom(...MISSIONS),
        contributor: fc.constantFrom(...CONTRIBUTORS),
        amountUsd: fc.oneof(
          { weight: 4, arbitrary: amount },
          { weight: 1, arbitrary: amount.map((a) => `-${a}`) },
        ),
        on: dayIn(quarter),
      }),
      { maxLength: 6 },
    ),
    statuses: fc.array(
      fc.record({
        mission: fc.constantFrom(...MISSIONS),
        status: fc.constantFrom('active', 'closing', 'closed'),
        on: dayIn(quarter),
      }),
      { maxLength: 2 },
    ),
  });

const ledgers = fc.record({
  operatingReservePct: fc.integer({ min: 0, max: 2000 }).map((bp) => usd(money(bp).dividedBy(100))),
  closingMissionsPool: fc.boolean(),
  quarters: fc.tuple(...RUN_DATES.map((_, q) => quarterEvents(q))),
});

type Ledger = {
  cash: Map<string, Money>;
  balances: PayableBalance[];
  loans: (OutstandingLoan & { amount: Money })[];
  statuses: Map<string, MissionStatusHistory>;
};

const recordStatus = (
  ledger: Ledger,
  s: { mission: string; status: 'active' | 'closing' | 'closed'; on: string },
) => {
  const history = ledger.statuses.get(s.mission) ?? [];
  try {
    const events = missionStatusDecider.decide(
      {
        type: 'RecordMissionStatus',
        data: { mission: s.mission, status: s.status, effectiveFrom: s.on, recordedBy: 'fo' },
      },
      history,
    );
    ledger.statuses.set(s.mission, events.reduce(missionStatusDecider.evolve, history));
  } catch {
    // refused (a closed mission never reopens, a status dated before the one in force): nothing recorded
  }
};

describe('payment runs while missions open and close', () => {
  it('keep every fund at its reserve, closed missions out of the pool, payments within what is owed, and agree with the payables report', () =>
    fc.assert(
      fc.property(ledgers, ({ operatingReservePct, closingMissionsPool, quarters }) => {
        const ledger: Ledger = {
          cash: new Map(MISSIONS.map((m) => [m, ZERO])),
          balances: [],
          loans: [],
          statuses: new Map(),
        };
        let n = 0;
        quarters.forEach((events, q) => {
          const runOn = RUN_DATES[q]!;
          const dated = [
            ...events.assessments.map((a) => ({
              on: a.on,
              apply: () => {
                const repayments = repaymentsFrom(
                  { mission: a.mission, amountUsd: a.amountUsd, receivedOn: a.on },
                  ledger.loans,
                );
                ledger.cash.set(a.mission, ledger.cash.get(a.mission)!.plus(a.amountUsd));
                for (const r of repayments) {
                  const loan = ledger.loans.find((l) => l.loanId === r.loanId)!;
                  loan.outstandingUsd = usd(money(loan.outstandingUsd).minus(r.amountUsd));
                  ledger.cash.set(a.mission, ledger.cash.get(a.mission)!.minus(r.amountUsd));
                  ledger.cash.set(loan.lenderMission, ledger.cash.get(loan.lenderMission)!.plus(r.amountUsd));
                }
              },
            })),
            ...events.claims.map((c) => ({
              on: c.on,
              apply: () => {
                n++;
                const ref = `C-${String(n).padStart(4, '0')}`;
                ledger.balances.push({
                  ...c,
                  claimId: ref,
                  claimRef: ref,
                  period: c.on.slice(0, 7),
                  certifiedOn: c.on,
                  outstandingUsd: c.amountUsd,
                });
              },
            })),
            ...events.statuses.map((s) => ({ on: s.on, apply: () => recordStatus(ledger, s) })),
          ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
          dated.forEach((d) => d.apply());

          // the payables report on the run date: what is owed by the one credit rule
          const report = offsetCredits(
            ledger.balances.filter((b) => b.certifiedOn <= runOn && !money(b.outstandingUsd).isZero()),
          );
          const owedOn = new Map(report.payables.map((p) => [p.claimId, money(p.outstandingUsd)]));
          const pools = (m: string) => poolsOn(ledger.statuses.get(m) ?? [], runOn, closingMissionsPool);
          const input = {
            runOn,
            pooled: true,
            operatingReservePct,
            funds: MISSIONS.map((m) => ({ mission: m, cashUsd: usd(ledger.cash.get(m)!), pools: pools(m) })),
            payables: report.payables,
          };
          const plan = planPaymentRun(input);

          // an ample run (every fund rich) pays exactly what the report says is owed
          const ample = planPaymentRun({
            ...input,
            funds: input.funds.map((f) => ({ ...f, cashUsd: '1000000000000.00' })),
          });
          expect(ample.paidUsd).toBe(usd(sum([...owedOn.values()])));

          // no payment above what is owed, no claim twice
          const allocations = plan.payments.flatMap((p) => p.allocations);
          expect(new Set(allocations.map((a) => a.claimId)).size).toBe(allocations.length);
          for (const a of allocations)
            expect(money(a.amountUsd).lessThanOrEqualTo(owedOn.get(a.claimId) ?? ZERO)).toBe(true);

          // closed missions never lend or borrow; no fund ends below its reserve unless it started below
          for (const m of MISSIONS) {
            const lent = sum(plan.loans.filter((l) => l.lenderMission === m).map((l) => money(l.amountUsd)));
            const borrowed = sum(
              plan.loans.filter((l) => l.borrowerMission === m).map((l) => money(l.amountUsd)),
            );
            if (statusOn(ledger.statuses.get(m) ?? [], runOn) === 'closed')
              expect(lent.plus(borrowed).isZero()).toBe(true);
            const spent = sum(plan.payments.filter((p) => p.mission === m).map((p) => money(p.amountUsd)));
            const before = ledger.cash.get(m)!;
            const after = before.plus(borrowed).minus(lent).minus(spent);
            const reserve = reserveOf(before, operatingReservePct);
            expect(after.greaterThanOrEqualTo(before.lessThan(reserve) ? before : reserve)).toBe(true);
            ledger.cash.set(m, after);
          }

          // execute: the balances fall by exactly what was paid, and the next report says so
          const owedBefore = sum([...owedOn.values()]);
          for (const a of allocations) {
            const b = ledger.balances.find((x) => x.claimId === a.claimId)!;
            b.outstandingUsd = usd(money(b.outstandingUsd).minus(a.amountUsd));
          }
          const owedAfter = sum(
            offsetCredits(ledger.balances.filter((b) => b.certifiedOn <= runOn)).payables.map((p) =>
              money(p.outstandingUsd),
            ),
          );
          expect(usd(owedBefore.minus(owedAfter))).toBe(plan.paidUsd);
          plan.loans.forEach((l, i) =>
            ledger.loans.push({
              ...l,
              loanId: `${runOn}-${i}`,
              lentOn: runOn,
              outstandingUsd: l.amountUsd,
              amount: money(l.amountUsd),
            }),
          );
        });
      }),
      { numRuns: 150 },
    ));
});
