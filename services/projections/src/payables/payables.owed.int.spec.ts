import { offsetCredits, type PayableBalance } from '@coe/payables';
import { Decimal } from '@coe/platform';
import fc from 'fast-check';
import type { Pool } from 'pg';
import { testPool } from '../../../../test/support/database';
import { agingOf } from './payables.aging';
import { offsetCreditsSql, owedByContributorSql } from './payables.owed.sql';

// The reports offset credits in SQL, the payment run with offsetCredits: on generated balances (credits
// larger than the payables, several missions and contributors, equal dates and months) both say the same
// of every claim, so the one rule cannot drift into two.
const balance = fc.record({
  mission: fc.constantFrom('UNMISS', 'UNIFIL', 'MINUSCA'),
  contributor: fc.constantFrom('IND', 'RWA'),
  certifiedOn: fc.constantFrom('2019-01-31', '2019-02-28', '2019-03-31'),
  period: fc.constantFrom('2018-12', '2019-01', '2019-1'),
  outstandingUsd: fc.oneof(
    fc.constantFrom('0.00', '100.00', '-100.00', '0.01', '-0.01'),
    fc.integer({ min: -90_000, max: 60_000 }).map((cents) => (cents / 100).toFixed(2)),
  ),
});
const balances = fc
  .array(balance, { maxLength: 25 })
  // references unique, as a claim's is; their order neither numeric nor by length ('R10' before 'R9')
  .map((list) => list.map((b, i): PayableBalance => ({ ...b, claimId: `c${i}`, claimRef: `R${24 - i}` })));

const AS_RECORDS = `jsonb_to_recordset($1::jsonb) as r(claim_id text, claim_ref text, mission text,
  contributor text, period text, certified_on date, outstanding numeric)`;
const balancesCte = `with b as (select r.*, 0 as age_days from ${AS_RECORDS})`;

describe('credits offset in SQL', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = testPool(2);
  });
  afterAll(() => pool.end());

  const records = (list: readonly PayableBalance[]) =>
    JSON.stringify(
      list.map((b) => ({
        claim_id: b.claimId,
        claim_ref: b.claimRef,
        mission: b.mission,
        contributor: b.contributor,
        period: b.period,
        certified_on: b.certifiedOn,
        outstanding: b.outstandingUsd,
      })),
    );

  it('owes and leaves unused what offsetCredits does, claim by claim', async () => {
    await fc.assert(
      fc.asyncProperty(balances, async (list) => {
        const { rows } = await pool.query<{ claimId: string; owed: string; unused: string }>(
          `${balancesCte} select claim_id as "claimId", owed::numeric(16, 2)::text as owed,
             unused::numeric(16, 2)::text as unused
           from (${offsetCreditsSql('b')}) o order by claim_id`,
          [records(list)],
        );
        const { payables, credits } = offsetCredits(list);
        const expected = [
          ...payables.map((p) => ({ claimId: p.claimId, owed: p.outstandingUsd, unused: '0.00' })),
          ...credits.map((c) => ({ claimId: c.claimId, owed: '0.00', unused: c.creditUsd })),
        ];
        const byId = new Map(expected.map((e) => [e.claimId, e]));
        // a used-up credit is no credit for offsetCredits: in SQL, one with nothing unused
        const sql = rows.filter((r) => byId.has(r.claimId) || r.unused !== '0.00');
        expect(sql).toEqual([...byId.values()].sort((a, b) => (a.claimId < b.claimId ? -1 : 1)));
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 20261204) },
    );
  });

  it('sums per contributor what offsetCredits leaves owed and unused, aged by claim', async () => {
    const AS_OF = '2019-06-30';
    await fc.assert(
      fc.asyncProperty(balances, async (list) => {
        const { rows } = await pool.query(
          `with b as materialized (select r.*, ($2::date - r.certified_on) as age_days from ${AS_RECORDS})
           ${owedByContributorSql('b')} order by contributor`,
          [records(list), AS_OF],
        );
        const { payables, credits } = offsetCredits(list);
        const ageDays = (b: PayableBalance) => (Date.parse(AS_OF) - Date.parse(b.certifiedOn)) / 86_400_000;
        const sum = (amounts: readonly string[]) =>
          amounts.reduce((total, a) => total.plus(a), new Decimal(0)).toFixed(2);
        // a contributor with any claim owing or owed something, even a credit used up
        const contributors = [
          ...new Set(list.filter((b) => !new Decimal(b.outstandingUsd).isZero()).map((b) => b.contributor)),
        ].sort();
        expect(rows).toEqual(
          contributors.map((contributor) => {
            const owed = payables.filter((p) => p.contributor === contributor);
            return {
              contributor,
              creditsUsd: sum(credits.filter((c) => c.contributor === contributor).map((c) => c.creditUsd)),
              owedUsd: sum(owed.map((p) => p.outstandingUsd)),
              aging: agingOf(owed.map((p) => ({ ageDays: ageDays(p), outstandingUsd: p.outstandingUsd }))),
            };
          }),
        );
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? 20261205) },
    );
  });

  it('sums them per contributor, aged by claim', async () => {
    const list: PayableBalance[] = [
      {
        claimId: 'a',
        claimRef: 'A',
        mission: 'UNMISS',
        contributor: 'IND',
        period: '2019-01',
        certifiedOn: '2019-01-31',
        outstandingUsd: '100.00',
      },
      {
        claimId: 'b',
        claimRef: 'B',
        mission: 'UNMISS',
        contributor: 'IND',
        period: '2019-02',
        certifiedOn: '2019-02-28',
        outstandingUsd: '-30.00',
      },
      {
        claimId: 'c',
        claimRef: 'C',
        mission: 'UNIFIL',
        contributor: 'IND',
        period: '2019-02',
        certifiedOn: '2019-02-28',
        outstandingUsd: '-5.00',
      },
    ];
    const { rows } = await pool.query(
      `with b as (select r.*, (date '2019-06-30' - r.certified_on) as age_days from ${AS_RECORDS})
       ${owedByContributorSql('b')}`,
      [records(list)],
    );
    expect(rows).toEqual([
      {
        contributor: 'IND',
        creditsUsd: '5.00',
        owedUsd: '70.00',
        aging: { '0-90': '0.00', '91-180': '70.00', '181-365': '0.00', 'over-365': '0.00' },
      },
    ]);
  });
});
