import type { NewEvent } from '@coe/event-store';
import { formatUsd } from '@coe/platform';
import { currentAt, versionTables } from '@coe/projection-engine';
import fc from 'fast-check';
import { cashPoolProjection } from '../cash-pool/cash-pool.projection';
import type { FundMovements } from '../cash-pool/cash-pool.report';
import { currentFundMovements, fundMovementsAsKnownAt, knownFundMovements } from '../cash-pool/cash-pool.sql';
import { projectionsTestHarness } from '../testing/projections.test-harness';
import { assessmentReceived, claimCertified, paymentMade } from '../testing/reimbursement-events';
import { payablesProjection } from './payables.projection';
import { type ClaimBalance, payablesReport, payablesReportOf } from './payables.report';
import { claimBalancesSql, readCurrentPayables, readKnownPayables, readPayables } from './payables.sql';

// The current state's answers (claims open on a date, period sums) against the answers read from every
// row version, both offsetting credits in SQL, and against offsetCredits over every claim's balance, on generated histories: three years of claims certified again (other amounts, dates,
// contributors), credits, payments settling claims exactly, in parts, too much or not at all.
const day = fc
  .integer({ min: 0, max: 3 * 365 })
  .map((d) => new Date(Date.UTC(2018, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const usd = fc.oneof(
  fc.constantFrom('100.00', '200.00', '50.00', '-50.00', '0.00'),
  fc
    .tuple(fc.integer({ min: 1, max: 900 }), fc.integer({ min: 0, max: 99 }))
    .map(([units, cents]) => `${units}.${String(cents).padStart(2, '0')}`),
);
const claimId = fc.integer({ min: 1, max: 6 }).map((i) => `c${i}`);
const contributor = fc.constantFrom('IND', 'RWA');
const mission = fc.constantFrom('UNMISS', 'UNIFIL');

type Append = { stream: string; events: NewEvent[] };
const append: fc.Arbitrary<Append> = fc.oneof(
  fc.tuple(claimId, contributor, mission, usd, day).map(([claim, who, where, amount, on]) => ({
    stream: `claim-${claim}`,
    events: [claimCertified(claim, who, where, amount, on)],
  })),
  fc
    .tuple(
      fc.integer({ min: 1, max: 8 }),
      contributor,
      mission,
      day,
      fc.array(fc.tuple(claimId, usd), { minLength: 1, maxLength: 2 }),
    )
    .map(([payment, who, where, on, allocations]) => ({
      stream: `payment-p${payment}`,
      events: [
        paymentMade(
          `p${payment}`,
          who,
          where,
          on,
          [...new Map(allocations).entries()].map(([c, amount]) => [c, amount.replace('-', '')]),
        ),
      ],
    })),
  fc.tuple(mission, usd, day).map(([where, amount, on]) => ({
    stream: `fund-${where}`,
    events: [assessmentReceived(where, amount.replace('-', ''), on)],
  })),
);
// each append recorded 1 to 120 minutes after the one before, from 2026-01-01; instants to ask as known at:
// some exactly an append's, some between, before the first and after the last
const scenario = fc
  .record({
    appends: fc.array(fc.tuple(append, fc.integer({ min: 1, max: 120 })), { minLength: 1, maxLength: 30 }),
    asOf: fc.uniqueArray(day, { minLength: 3, maxLength: 6 }),
  })
  .chain(({ appends, asOf }) => {
    let at = Date.UTC(2026, 0, 1);
    const recorded = appends.map(([a, minutes]) => ({ ...a, at: new Date((at += minutes * 60_000)) }));
    const times = recorded.map((a) => a.at.getTime());
    return fc
      .uniqueArray(
        fc.oneof(
          fc.constantFrom(...times),
          fc.integer({ min: times[0]! - 3_600_000, max: times.at(-1)! + 3_600_000 }),
        ),
        { minLength: 2, maxLength: 4 },
      )
      .map((instants) => ({
        appends: recorded,
        asOf,
        knownAt: instants.map((t) => new Date(t).toISOString()),
      }));
  });

const FAR = '2100-01-01T00:00:00.000Z';

const normalized = (movements: readonly FundMovements[]) =>
  [...movements]
    .sort((a, b) => (a.mission < b.mission ? -1 : 1))
    .map((m) =>
      Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k === 'mission' ? v : formatUsd(v)])),
    );

describe('payables and cash pool from the current state (property)', () => {
  const { pool, withHistory } = projectionsTestHarness('current');

  it('answer as the row versions do, for every asOf and contributor', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ appends, asOf, knownAt }) => {
        await withHistory(appends, payablesProjection, async (p, schema) => {
          const c = versionTables(schema, cashPoolProjection, 1);
          expect(await currentAt(pool(), p.payables_known_through, new Date().toISOString())).toBe(true);
          for (const date of [...asOf, '2017-12-31', '2021-06-30']) {
            for (const who of [null, 'IND']) {
              // the credits offset in SQL, from the current state and from the row versions, and by
              // offsetCredits over every claim's balance: one answer
              const current = await readCurrentPayables(pool(), p, date, who);
              const old = await readPayables(pool(), p, date, who, FAR);
              const { rows: claims } = await pool().query<ClaimBalance>(claimBalancesSql(p), [
                date,
                who,
                FAR,
              ]);
              const expected = { date, who, ...payablesReport(date, claims, old.paid, old.categories) };
              expect({ date, who, ...payablesReportOf(date, current) }).toEqual(expected);
              expect({ date, who, ...payablesReportOf(date, old) }).toEqual(expected);
              // as known at earlier instants: what the version keeps over recorded time, and the row versions
              for (const at of knownAt)
                expect({
                  date,
                  who,
                  at,
                  ...payablesReportOf(date, await readKnownPayables(pool(), p, date, who, at)),
                }).toEqual({
                  date,
                  who,
                  at,
                  ...payablesReportOf(date, await readPayables(pool(), p, date, who, at)),
                });
            }
            expect({ date, funds: normalized(await currentFundMovements(pool(), c, date)) }).toEqual({
              date,
              funds: normalized(await fundMovementsAsKnownAt(pool(), c, date, FAR)),
            });
            for (const at of knownAt)
              expect({ date, at, funds: normalized(await knownFundMovements(pool(), c, date, at)) }).toEqual({
                date,
                at,
                funds: normalized(await fundMovementsAsKnownAt(pool(), c, date, at)),
              });
          }
        });
      }),
      { numRuns: 12, seed: Number(process.env.FC_SEED ?? 20261204), endOnFailure: true },
    );
  }, 300_000);
});
