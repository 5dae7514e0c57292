import { randomUUID } from 'node:crypto';
import type { IntegrationEvent, ServiceName } from '@coe/contracts';
import { runMigrations, type NewEvent } from '@coe/event-store';
import { ExactlyOnceApplier, messagingMigrations } from '@coe/messaging';
import type { Pool } from 'pg';
import { dropSchema, randomSchema, testPool } from '../../../../test/support/database';
import { cashPoolProjection } from '../cash-pool/cash-pool.projection';
import { mouMilestonesProjection } from '../mou-backlog/mou-milestones.projection';
import { payablesProjection } from '../payables/payables.projection';
import {
  fullySigned,
  mouDrafted,
  signed,
  unitDeployed,
  unitRepatriated,
  withdrawn,
} from '../testing/mou-events';
import {
  assessmentReceived,
  claimCertified,
  loanMade,
  loanRepaid,
  paymentMade,
  paymentRunExecuted,
} from '../testing/reimbursement-events';
import {
  canonicalDump,
  dumpVersion,
  KNOWN_SUMS_DEFER_AT,
  refreshKnownSums,
  type ProjectionDefinition,
  versionTables,
  projectionHandler,
  projectionMigrations,
  ProjectionVersions,
} from '@coe/projection-engine';

const DEFINITIONS: ProjectionDefinition[] = [mouMilestonesProjection, payablesProjection, cashPoolProjection];

// a small PRNG with a seed, so a failing split can be replayed
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

let position = 0n;
const published = (service: ServiceName, streamId: string, event: NewEvent): IntegrationEvent => ({
  id: randomUUID(),
  type: event.type,
  source: `/coe/${service}`,
  streamId,
  streamVersion: 1n,
  globalPosition: ++position,
  transactionId: 1000n + position,
  effectiveOn: event.effectiveOn ?? null,
  recordedAt: new Date(Date.UTC(2026, 0, 1) + Number(position) * 1000),
  data: event.data,
  hash: 'h',
});

/**
 * A history where keys collide a lot: MOUs re-drafted, deployments corrected, amendments signed again,
 * milestones before their draft; claims re-certified, payments and loans and runs published twice with
 * other content, an unrelated type, and redeliveries of the same event.
 */
const collidingHistory = (random: () => number, length = 400): IntegrationEvent[] => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const day = () =>
    new Date(Date.UTC(2017, 0, 1) + Math.floor(random() * 900) * 86_400_000).toISOString().slice(0, 10);
  const usd = () =>
    `${1 + Math.floor(random() * 9000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
  const mou = (id: string): NewEvent[] =>
    pick([
      () => [mouDrafted(id, pick(['MINUSMA', 'UNMISS', 'UNIFIL']), day())],
      () => [unitDeployed(id, day())],
      () => [unitRepatriated(id, day())],
      () => [signed(id, pick(['un', 'contributor'] as const), day())],
      () => fullySigned(id, day(), day()),
      () => [withdrawn(id, day())],
      () => [{ type: 'MouClosed', data: { mouId: id, closedOn: day() } }],
      () => [{ type: 'MouAnnexesAgreed', data: { mouId: id } }],
    ])();
  const reimbursement = (n: string): NewEvent[] =>
    pick([
      () => [claimCertified(`c${n}`, pick(['IND', 'RWA']), 'UNMISS', usd(), day())],
      () => [
        paymentMade(
          `p${n}`,
          'IND',
          'UNMISS',
          day(),
          [
            [`c${n}`, usd()],
            [`c${pick(['1', '2', '3'])}`, usd()],
          ],
          pick([null, 'run-1']),
        ),
      ],
      () => [assessmentReceived(pick(['UNMISS', 'UNIFIL']), usd(), day())],
      () => [
        loanMade({
          loanId: `l${n}`,
          lenderMission: 'UNMISS',
          borrowerMission: 'UNIFIL',
          amountUsd: usd(),
          lentOn: day(),
        }),
      ],
      () => [loanRepaid({ loanId: `l${n}`, amountUsd: usd(), repaidOn: day() })],
      () => [
        paymentRunExecuted({
          runId: `r${n}`,
          quarter: '2019-Q1',
          executedOn: day(),
          availableCashUsd: usd(),
          reserveUsd: usd(),
          paidUsd: usd(),
          paidWithoutPoolUsd: usd(),
        }),
      ],
    ])();
  const history: IntegrationEvent[] = [];
  for (let i = 0; i < length; i++) {
    const key = String(1 + Math.floor(random() * 12));
    const [service, stream, events] =
      random() < 0.5
        ? (['mou-negotiation', `mou-m${key}`, mou(`m${key}`)] as const)
        : (['reimbursement', `x-${key}`, reimbursement(key)] as const);
    history.push(...events.map((e) => published(service, stream, e)));
    if (random() < 0.05) history.push(pick(history)); // a redelivery
  }
  return history;
};

const splits = (events: readonly IntegrationEvent[], random: () => number): IntegrationEvent[][] => {
  const batches: IntegrationEvent[][] = [];
  for (let i = 0; i < events.length; ) {
    const size = 1 + Math.floor(random() * (random() < 0.2 ? events.length : 40));
    batches.push(events.slice(i, i + size));
    i += size;
  }
  return batches;
};

describe('projections applied in batches', () => {
  let pool: Pool;
  const schemas: string[] = [];

  beforeAll(() => {
    pool = testPool(4);
  });
  afterAll(async () => {
    for (const schema of schemas) await dropSchema(pool, schema);
    await pool.end();
  });

  /**
   * Applies the batches to version 1 of every read model in a fresh schema; returns its contents, after
   * refreshing the sums over recorded time that batches catching up left pending (`refresh`).
   */
  const applied = async (batches: readonly IntegrationEvent[][], refresh = false): Promise<string> => {
    const schema = randomSchema('batches');
    schemas.push(schema);
    await runMigrations(pool, schema, [...messagingMigrations, ...projectionMigrations]);
    await new ProjectionVersions(pool, schema).ensureInitial(DEFINITIONS);
    const dumps: string[] = [];
    for (const definition of DEFINITIONS) {
      const applier = new ExactlyOnceApplier({
        pool,
        schema,
        handler: projectionHandler(schema, definition, 1),
      });
      for (const batch of batches) {
        const outcome = await applier.applyBatch(
          batch.filter((e) => definition.sources.some((s) => e.source === `/coe/${s}`)),
          { topic: 'history', partition: 0 },
        );
        expect(outcome.parked).toBe(0);
      }
      for (const { table, measures } of definition.knownSums?.(versionTables(schema, definition, 1)) ?? [])
        if (refresh) {
          expect(await refreshKnownSums(pool, table, measures)).toBe(true);
          refreshed++;
        }
      const client = await pool.connect();
      try {
        dumps.push(
          canonicalDump(await dumpVersion(client, definition, versionTables(schema, definition, 1))),
        );
      } finally {
        client.release();
      }
    }
    const { rows } = await pool.query(
      `select consumer, source, last_global_position, last_recorded_at from ${schema}.projection_progress order by 1, 2`,
    );
    return [...dumps, JSON.stringify(rows)].join('\n');
  };

  it.each([1, 2, 3, 4, 5])(
    'ends with the same tables and progress whatever the batches (seed %i)',
    async (seed) => {
      const random = prng(seed);
      const history = collidingHistory(random);
      const oneByOne = await applied(history.map((e) => [e]));
      // every MOU of the history has one current version (known_until null: the row ends with `,,)`)
      const mous = oneByOne.split('# mous (')[1]!.split('\n#')[0]!.split('\n').slice(1);
      expect(mous.filter((row) => row.endsWith(',,)'))).toHaveLength(12);
      expect(await applied(splits(history, random))).toEqual(oneByOne);
      expect(await applied([history])).toEqual(oneByOne);
    },
  );

  let refreshed = 0;
  it.each([6])(
    'ends with the same tables when batches catching up leave the sums over recorded time to one refresh (seed %i)',
    async (seed) => {
      const random = prng(seed);
      const history = collidingHistory(random, 10 * KNOWN_SUMS_DEFER_AT);
      // what payables applies of a batch (it is the one of the two that handles fewer types)
      const ofPayables = (events: readonly IntegrationEvent[]) =>
        events.filter((e) => payablesProjection.eventTypes.includes(e.type)).length;
      // batches too small to defer: every batch brings the sums up to date
      const small: IntegrationEvent[][] = [];
      for (let i = 0; i < history.length; i += 100) small.push(history.slice(i, i + 100));
      const reference = await applied(small);
      expect(ofPayables(history)).toBeGreaterThan(KNOWN_SUMS_DEFER_AT);
      refreshed = 0;
      expect(await applied([history], true)).toEqual(reference);
      // payables and the cash pool each left their sums pending
      expect(refreshed).toBe(2);
      // a batch catching up, then a small one that waits for the refresh too
      const cut = history.length - 50;
      const mixed = [history.slice(0, 100), history.slice(100, cut), history.slice(cut)];
      expect(ofPayables(mixed[1]!)).toBeGreaterThan(KNOWN_SUMS_DEFER_AT);
      expect(await applied(mixed, true)).toEqual(reference);
    },
    120_000,
  );

  it('keeps each column by its rule within one batch', async () => {
    const history = [
      published('mou-negotiation', 'mou-a', unitDeployed('a', '2019-02-01')),
      published('mou-negotiation', 'mou-a', mouDrafted('a', 'UNMISS', '2018-05-01')),
      published('mou-negotiation', 'mou-a', unitDeployed('a', '2019-03-01')), // a correction: latest wins
      ...fullySigned('a', '2019-06-01', '2019-06-03').map((e) => published('mou-negotiation', 'mou-a', e)),
      // an amendment's signatures: the first full signature stays
      ...fullySigned('a', '2019-09-01', '2019-09-02').map((e) => published('mou-negotiation', 'mou-a', e)),
      published('mou-negotiation', 'mou-a', mouDrafted('a', 'UNIFIL', '2018-05-02')),
      published('reimbursement', 'claim-c', claimCertified('c', 'IND', 'UNMISS', '100.00', '2019-01-31')),
      published('reimbursement', 'claim-c', claimCertified('c', 'IND', 'UNMISS', '120.50', '2019-02-28')),
      published(
        'reimbursement',
        'payment-p',
        paymentMade('p', 'IND', 'UNMISS', '2019-03-01', [['c', '60.00']]),
      ),
      published(
        'reimbursement',
        'payment-p',
        paymentMade('p', 'IND', 'UNMISS', '2019-04-01', [['c', '70.00']]),
      ),
    ];
    const contents = await applied([history]);
    // the current version of a row: its columns, then known since (instant, position), known until nothing
    const current = (row: string) =>
      new RegExp(`${row.slice(0, -1).replace(/[()]/g, '\\$&')},"[^"]+",\\d+,,\\)(\n|$)`);
    expect(contents).toMatch(
      current(
        '(a,DOS/UNIFIL/a,UNIFIL,BGD,,"Unit a",INF,850,2018-05-02,2019-03-01,,2019-06-01,2019-06-03,2019-06-03,,,2019-06-03)',
      ),
    );
    expect(contents).toMatch(current('(c,REF-c,UNMISS,IND,personnel,2019-02,120.50,2019-02-28)'));
    expect(contents).toMatch(current('(p,PAY-p,UNMISS,IND,60.00,2019-03-01,)'));
    expect(contents).toMatch(/# allocations \(1\)\n\(p,c,REF-c,60\.00,"[^"]+",\d+,,\)/);
  });
});
