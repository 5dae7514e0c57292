// The decade replayed (`npm run bench -- --history 10y`, after the report rows), on a copy of the loaded
// ten years (`create database … template coe_bench_10y`: the rebuild switches versions, the reused
// database stays as it was loaded).
// - `rebuild-all`: events/s of the single process rebuilding every read model from the start (POST
//   /v1/admin/projections/rebuild, until every read model answers from its new version), the events being
//   those of the read models' sources. Baselines in the same run: `copy-events`, COPY of the same events in
//   global order to the process; `kafkajs-consumer`, a plain kafkajs consumer (fresh group, from the
//   beginning, eachBatch only counting) reading the same events relayed (untimed) to fresh topics.
// - `monthly-claims-run:history`: units/s of the claims run of the month after the decade (its reports
//   imported untimed), on a copy; baseline `after-1y`, the same on a copy of the first year.
// - `audit-verify`: events/s verifying every hash chain of every store (verifyHashChains, what
//   `npm run audit:verify` and POST /v1/audit/verifications run); baseline `read-all`, the same stores read
//   in global order a page of 1000 at a time.
import { topicFor, type ServiceName } from '@coe/contracts';
import { EventStore, PostgresEventStore, verifyHashChains, type GlobalCheckpoint } from '@coe/event-store';
import { createKafka, ensureTopics, EventRelay, KafkaEventPublisher } from '@coe/messaging';
import type { Pool } from 'pg';
import { PROJECTIONS } from '../../services/projections/src/projection/projection.registry';
import { createPool, databaseUrlFor, dropDatabase, randomName } from '../bench-infra';
import { resultOf, type BenchResult } from '../bench-results';
import { copyOut } from '../copy-out';
import { HISTORY_PREFIX, importReports, openHistoryApp } from '../history/history.load';
import { dayAfter, periodAt, planHistory, servedIn } from '../history/history.plan';
import { timed } from '../measure';
import { formatRate } from './workload';

const STORES = ['force-generation', 'mou-negotiation', 'reimbursement'] as const;
const PAGE = 1000;
const TIMEOUT_MS = 900_000;
const schemaOf = (service: ServiceName): string => `${HISTORY_PREFIX}${service.replace(/-/g, '_')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const countEvents = async (pool: Pool, service: ServiceName): Promise<number> => {
  const { rows } = await pool.query<{ n: string }>(
    `select count(*)::text as n from ${schemaOf(service)}.events`,
  );
  return Number(rows[0]!.n);
};

type Versions = { projections: { projection: string; versions: { version: number; status: string }[] }[] };

/** Every read model rebuilt from the start and switched to; resolves to the sources' events. */
const rebuildAll = async (databaseUrl: string, events: number, log: (m: string) => void): Promise<number> => {
  const h = await openHistoryApp(databaseUrl, { switchCheckMs: 50, switchWaitMs: 1000 });
  try {
    const active = async () => {
      const r = await h.http.get('/v1/admin/projections').set({ Authorization: h.tokens.admin });
      if (r.status !== 200) throw new Error(`GET /v1/admin/projections: ${r.status}`);
      return (r.body as Versions).projections.map((p) => ({
        projection: p.projection,
        active: p.versions.find((v) => v.status === 'active')?.version,
      }));
    };
    const before = await active();
    const { ms } = await timed(async () => {
      const started = await h.http
        .post('/v1/admin/projections/rebuild')
        .set({ Authorization: h.tokens.admin })
        .send({});
      if (started.status !== 202)
        throw new Error(`rebuild: ${started.status} ${JSON.stringify(started.body).slice(0, 300)}`);
      const deadline = Date.now() + TIMEOUT_MS;
      for (;;) {
        const now = await active();
        if (now.every((p, i) => p.active !== undefined && p.active !== before[i]!.active)) break;
        if (Date.now() > deadline) throw new Error(`rebuild not switched: ${JSON.stringify(now)}`);
        await sleep(200);
      }
      return events;
    });
    log(`history rebuild-all: ${events} events, every read model switched in ${(ms / 1000).toFixed(1)} s`);
    return events / (ms / 1000);
  } finally {
    await h.close();
  }
};

/** COPY of the sources' events, each in global order, to this process. */
const copyEvents = async (pool: Pool, sources: readonly ServiceName[]): Promise<number> => {
  const client = await pool.connect();
  try {
    const { rate } = await timed(async () => {
      let rows = 0;
      for (const source of sources)
        rows += (await copyOut(client, `select * from ${schemaOf(source)}.events order by global_position`))
          .rows;
      return rows;
    });
    return rate;
  } finally {
    client.release();
  }
};

/** The sources' events relayed (untimed) to fresh topics, then counted by a plain kafkajs consumer. */
const plainConsumer = async (
  pool: Pool,
  kafkaBrokers: string[],
  sources: readonly ServiceName[],
  total: number,
  log: (m: string) => void,
): Promise<number> => {
  const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'coe-bench-history' });
  const prefix = `bench.${randomName('hist')}`;
  const topics = sources.map((s) => topicFor(prefix, s));
  const publisher = new KafkaEventPublisher(kafka);
  try {
    await ensureTopics(kafka, topics, 3);
    const relayStarted = Date.now();
    for (const service of sources) {
      const relay = new EventRelay({
        name: randomName('bench'),
        service,
        store: new PostgresEventStore({ pool, schema: schemaOf(service) }),
        pool,
        schema: schemaOf(service),
        publisher,
        topic: topicFor(prefix, service),
        batchSize: 1000,
      });
      await relay.drain();
    }
    log(
      `history rebuild-all: relayed ${total} events in ${((Date.now() - relayStarted) / 1000).toFixed(0)} s`,
    );
    const consumer = kafka.consumer({ groupId: `${prefix}.${randomName('baseline')}` });
    let seen = 0;
    let done: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    try {
      const { rate } = await timed(async () => {
        await consumer.connect();
        await consumer.subscribe({ topics, fromBeginning: true });
        await consumer.run({
          eachBatch: async ({ batch }) => {
            seen += batch.messages.length;
            if (seen >= total) done();
          },
        });
        await Promise.race([
          finished,
          sleep(TIMEOUT_MS).then(() => {
            throw new Error(`kafkajs consumer saw ${seen} of ${total}`);
          }),
        ]);
        return total;
      });
      return rate;
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
  } finally {
    await publisher.close().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics, timeout: 10_000 }).catch(() => undefined);
    await admin.disconnect();
  }
};

/** Every store's events in global order, a page at a time; resolves to the events read. */
const readAll = async (pool: Pool): Promise<number> => {
  let count = 0;
  for (const service of STORES) {
    const store = new PostgresEventStore({ pool, schema: schemaOf(service) });
    let after: GlobalCheckpoint | undefined;
    for (;;) {
      const page = await store.readAll({ after, limit: PAGE });
      if (page.length === 0) break;
      count += page.length;
      after = EventStore.checkpointOf(page.at(-1)!);
    }
  }
  return count;
};

const verifyAll = async (pool: Pool): Promise<number> => {
  let count = 0;
  for (const service of STORES) {
    const report = await verifyHashChains(pool, schemaOf(service));
    if (report.firstBreak) throw new Error(`${service}: chain broken ${JSON.stringify(report.firstBreak)}`);
    count += report.events;
  }
  return count;
};

/** `audit-verify` against `read-all` on the loaded decade (read only: the reused database itself). */
export const auditVerifyRow = async (databaseUrl: string, log: (m: string) => void): Promise<BenchResult> => {
  const pool = createPool(databaseUrl, 2);
  try {
    const base = await timed(() => readAll(pool));
    const ours = await timed(() => verifyAll(pool));
    if (ours.units !== base.units) throw new Error(`verified ${ours.units} events, read ${base.units}`);
    log(
      `history audit-verify: ${ours.units} events verified at ${formatRate(ours.rate)} (${(ours.ms / 1000).toFixed(1)} s); ` +
        `read-all ${formatRate(base.rate)}`,
    );
    return resultOf({
      name: 'audit-verify',
      unit: 'events/s',
      baseline: 'read-all',
      samples: [ours.rate],
      baselineSamples: [base.rate],
    });
  } finally {
    await pool.end();
  }
};

/** A fresh copy of `database` named `<database>_<suffix>` (the template must have no other session). */
export const copyDatabase = async (serverUrl: string, database: string, suffix: string): Promise<string> => {
  const copy = `${database}_${suffix}`;
  await dropDatabase(serverUrl, copy);
  const client = createPool(serverUrl, 1);
  try {
    await client.query(`create database ${copy} template ${database}`);
  } finally {
    await client.end();
  }
  return copy;
};

/**
 * The claims run of the month after a loaded history (`months` long), on a copy of its database: that
 * month's verification reports imported untimed, then `POST /v1/claim-runs` timed; units prepared per second.
 */
const claimsRunAfter = async (
  serverUrl: string,
  database: string,
  months: number,
  log: (m: string) => void,
): Promise<number> => {
  const copy = await copyDatabase(serverUrl, database, 'claims');
  try {
    const h = await openHistoryApp(databaseUrlFor(serverUrl, copy));
    try {
      const period = periodAt(months);
      const serving = planHistory(months).units.filter((u) => servedIn(u, period));
      await importReports(h, serving, period);
      const started = performance.now();
      const run = await h.http
        .post('/v1/claim-runs')
        .set({ Authorization: h.tokens.officerA })
        .send({ period, preparedOn: dayAfter(period, 10) });
      const ms = performance.now() - started;
      if (run.status >= 300)
        throw new Error(`claims run: ${run.status} ${JSON.stringify(run.body).slice(0, 300)}`);
      const prepared = (run.body as { prepared: number }).prepared;
      log(
        `history monthly-claims-run after ${months} months: ${prepared} units prepared in ${ms.toFixed(0)} ms`,
      );
      return prepared / (ms / 1000);
    } finally {
      await h.close();
    }
  } finally {
    await dropDatabase(serverUrl, copy);
  }
};

/** `monthly-claims-run` of the month after the decade, against the month after the first year. */
export const claimsRunRow = async (
  serverUrl: string,
  ten: string,
  one: string,
  log: (m: string) => void,
): Promise<BenchResult> =>
  resultOf({
    name: 'monthly-claims-run:history',
    unit: 'units/s',
    baseline: 'after-1y',
    samples: [await claimsRunAfter(serverUrl, ten, 120, log)],
    baselineSamples: [await claimsRunAfter(serverUrl, one, 12, log)],
  });

/** `rebuild-all` on a copy of `database`, against COPY and a plain Kafka consumer of the same events. */
export const rebuildRows = async (
  serverUrl: string,
  database: string,
  kafkaBrokers: string[],
  log: (m: string) => void,
): Promise<BenchResult[]> => {
  const copy = await copyDatabase(serverUrl, database, 'rebuild');
  const url = databaseUrlFor(serverUrl, copy);
  const pool = createPool(url, 2);
  try {
    const sources = [...new Set(PROJECTIONS.flatMap((p) => p.sources))];
    let events = 0;
    for (const source of sources) events += await countEvents(pool, source);
    const copied = await copyEvents(pool, sources);
    const rebuilt = await rebuildAll(url, events, log);
    const consumed = await plainConsumer(pool, kafkaBrokers, sources, events, log);
    log(
      `history rebuild-all: ${formatRate(rebuilt)}; COPY ${formatRate(copied)}; kafkajs consumer ${formatRate(consumed)}`,
    );
    return [
      resultOf({
        name: 'rebuild-all',
        unit: 'events/s',
        baseline: 'kafkajs-consumer',
        samples: [rebuilt],
        baselineSamples: [consumed],
      }),
      resultOf({
        name: 'rebuild-all:vs-copy',
        unit: 'events/s',
        baseline: 'copy-events',
        samples: [rebuilt],
        baselineSamples: [copied],
      }),
    ];
  } finally {
    await pool.end();
    await dropDatabase(serverUrl, copy);
  }
};
