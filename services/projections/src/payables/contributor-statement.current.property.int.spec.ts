import type { NewEvent } from '@coe/event-store';
import { formatUsd } from '@coe/platform';
import { currentAt } from '@coe/projection-engine';
import fc from 'fast-check';
import { projectionsTestHarness } from '../testing/projections.test-harness';
import { claimCertified, paymentMade } from '../testing/reimbursement-events';
import { currentStatementSql, statementSql } from './contributor-statement.query';
import { payablesProjection } from './payables.projection';

// A contributor's statement from the current state (open claims by their open dates, settled claims as the
// period sums less the open ones, the page of settled claims down the settled spans) against the same rows
// from every row version, on generated histories of one year in which payments often settle claims exactly:
// a few amounts, claims certified again (other amounts, dates, missions, categories: settled claims open
// again), payments of several claims, paid before the claim was certified, paying too much (a credit),
// claims of nothing.
const day = fc
  .integer({ min: 0, max: 364 })
  .map((d) => new Date(Date.UTC(2019, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const amount = fc.constantFrom('100.00', '100.00', '50.00', '0.00', '200.00');
const claimId = fc.integer({ min: 1, max: 10 }).map((i) => `c${i}`);

const append: fc.Arbitrary<{ stream: string; events: NewEvent[] }> = fc.oneof(
  fc
    .tuple(
      claimId,
      fc.constantFrom('IND', 'IND', 'RWA'),
      fc.constantFrom('UNMISS', 'UNIFIL'),
      fc.constantFrom('personnel', 'major_equipment'),
      amount,
      day,
    )
    .map(([claim, who, mission, category, usd, on]) => {
      const event = claimCertified(claim, who, mission, usd, on);
      return {
        stream: `claim-${claim}`,
        events: [{ ...event, data: { ...(event.data as object), category } }],
      };
    }),
  fc
    .tuple(
      fc.integer({ min: 1, max: 12 }),
      day,
      fc.array(fc.tuple(claimId, fc.constantFrom('100.00', '50.00', '50.00', '200.00')), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([payment, on, allocations]) => ({
      stream: `payment-p${payment}`,
      events: [paymentMade(`p${payment}`, 'IND', 'UNMISS', on, [...new Map(allocations).entries()])],
    })),
);
const scenario = fc.record({
  appends: fc.array(append, { minLength: 10, maxLength: 50 }),
  asOf: fc.uniqueArray(day, { minLength: 3, maxLength: 5 }),
});

const FAR = '2100-01-01T00:00:00.000Z';
const PAGE = 2;

type StatementRow = { part: number; claimId: string; settledOn: string | null } & Record<string, unknown>;

/**
 * A contributor's statement rows as of a date, its settled claims walked page by page (PAGE at a time, each
 * page after the cursor of the last row of the one before); `query` is asked (cursor date, cursor claim,
 * limit). The settled claims folded per mission and category keep their sums and count only (their period
 * and certification date stand for nothing there); amounts formatted.
 */
const statementRows = async (
  query: (cursor: [string | null, string | null], limit: number) => Promise<StatementRow[]>,
) => {
  const money = (row: StatementRow) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, k.endsWith('Usd') && typeof v === 'string' ? formatUsd(v) : v]),
    );
  const first = await query([null, null], PAGE + 1);
  const rows = first.filter((r) => r.part < 2).map(money);
  for (const r of rows) if (r.part === 1) [r.period, r.certifiedOn] = ['', ''];
  const settled: StatementRow[] = [];
  for (let page = first.filter((r) => r.part === 2); ; ) {
    settled.push(...page.slice(0, PAGE));
    if (page.length <= PAGE) break;
    const last = page[PAGE - 1]!;
    page = (await query([last.settledOn, last.claimId], PAGE + 1)).filter((r) => r.part === 2);
  }
  return { rows, settled: settled.map(money) };
};

describe("a contributor's statement from the current state (property)", () => {
  const { pool, withHistory } = projectionsTestHarness('stmtcur');

  it('lists the open claims, sums the settled ones and pages them as the row versions do', async () => {
    let settledSeen = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ appends, asOf }) => {
        await withHistory(appends, payablesProjection, async (p) => {
          expect(await currentAt(pool(), p.payables_known_through, new Date().toISOString())).toBe(true);
          for (const date of [...asOf, '2018-12-31', '2019-12-31'])
            for (const who of ['IND', 'RWA']) {
              const current = await statementRows(
                async (cursor, limit) =>
                  (await pool().query<StatementRow>(currentStatementSql(p), [date, who, ...cursor, limit]))
                    .rows,
              );
              const rows = await statementRows(
                async (cursor, limit) =>
                  (await pool().query<StatementRow>(statementSql(p), [date, who, FAR, ...cursor, limit]))
                    .rows,
              );
              expect({ date, who, ...current }).toEqual({ date, who, ...rows });
              settledSeen += rows.settled.length;
            }
        });
      }),
      { numRuns: 15, seed: Number(process.env.FC_SEED ?? 20261204), endOnFailure: true },
    );
    // the histories settle claims, more than a page of them at some dates
    expect(settledSeen).toBeGreaterThan(50);
  }, 300_000);
});
