import fc from 'fast-check';
import type { Pool, PoolClient } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import {
  deferKnownSums,
  KNOWN_PERIOD_SUM_COLUMNS,
  KNOWN_PERIOD_SUM_INDEXES,
  KNOWN_SUMS_DEFER_AT,
  knownSumsHeldAt,
  type KnownPeriodMeasure,
  recomputeKnownPeriodSums,
  refreshKnownSums,
} from './projection.known-period-sums';
import { projectionMigrations } from './projection.migrations';
import { inTransaction } from './transaction';

// The known spans of period sums do not depend on how the changes were cut into batches nor on the order
// in which two partitions' batches arrive: each batch brings the periods it touched up to date from its
// own earliest instant in each. The reference is one batch of every change.

type Version = {
  key: string;
  detail: string;
  amount: string;
  dated: string;
  from: number;
  until: number | null;
};

const T0 = Date.UTC(2026, 0, 1);
const instant = (minute: number) => new Date(T0 + minute * 60_000);
const version = fc
  .record({
    key: fc.constantFrom('A', 'B', 'C'),
    detail: fc.constantFrom('', 'x'),
    cents: fc.integer({ min: -5000, max: 90000 }),
    day: fc.integer({ min: 0, max: 700 }),
    from: fc.integer({ min: 0, max: 40 }),
    lasts: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null }),
  })
  .map(
    ({ key, detail, cents, day, from, lasts }): Version => ({
      key,
      detail,
      amount: (cents / 100).toFixed(2),
      dated: new Date(Date.UTC(2018, 11, 1) + day * 86_400_000).toISOString().slice(0, 10),
      from,
      // a version replaced at the instant its successor became known (possibly the same instant: never held)
      until: lasts === null ? null : from + lasts,
    }),
  );

// a change: at `at`, a version became known (its row is written) or was replaced (its known_until set)
type Change = { at: number; version: number; kind: 'known' | 'replaced' };

const scenario = fc
  .record({
    versions: fc.array(version, { minLength: 1, maxLength: 40 }),
    cuts: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 12 }),
    // which partition's next batch comes next, in turn
    turns: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  })
  .map(({ versions, cuts, turns }) => {
    const changes: Change[] = versions.flatMap((v, i): Change[] => [
      { at: v.from, version: i, kind: 'known' },
      ...(v.until === null ? [] : [{ at: v.until, version: i, kind: 'replaced' as const }]),
    ]);
    // two partitions by key, each in recorded order, cut into batches
    const partitions = [0, 1].map((p) =>
      changes
        .filter((c) => (versions[c.version]!.key === 'B' ? 1 : 0) === p)
        .sort((a, b) => a.at - b.at || (a.kind === 'known' ? -1 : 1)),
    );
    const batches = partitions.map((cs) => {
      const out: Change[][] = [];
      let current: Change[] = [];
      cs.forEach((c, i) => {
        current.push(c);
        if (cuts.includes(i) || i === cs.length - 1) {
          out.push(current);
          current = [];
        }
      });
      return out;
    });
    const order: Change[][] = [];
    let turn = 0;
    while (batches[0]!.length > 0 || batches[1]!.length > 0) {
      const side =
        batches[0]!.length === 0 ? 1 : batches[1]!.length === 0 ? 0 : turns[turn++ % turns.length] ? 1 : 0;
      order.push(batches[side]!.shift()!);
    }
    return { versions, changes, order };
  });

describe('recomputeKnownPeriodSums', () => {
  let pool: Pool;
  const schema = randomSchema('kps');
  beforeAll(async () => {
    pool = testPool(2);
    await pool.query(`create schema ${schema}`);
    await pool.query(
      projectionMigrations.find((m) => m.id === 'projections-004-known-sums-pending')!.sql(schema),
    );
  });
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  let run = 0;
  const table = async (name: string) => {
    await pool.query(`create table ${schema}.${name} (${KNOWN_PERIOD_SUM_COLUMNS})`);
    for (const index of KNOWN_PERIOD_SUM_INDEXES)
      await pool.query(`create index on ${schema}.${name} ${index}`);
    return `${schema}.${name}`;
  };

  /** A table of row versions for a scenario, and how a batch of changes is written to it. */
  const rowsTable = async (versions: readonly Version[]) => {
    run++;
    const rows = `${schema}.rows_${run}`;
    await pool.query(`create table ${rows} (id int primary key, key text, detail text, amount_usd numeric(15, 2),
      dated date, known_from timestamptz, known_until timestamptz)`);
    const measure: KnownPeriodMeasure = {
      measure: 'm',
      rows: `select key, detail, amount_usd, dated, known_from, known_until from ${rows}`,
    };
    const write = async (tx: PoolClient, batch: readonly Change[]) => {
      for (const c of batch) {
        const v = versions[c.version]!;
        if (c.kind === 'known')
          await tx.query(`insert into ${rows} values ($1, $2, $3, $4, $5, $6, null)`, [
            c.version,
            v.key,
            v.detail,
            v.amount,
            v.dated,
            instant(v.from),
          ]);
        else await tx.query(`update ${rows} set known_until = $2 where id = $1`, [c.version, instant(c.at)]);
      }
      return batch.map(
        (c) => [versions[c.version]!.key, versions[c.version]!.dated, instant(c.at).toISOString()] as const,
      );
    };
    return { rows, measure, write };
  };
  const spans = async (sums: string, heldAt?: Date) =>
    (
      await pool.query(
        `select measure, key, detail, period_kind, period, span::text, ${heldAt ? '' : 'known::text, '}amount_usd::text, items
         from ${sums} where $1::timestamptz is null or known @> $1::timestamptz
         order by key, period_kind, period, detail, lower(known)`,
        [heldAt ?? null],
      )
    ).rows;

  it('leaves the spans of batches catching up to one refresh, and answers only before what waits', async () => {
    let deferred = 0;
    let checkedBefore = 0;
    await fc.assert(
      fc.asyncProperty(
        scenario,
        fc.array(fc.constantFrom('apply', 'catch-up', 'catch-up then refresh'), {
          minLength: 30,
          maxLength: 30,
        }),
        async ({ versions, changes, order }, modes) => {
          const { rows, measure, write } = await rowsTable(versions);
          const whole = await table(`whole_${run}`);
          await inTransaction(pool, async (tx) =>
            recomputeKnownPeriodSums(
              tx,
              whole,
              measure,
              await write(
                tx,
                [...changes].sort((a, b) => a.at - b.at || (a.kind === 'known' ? -1 : 1)),
              ),
            ),
          );
          await pool.query(`truncate ${rows}`);

          const batched = await table(`deferred_${run}`);
          for (const [i, batch] of order.entries()) {
            const mode = modes[i % modes.length]!;
            const size = mode === 'apply' ? 1 : KNOWN_SUMS_DEFER_AT;
            const waits = await inTransaction(pool, async (tx) => {
              const touched = await write(tx, batch);
              const wait = await deferKnownSums(
                tx,
                batched,
                size,
                touched.map(([, , at]) => at),
              );
              if (!wait) await recomputeKnownPeriodSums(tx, batched, measure, touched);
              return wait;
            });
            if (waits) deferred++;
            if (mode === 'catch-up then refresh') await refreshKnownSums(pool, batched, [measure]);
            // while changes wait, the spans held before the earliest of them are already final
            const { rows: pending } = await pool.query<{ since: Date }>(
              `select since from ${schema}.known_sums_pending where sums_table = $1`,
              [batched],
            );
            if (pending[0]) {
              const before = new Date(pending[0].since.getTime() - 1);
              expect(await knownSumsHeldAt(pool, batched, before.toISOString())).toBe(true);
              expect(await knownSumsHeldAt(pool, batched, pending[0].since.toISOString())).toBe(false);
              // the reference: the rows written so far, as one batch
              const reference = await table(`reference_${run}_${i}`);
              await inTransaction(pool, async (tx) => {
                const { rows: written } = await tx.query<{ key: string; dated: string; at: string }>(
                  `select key, to_char(dated, 'YYYY-MM-DD') as dated, to_json(known_from) #>> '{}' as at from ${rows}`,
                );
                await recomputeKnownPeriodSums(
                  tx,
                  reference,
                  measure,
                  written.map((r) => [r.key, r.dated, r.at] as const),
                );
              });
              expect(await spans(batched, before)).toEqual(await spans(reference, before));
              checkedBefore++;
            } else expect(await knownSumsHeldAt(pool, batched, instant(1000).toISOString())).toBe(true);
          }
          await refreshKnownSums(pool, batched, [measure]);
          expect(await refreshKnownSums(pool, batched, [measure])).toBe(false);
          expect(await spans(batched)).toEqual(await spans(whole));
        },
      ),
      { numRuns: 30, seed: Number(process.env.FC_SEED ?? 20261205), endOnFailure: true },
    );
    expect(deferred).toBeGreaterThan(20);
    expect(checkedBefore).toBeGreaterThan(20);
  }, 180_000);

  it('gives the same spans whatever the batches and the order of two partitions', async () => {
    let outOfOrder = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ versions, changes, order }) => {
        const { rows, measure, write } = await rowsTable(versions);
        const apply = async (sums: string, batch: readonly Change[]) =>
          inTransaction(pool, async (tx) =>
            recomputeKnownPeriodSums(tx, sums, measure, await write(tx, batch)),
          );

        const batched = await table(`batched_${run}`);
        let latest = -Infinity;
        for (const batch of order) {
          if (Math.min(...batch.map((c) => c.at)) < latest) outOfOrder++;
          latest = Math.max(latest, ...batch.map((c) => c.at));
          await apply(batched, batch);
        }
        const got = await spans(batched);

        await pool.query(`truncate ${rows}`);
        const whole = await table(`whole_${run}`);
        await apply(
          whole,
          [...changes].sort((a, b) => a.at - b.at || (a.kind === 'known' ? -1 : 1)),
        );
        expect(got).toEqual(await spans(whole));
      }),
      { numRuns: 40, seed: Number(process.env.FC_SEED ?? 20261204), endOnFailure: true },
    );
    // some batches came with instants earlier than ones already applied
    expect(outOfOrder).toBeGreaterThan(5);
  }, 120_000);
});
