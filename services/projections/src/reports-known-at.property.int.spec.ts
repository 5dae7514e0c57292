import type { NewEvent } from '@coe/event-store';
import fc from 'fast-check';
import { serviceSchema } from '@coe/messaging';
import { versionTables } from '@coe/projection-engine';
import { PROJECTIONS } from './projection/projection.registry';
import { mouDrafted, signed, unitDeployed, unitRepatriated, withdrawn } from './testing/mou-events';
import { projectionsTestHarness } from './testing/projections.test-harness';
import { assessmentReceived, claimCertified, paymentMade } from './testing/reimbursement-events';

type Append = { service: 'mou-negotiation' | 'reimbursement'; stream: string; events: NewEvent[]; at: Date };

const day = fc
  .integer({ min: 0, max: 364 })
  .map((d) => new Date(Date.UTC(2019, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
const usd = fc
  .tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 99 }))
  .map(([units, cents]) => `${units}.${String(cents).padStart(2, '0')}`);
const id = (prefix: string, n: number) => fc.integer({ min: 1, max: n }).map((i) => `${prefix}${i}`);

// Few ids, so that facts collide: MOUs corrected and signed late, claims certified again with other amounts,
// payments repeated (the first one stays), all with business dates in the past.
const mouAppend = fc.tuple(
  id('m', 4),
  fc.integer({ min: 0, max: 4 }),
  day,
  fc.constantFrom('UNMISS', 'UNIFIL'),
);
const append = fc.oneof(
  mouAppend.map(
    ([mou, kind, on, mission]): Omit<Append, 'at'> => ({
      service: 'mou-negotiation',
      stream: `mou-${mou}`,
      events: [
        [mouDrafted(mou, mission, on)],
        [unitDeployed(mou, on)],
        [unitRepatriated(mou, on)],
        [signed(mou, 'contributor', on), signed(mou, 'un', on)],
        [withdrawn(mou, on)],
      ][kind]!,
    }),
  ),
  fc.tuple(id('c', 4), fc.constantFrom('IND', 'RWA'), usd, day).map(
    ([claim, contributor, amount, on]): Omit<Append, 'at'> => ({
      service: 'reimbursement',
      stream: `claim-${claim}`,
      events: [claimCertified(claim, contributor, 'UNMISS', amount, on)],
    }),
  ),
  fc.tuple(id('p', 3), id('c', 4), fc.constantFrom('IND', 'RWA'), usd, day).map(
    ([payment, claim, contributor, amount, on]): Omit<Append, 'at'> => ({
      service: 'reimbursement',
      stream: `payment-${payment}`,
      events: [paymentMade(payment, contributor, 'UNMISS', on, [[claim, amount]])],
    }),
  ),
  fc.tuple(usd, day).map(
    ([amount, on]): Omit<Append, 'at'> => ({
      service: 'reimbursement',
      stream: 'fund-UNMISS',
      events: [assessmentReceived('UNMISS', amount, on)],
    }),
  ),
);

// Appends recorded at increasing instants (1 to 120 minutes apart) from 2026-01-01, and instants to ask at:
// some exactly at an append's instant, some between, before the first and after the last.
const history = fc
  .array(fc.tuple(append, fc.integer({ min: 1, max: 120 })), { minLength: 6, maxLength: 24 })
  .map((steps) => {
    let at = Date.UTC(2026, 0, 1);
    return steps.map(([a, minutes]): Append => ({ ...a, at: new Date((at += minutes * 60_000)) }));
  });
const scenario = history.chain((appends) =>
  fc
    .uniqueArray(
      fc.oneof(
        fc.constantFrom(...appends.map((a) => a.at.getTime())),
        fc.integer({
          min: appends[0]!.at.getTime() - 3_600_000,
          max: appends.at(-1)!.at.getTime() + 3_600_000,
        }),
      ),
      { minLength: 2, maxLength: 4 },
    )
    .chain((instants) =>
      // the append from whose instant on the sums over recorded time are then left pending (a batch
      // catching up), so that every later change is missing from their spans
      fc.integer({ min: 0, max: appends.length - 1 }).map((pendingFrom) => ({
        appends,
        instants: instants.sort((a, b) => a - b).map((t) => new Date(t)),
        pendingFrom,
      })),
    ),
);

const REPORTS = [
  '/v1/reports/mou-backlog?asOf=2019-12-31',
  '/v1/reports/mou-backlog/series?from=2019-01&to=2019-12',
  '/v1/reports/days-to-signature?from=negotiation',
  '/v1/reports/payables?asOf=2019-12-31',
  '/v1/reports/payables?asOf=2020-08-14',
  '/v1/reports/payables?asOf=2019-03-31',
  '/v1/reports/cash-pool?asOf=2020-08-14',
  '/v1/reports/contributors/IND/statement?asOf=2019-12-31',
  '/v1/reports/cash-pool?asOf=2019-12-31',
];

describe('reports as known at an instant (property)', () => {
  const { pool, freshPrefix, start, stop, as } = projectionsTestHarness('knownp');

  // The reference keeps only the current rows, as a read model without recorded time would: its answers
  // then depend on no recorded-time filter (the apply steps never read a closed row).
  const forgetHistory = async (prefix: string) => {
    const schema = serviceSchema('projections', prefix);
    for (const definition of PROJECTIONS)
      for (const [name, table] of Object.entries<string>(versionTables(schema, definition, 1)))
        if (!definition.rebuildWithout?.includes(name))
          await pool().query(`delete from ${table} where known_until is not null`);
  };

  /**
   * What a batch catching up leaves (deferKnownSums): the sums over recorded time pending from `since`, their
   * spans from then on not built yet (here: dropped, the last one before still open-ended).
   */
  const leavePending = async (prefix: string, since: Date) => {
    const schema = serviceSchema('projections', prefix);
    for (const definition of PROJECTIONS)
      for (const { table } of definition.knownSums?.(versionTables(schema, definition, 1)) ?? []) {
        await pool().query(`delete from ${table} where lower(known) >= $1`, [since]);
        await pool().query(
          `update ${table} set known = tstzrange(lower(known), null) where known @> $1::timestamptz`,
          [since],
        );
        await pool().query(`insert into ${schema}.known_sums_pending (sums_table, since) values ($1, $2)`, [
          table,
          since,
        ]);
      }
  };

  it('equal the same reports computed from a store holding only the events recorded up to that instant', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ appends, instants, pendingFrom }) => {
        // `whole` records the entire history; `prefix` is fed, instant by instant, only what was recorded by then
        const wholePrefix = freshPrefix();
        const whole = await start(wholePrefix);
        const prefixed = freshPrefix();
        const prefix = await start(prefixed);
        try {
          for (const a of appends) await whole.append(a.service, a.stream, a.events, a.at);
          await whole.caughtUp();
          const wholeAuditor = await as(whole, ['auditor']);
          const prefixAuditor = await as(prefix, ['auditor']);
          // each report at each instant from the prefix store: its body, and what it reflects
          const references: { instant: Date; path: string; body: object; reflects: unknown }[] = [];
          let fed = 0;
          for (const instant of instants) {
            for (; fed < appends.length && appends[fed]!.at <= instant; fed++) {
              const a = appends[fed]!;
              await prefix.append(a.service, a.stream, a.events, a.at);
            }
            await prefix.caughtUp();
            // what each report reflects, asked before the replaced rows are forgotten: an event that replaced
            // a contributor's row (a claim certified again for another) is the latest that changed their
            // statement, and only its closed row says so
            const reflected = new Map<string, Record<string, string | undefined>>();
            for (const path of REPORTS)
              reflected.set(path, (await prefixAuditor.get(path).expect(200)).headers);
            await forgetHistory(prefixed);
            for (const path of REPORTS) {
              const headers = reflected.get(path)!;
              references.push({
                instant,
                path,
                body: (await prefixAuditor.get(path).expect(200)).body,
                reflects: {
                  source: headers['coe-reflects-source'],
                  globalPosition: headers['coe-reflects-position'] ?? null,
                  recordedAt: headers['coe-reflects-recorded-at'] ?? null,
                },
              });
            }
          }
          const compare = async (state: string) => {
            for (const { instant, path, body, reflects: expected } of references) {
              const known = (await wholeAuditor.get(`${path}&knownAt=${instant.toISOString()}`).expect(200))
                .body;
              const { knownAt, reflects, ...report } = known;
              expect(knownAt).toBe(instant.toISOString());
              expect({ state, path, ...report, reflects }).toEqual({
                state,
                path,
                ...body,
                reflects: expected,
              });
            }
          };
          await compare('sums over recorded time up to date');
          const since = appends[pendingFrom]!.at;
          await leavePending(wholePrefix, since);
          await compare(`sums over recorded time pending from ${since.toISOString()}`);
        } finally {
          await stop(whole);
          await stop(prefix);
        }
      }),
      { numRuns: 12, seed: Number(process.env.FC_SEED ?? 20261204), endOnFailure: true },
    );
  }, 240_000);
});
