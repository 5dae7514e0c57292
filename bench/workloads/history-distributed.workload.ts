// The decade in distributed mode (`npm run bench -- --history 10y`, after the single-process rows): each
// service its own process (bench/history/history-service.ts: the service's main.ts composition on the
// history's schemas, Kafka transport) and the gateway (services/gateway/src/main.ts) in front of them, as
// `npm run start:distributed` runs them, on a copy of the loaded history (`create database … template`).
// How the decade reaches the projections service: on the copy its read models' schema is dropped, and the
// services start on a fresh topic prefix, so their relays publish every stored event to Kafka and the
// projections service builds its read models from those topics, as a new deployment would (untimed, the
// catch-up time is logged). The other services' policies applied the decade already in the single process:
// their Kafka positions start where their in-process feed ended, so they apply nothing twice.
// - `report-latency-distributed:<report>`: p99 ms of each report through the gateway (the console's
//   path), same seeded `asOf` dates as the single-process rows; baseline `plain-table-rows`, as there.
// - `resident-memory:<process>`: MB resident (VmRSS) of each process after the catch-up and the
//   queries, against the same on one year.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKafka } from '@coe/messaging';
import { parseConfig, signToken } from '@coe/platform';
import { pendingKnownSums } from '@coe/projection-engine';
import request from 'supertest';
import { createPool, databaseUrlFor, dropDatabase, randomName } from '../bench-infra';
import { resultOf, type BenchResult } from '../bench-results';
import { HISTORY_SERVICES } from '../history/history-service';
import { HISTORY_PREFIX } from '../history/history.load';
import { percentile } from './command-to-report.workload';
import { copyDatabase } from './history-rebuild.workload';
import { REPORTS, reportSamples, type ReportSamples } from './history.workload';

const ROOT = join(__dirname, '..', '..');
const JWT_SECRET = 'bench-secret-0123456789abcdef0123';
const PARTITIONS = 6;
const CATCH_UP_TIMEOUT_MS = 900_000;
const POLICY_SCHEMAS = ['force_generation', 'mou_negotiation', 'reimbursement'];
const PROCESSES = [...HISTORY_SERVICES, 'gateway'] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Proc = { name: string; child: ChildProcess; url: string; exited: Promise<unknown> };

/** A child process, once it prints `listening on <url>`; its output is kept (last 4 KB) for errors. */
const startProcess = async (name: string, args: string[], env: NodeJS.ProcessEnv): Promise<Proc> => {
  const child = spawn(process.execPath, [join(ROOT, 'bench', 'run.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4096));
  child.stderr!.on('data', keep);
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}): ${output}`)));
  });
  return { name, child, url, exited };
};

const stopProcess = async (p: Proc): Promise<void> => {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGTERM');
  const killed = sleep(15_000).then(() => p.child.kill('SIGKILL'));
  await Promise.race([p.exited, killed]);
  await p.exited;
};

const residentMb = (pid: number): number => {
  const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]) / 1024;
};

/** The read models' schema dropped (rebuilt from Kafka), the policies' Kafka positions set where their in-process feed ended. */
const prepareCopy = async (url: string, topicPrefix: string): Promise<void> => {
  const pool = createPool(url, 1);
  try {
    await pool.query(`drop schema ${HISTORY_PREFIX}projections cascade`);
    for (const schema of POLICY_SCHEMAS.map((s) => `${HISTORY_PREFIX}${s}`))
      await pool.query(
        `insert into ${schema}.consumer_positions (consumer, topic, partition, transaction_id, global_position, events)
         select consumer, $1 || '.' || topic || '.events', p, transaction_id, global_position, 0
         from ${schema}.consumer_positions cross join generate_series(0, $2 - 1) p where topic not like '%.%'`,
        [topicPrefix, PARTITIONS],
      );
  } finally {
    await pool.end();
  }
};

type Lagging = {
  projection: string;
  versions: {
    version: number;
    status: string;
    parked: number;
    lag: { eventsBehind: number; exact: boolean } | null;
  }[];
};

/**
 * Until every store's relay has published its last event, then every read model's Kafka lag (the topics'
 * end offsets minus its group's committed offsets, GET /v1/admin/projections) is zero, then no sums over
 * recorded time wait for their refresh (batches catching up leave them to one pass once caught up).
 */
const waitForCatchUp = async (
  url: string,
  http: ReturnType<typeof request>,
  admin: string,
  log: (m: string) => void,
): Promise<void> => {
  const pool = createPool(url, 1);
  const started = Date.now();
  let logged = started;
  let state = '';
  try {
    for (;;) {
      const behind: string[] = [];
      for (const schema of POLICY_SCHEMAS.map((s) => `${HISTORY_PREFIX}${s}`)) {
        const { rows } = await pool.query<{ stored: string; relayed: string }>(
          `select (select coalesce(max(global_position), 0) from ${schema}.events)::text as stored,
                  (select coalesce(max(global_position), 0) from ${schema}.relay_checkpoints where relay = 'kafka')::text as relayed`,
        );
        if (rows[0]!.relayed !== rows[0]!.stored)
          behind.push(`${schema} relayed ${rows[0]!.relayed}/${rows[0]!.stored}`);
      }
      if (behind.length === 0) {
        const response = await http.get('/v1/admin/projections').set({ Authorization: admin });
        if (response.status !== 200) behind.push(`GET /v1/admin/projections ${response.status}`);
        else
          for (const p of (response.body as { projections: Lagging[] }).projections)
            for (const v of p.versions.filter((v) => v.status === 'active' || v.status === 'building')) {
              if (v.parked > 0) throw new Error(`${p.projection} v${v.version} parked ${v.parked} events`);
              if (v.lag === null || v.lag.eventsBehind > 0 || !v.lag.exact)
                behind.push(`${p.projection} v${v.version} ${v.lag?.eventsBehind ?? '?'} behind`);
            }
      }
      if (behind.length === 0)
        for (const { sumsTable } of await pendingKnownSums(pool, `${HISTORY_PREFIX}projections`))
          behind.push(`${sumsTable} pending`);
      if (behind.length === 0) return;
      state = behind.join(', ');
      if (Date.now() - started > CATCH_UP_TIMEOUT_MS) throw new Error(`projections not caught up: ${state}`);
      if (Date.now() - logged > 30_000) {
        logged = Date.now();
        log(`history distributed: catching up, ${state}`);
      }
      await sleep(500);
    }
  } finally {
    await pool.end();
  }
};

/** The read models' tables (rows per table) of a history database. */
const readModelCounts = async (url: string): Promise<Map<string, number>> => {
  const pool = createPool(url, 1);
  try {
    const schema = `${HISTORY_PREFIX}projections`;
    const { rows } = await pool.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = $1 and table_name ~ '_v[0-9]+$' order by 1`,
      [schema],
    );
    // by table name without its version: the single process may hold an older version beside the
    // current one (a version added since the history was loaded), the Kafka-built schema only the current
    const latest = new Map<string, { version: number; table: string }>();
    for (const { table_name: table } of rows) {
      const [, base, version] = /^(.*)_v([0-9]+)$/.exec(table)!;
      const seen = latest.get(base!);
      if (!seen || Number(version) > seen.version) latest.set(base!, { version: Number(version), table });
    }
    const counts = new Map<string, number>();
    for (const [base, { table }] of latest) {
      const { rows: n } = await pool.query<{ n: string }>(
        `select count(*)::text as n from ${schema}.${table}`,
      );
      counts.set(base, Number(n[0]!.n));
    }
    return counts;
  } finally {
    await pool.end();
  }
};

export type DistributedMeasured = { reports: Map<string, ReportSamples>; rssMb: Map<string, number> };

/** The services and the gateway on a copy of `database`, caught up, then the reports and each RSS. */
export const measureDistributed = async (
  serverUrl: string,
  database: string,
  months: number,
  kafkaBrokers: string[],
  log: (m: string) => void,
): Promise<DistributedMeasured> => {
  const copy = await copyDatabase(serverUrl, database, 'dist');
  const url = databaseUrlFor(serverUrl, copy);
  const topicPrefix = `bench.${randomName('hd')}`;
  const procs: Proc[] = [];
  try {
    await prepareCopy(url, topicPrefix);
    const env = {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: url,
      KAFKA_BROKERS: kafkaBrokers.join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_PARTITIONS: String(PARTITIONS),
      JWT_SECRET,
      PORT: '0',
    };
    const started = Date.now();
    for (const service of HISTORY_SERVICES)
      procs.push(await startProcess(service, [join(ROOT, 'bench/history/history-service.ts'), service], env));
    const urls = Object.fromEntries(
      procs.map((p) => [`${p.name.toUpperCase().replace(/-/g, '_')}_URL`, p.url]),
    );
    const gateway = await startProcess('gateway', [join(ROOT, 'services/gateway/src/main.ts')], {
      ...urls,
      PORT: '0',
      CONSOLE_DIR: join(ROOT, 'dist', 'console'),
    });
    procs.push(gateway);
    const config = parseConfig({ NODE_ENV: 'test', JWT_SECRET }, { defaultPort: 0 });
    const sign = async (role: string) =>
      `Bearer ${await signToken(config, { roles: [role], sub: `history-${role}` })}`;
    const http = request(gateway.url);
    await waitForCatchUp(url, http, await sign('admin'), log);
    // the read models built from Kafka hold what the single process's hold, table by table
    const expected = await readModelCounts(databaseUrlFor(serverUrl, database));
    const built = await readModelCounts(url);
    const differ = [...expected].filter(([table, n]) => built.get(table) !== n);
    if (differ.length > 0)
      throw new Error(
        `read models built from Kafka differ: ${differ.map(([t, n]) => `${t} ${built.get(t)} rows, single process ${n}`).join('; ')}`,
      );
    log(
      `history distributed ${months / 12}y: services started and the projections caught up from Kafka in ` +
        `${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
    // The read models just built from Kafka have no planner statistics and no visibility map yet (autovacuum
    // is off on the bench server, and minutes behind where it is on): measured so, the statement and the
    // cash pool took 1.1-2x the single process's time on the same SQL. The single-process rows are measured
    // after a `vacuum analyze` (the loader's, or one after a version rebuilt at start): so are these.
    const vacuumed = performance.now();
    const analyze = createPool(url, 1);
    await analyze.query('vacuum analyze').finally(() => analyze.end());
    log(
      `history distributed ${months / 12}y: vacuum analyze ${((performance.now() - vacuumed) / 1000).toFixed(1)} s (untimed)`,
    );
    const token = await sign('auditor');
    const pool = createPool(url, 1);
    let reports: Map<string, ReportSamples>;
    try {
      reports = await reportSamples(
        async (path) => {
          const t0 = performance.now();
          const response = await http.get(path).set({ Authorization: token });
          const ms = performance.now() - t0;
          if (response.status !== 200)
            throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
          return { ms, body: response.body };
        },
        pool,
        months,
        (m) => log(`${m} (distributed)`),
      );
    } finally {
      await pool.end();
    }
    const rssMb = new Map(procs.map((p) => [p.name, residentMb(p.child.pid!)]));
    log(
      `history distributed ${months / 12}y resident MB: ${[...rssMb].map(([n, mb]) => `${n} ${mb.toFixed(0)}`).join(', ')}`,
    );
    return { reports, rssMb };
  } finally {
    for (const p of procs.reverse()) await stopProcess(p);
    const kafka = createKafka({ brokers: kafkaBrokers, clientId: 'coe-bench-history' });
    const admin = kafka.admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${topicPrefix}.`));
    await admin.deleteTopics({ topics, timeout: 10_000 }).catch(() => undefined);
    await admin.disconnect();
    await dropDatabase(serverUrl, copy);
  }
};

/** `report-latency-distributed:<report>` on ten years, and `resident-memory:<process>` against one year. */
export const distributedRows = async (
  serverUrl: string,
  ten: string,
  one: string,
  kafkaBrokers: string[],
  log: (m: string) => void,
): Promise<BenchResult[]> => {
  const m1 = await measureDistributed(serverUrl, one, 12, kafkaBrokers, log);
  const m10 = await measureDistributed(serverUrl, ten, 120, kafkaBrokers, log);
  const results: BenchResult[] = [];
  for (const report of REPORTS) {
    const a = m10.reports.get(report.name)!;
    const b = m1.reports.get(report.name)!;
    log(
      `history report-latency-distributed:${report.name}: 10y p99 ${percentile(a.ours, 99).toFixed(1)} ms; ` +
        `1y p99 ${percentile(b.ours, 99).toFixed(1)} ms`,
    );
    results.push(
      resultOf({
        name: `report-latency-distributed:${report.name}`,
        unit: 'ms',
        baseline: 'plain-table-rows',
        samples: [percentile(a.ours, 99)],
        baselineSamples: [percentile(a.baseline, 99)],
      }),
    );
  }
  for (const name of PROCESSES)
    results.push(
      resultOf({
        name: `resident-memory:${name}`,
        unit: 'MB',
        baseline: 'resident-memory-1y',
        samples: [m10.rssMb.get(name)!],
        baselineSamples: [m1.rssMb.get(name)!],
        direction: 'lower-is-better',
      }),
    );
  return results;
};
