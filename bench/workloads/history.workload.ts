// history (`npm run bench -- --history 10y`): answers on a seeded ten-year history (bench/history/), loaded
// once into `coe_bench_10y` and reused, compared with the same plan's first year (`coe_bench_1y`).
// - `report-latency:<report>`: p99 ms of each report's route (single process, in-process delivery, over
//   HTTP) at seeded random `asOf` dates across the decade. Baseline `plain-table-rows`: p99 of reading the
//   same answers, stored beforehand as rows of a plain table keyed by sample, by primary key.
// - `report-latency-known-at:<report>`: the same at the same `asOf` dates, each as known at a seeded random
//   instant between the first and the last event's recording (the history loads in minutes, so the
//   instants span those minutes): the row versions held then, not the current state. Same baseline.
// - `report-growth:<report>`: the p99 on ten years against the p99 on one year (ratio = 1y ÷ 10y: at
//   least 0.5 is the issue's "under 2"); `report-growth-known-at:<report>`, the same as known at an instant.
// - `audit-state-as-of`: p99 ms of an MOU stream's state as of a random date; baseline `stream-events`,
//   the same stream's events through the audit route.
// - `resident-memory`: MB of the process's resident set after loading and querying ten years, against
//   the same after one year (ratio = 1y ÷ 10y).
// - `audit-verify` and `rebuild-all` (against a plain Kafka consumer and against COPY): see
//   history-rebuild.workload.ts.
import { seededRandom } from '../../demo/random';
import { resultOf, type BenchResult } from '../bench-results';
import { serviceSchema } from '@coe/messaging';
import { ensureHistory, HISTORY_PREFIX, openHistoryApp, type HistoryApp } from '../history/history.load';
import { lastDay, MISSIONS, periodAt } from '../history/history.plan';
import { percentile } from './command-to-report.workload';
import { distributedRows } from './history-distributed.workload';
import { auditVerifyRow, claimsRunRow, rebuildRows } from './history-rebuild.workload';
import type { BenchContext, Workload } from './workload';
import type { Pool } from 'pg';

// p99 is the nearest rank: of 200 samples the third largest, so one pause of the machine (a collection,
// the other core's load) is not the figure, as it was with 60 samples (the largest)
const SAMPLES = 200;
const WARMUP = 5;
/** Samples per report in the resident-memory pass, which only needs each report's working set. */
const MEMORY_SAMPLES = 20;

type Query = { name: string; path: (asOf: string, r: ReturnType<typeof seededRandom>) => string };

const CONTRIBUTORS = ['BGD', 'IND', 'PAK', 'NPL', 'RWA', 'ETH', 'EGY', 'IDN', 'GHA', 'CHN'];
export const REPORTS: Query[] = [
  { name: 'mou-backlog', path: (asOf) => `/v1/reports/mou-backlog?asOf=${asOf}` },
  {
    name: 'mou-backlog-series',
    path: (asOf) => {
      const to = asOf.slice(0, 7);
      const [y, m] = to.split('-').map(Number) as [number, number];
      return `/v1/reports/mou-backlog/series?from=${periodAt(-11, `${y}-${String(m).padStart(2, '0')}`)}&to=${to}`;
    },
  },
  { name: 'days-to-signature', path: () => `/v1/reports/days-to-signature` },
  { name: 'payables', path: (asOf) => `/v1/reports/payables?asOf=${asOf}` },
  {
    name: 'contributor-statement',
    path: (asOf, r) => `/v1/reports/contributors/${r.pick(CONTRIBUTORS)}/statement?asOf=${asOf}`,
  },
  { name: 'cash-pool', path: (asOf) => `/v1/reports/cash-pool?asOf=${asOf}` },
  { name: 'payment-runs', path: (asOf) => `/v1/reports/payment-runs?asOf=${asOf}` },
];

const randomDate = (r: ReturnType<typeof seededRandom>, months: number): string => {
  const period = periodAt(r.int(0, months - 1));
  const last = Number(lastDay(period).slice(8));
  return `${period}-${String(r.int(1, last)).padStart(2, '0')}`;
};

const timed = async (h: HistoryApp, path: string, token: string): Promise<{ ms: number; body: unknown }> => {
  const started = performance.now();
  const response = await h.http.get(path).set({ Authorization: token });
  const ms = performance.now() - started;
  if (response.status !== 200)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  return { ms, body: response.body };
};

export type ReportSamples = { ours: number[]; baseline: number[] };

/** The recorded instants of a history's first and last event (ms since the epoch). */
export type RecordedSpan = { from: number; to: number };

const withKnownAt = (path: string, knownAt: string): string =>
  `${path}${path.includes('?') ? '&' : '?'}knownAt=${encodeURIComponent(knownAt)}`;
type Get = (path: string) => Promise<{ ms: number; body: unknown }>;

/** One history to sample: its route (single process or gateway), its database, its length. */
export type SampledHistory = {
  get: Get;
  pool: Pool;
  months: number;
  /** With a span: each report at the same dates, as known at a seeded random instant of that span. */
  knownAt?: RecordedSpan | null;
};

/**
 * Every report at its seeded random dates through each history's `get`, then the same answers read back by
 * primary key from a temporary table of the history's pool: the `plain-table-rows` baseline. With several
 * histories, their samples are interleaved (sample i of each, in turn, the first one alternating), so that
 * the machine's load at any moment weighs on all of them alike and their ratio measures the history, not
 * the noise between two measuring windows. One map per history, in the order given.
 */
export const interleavedReportSamples = async (
  histories: readonly SampledHistory[],
  log: (m: string) => void,
  wanted: readonly Query[] = REPORTS,
  samples = SAMPLES,
): Promise<Map<string, ReportSamples>[]> => {
  const results = histories.map(() => new Map<string, ReportSamples>());
  const clients = await Promise.all(histories.map((h) => h.pool.connect()));
  try {
    for (const client of clients)
      await client.query('create temporary table report_rows (k int primary key, body jsonb not null)');
    for (const report of wanted) {
      const paths = histories.map(({ months, knownAt }) => {
        const r = seededRandom(months * 1000 + report.name.length);
        // the same dates as without knownAt: the instants come from a generator of their own
        const instants = seededRandom(months * 1000 + report.name.length + 1);
        return Array.from({ length: samples + WARMUP }, () => {
          const path = report.path(randomDate(r, months), r);
          if (!knownAt) return path;
          return withKnownAt(path, new Date(instants.int(knownAt.from, knownAt.to)).toISOString());
        });
      });
      const ours = histories.map((): number[] => []);
      for (let i = 0; i < samples + WARMUP; i++) {
        for (let k = 0; k < histories.length; k++) {
          const h = (k + i) % histories.length;
          const { ms, body } = await histories[h]!.get(paths[h]![i]!);
          if (i >= WARMUP) ours[h]!.push(ms);
          await clients[h]!.query('insert into report_rows values ($1, $2)', [i, JSON.stringify(body)]);
        }
      }
      for (const [h, client] of clients.entries()) {
        const baseline: number[] = [];
        for (let i = 0; i < samples + WARMUP; i++) {
          const started = performance.now();
          // a temporary table: only this client sees it
          const { rows } = await client.query<{ body: unknown }>(
            'select body from report_rows where k = $1',
            [i],
          );
          if (rows.length !== 1) throw new Error(`no stored answer ${i}`);
          const ms = performance.now() - started;
          if (i >= WARMUP) baseline.push(ms);
        }
        results[h]!.set(report.name, { ours: ours[h]!, baseline });
        await client.query('truncate report_rows');
        const { months, knownAt } = histories[h]!;
        log(
          `history ${months / 12}y ${report.name}${knownAt ? ' known at' : ''}: p50 ${percentile(ours[h]!, 50).toFixed(1)} ms, p99 ${percentile(ours[h]!, 99).toFixed(1)} ms`,
        );
      }
    }
  } finally {
    for (const client of clients) {
      await client.query('drop table if exists report_rows').catch(() => undefined);
      client.release();
    }
  }
  return results;
};

/** interleavedReportSamples on one history. */
export const reportSamples = async (
  get: Get,
  pool: Pool,
  months: number,
  log: (m: string) => void,
  wanted: readonly Query[] = REPORTS,
  knownAt: RecordedSpan | null = null,
): Promise<Map<string, ReportSamples>> =>
  (await interleavedReportSamples([{ get, pool, months, knownAt }], log, wanted))[0]!;

type Measured = {
  reports: Map<string, ReportSamples>;
  knownAt: Map<string, ReportSamples>;
  state: ReportSamples;
  rssMb: number;
};

/**
 * `--only=` with `--history`: `report-latency` (every report, with its report-growth row) or
 * `report-latency:<report>`, the same with `report-latency-known-at`, `audit-state-as-of`, `resident-memory`, `audit-verify`, `rebuild-all`,
 * `monthly-claims-run`, `report-latency-distributed` (every report through the distributed services).
 */
export const HISTORY_ROWS = [
  'report-latency',
  'report-latency-known-at',
  'audit-state-as-of',
  'resident-memory',
  'audit-verify',
  'rebuild-all',
  'monthly-claims-run',
  'report-latency-distributed',
];
const wants = (only: string[] | undefined, row: string): boolean =>
  !only || only.some((o) => o === row || o.split(':')[0] === row);
/** The reports `--only=` selects for the row prefix `row` (every one of `reports` without `--only=`). */
export const reportsWanted = (
  only: string[] | undefined,
  row = 'report-latency',
  reports = REPORTS,
): Query[] => reports.filter((r) => !only || only.includes(row) || only.includes(`${row}:${r.name}`));

// payment-runs takes no knownAt: it lists every run as known now
export const KNOWN_AT_REPORTS = REPORTS.filter((r) => r.name !== 'payment-runs');

/** The recorded instants of the first and the last event of the history's stores. */
const recordedSpan = async (h: HistoryApp): Promise<RecordedSpan> => {
  const stores = (['reimbursement', 'mou-negotiation', 'force-generation'] as const)
    .map(
      (s) =>
        `select min(recorded_at) as a, max(recorded_at) as b from ${serviceSchema(s, HISTORY_PREFIX)}.events`,
    )
    .join(' union all ');
  const { rows } = await h.pool.query<{ from: Date; to: Date }>(
    `select min(a) as "from", max(b) as "to" from (${stores}) s`,
  );
  return { from: rows[0]!.from.getTime(), to: rows[0]!.to.getTime() };
};

/**
 * Waits, untimed, until no read model version is building: a version added since the history was loaded
 * (ProjectionDefinition.rebuildWithout) is rebuilt at start and switched to once caught up, and the
 * reports must be measured on it. Returns the seconds it took (0: nothing was building).
 */
const untilEveryVersionIsCurrent = async (h: HistoryApp): Promise<number> => {
  const started = Date.now();
  const schema = serviceSchema('projections', HISTORY_PREFIX);
  for (;;) {
    const { rows } = await h.pool.query<{ building: string[] }>(
      `select array(select projection || ' v' || version from ${schema}.projection_versions
       where status = 'building' order by projection) as building`,
    );
    const building = rows[0]!.building;
    if (building.length === 0) break;
    if (Date.now() - started > 20 * 60_000)
      throw new Error(`still building after 20 min: ${building.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const seconds = (Date.now() - started) / 1000;
  // a version just built has had no statistics nor vacuum yet (autovacuum comes a while after): as the
  // loader does after loading, so the planner sees the tables it will see for the rest of their life
  if (seconds > 1.5) await h.pool.query(`vacuum analyze`);
  return seconds;
};

/** An MOU's state as of a date, against its events through the same audit routes. */
const stateSamples = async (h: HistoryApp, months: number): Promise<ReportSamples> => {
  const token = h.tokens.auditor;
  const state: ReportSamples = { ours: [], baseline: [] };
  const mous: { mouId: string }[] = [];
  for (const mission of MISSIONS.slice(0, 5)) {
    const { body } = await timed(h, `/v1/mous?mission=${mission}&pageSize=200`, h.tokens.clerk);
    mous.push(...(body as { items: { mouId: string }[] }).items);
  }
  const r = seededRandom(months);
  for (let i = 0; i < SAMPLES + WARMUP; i++) {
    const stream = `mou-${r.pick(mous).mouId}`;
    const a = await timed(h, `/v1/audit/streams/${stream}/state?asOf=${randomDate(r, months)}`, token);
    const b = await timed(h, `/v1/audit/streams/${stream}/events`, token);
    if (i >= WARMUP) {
      state.ours.push(a.ms);
      state.baseline.push(b.ms);
    }
  }
  return state;
};

/**
 * The process's resident memory after one history's app answered every wanted report (MEMORY_SAMPLES
 * each, as of now and as known at an instant) with no other history's app open: measured alone, since
 * the latency samples keep both histories' apps open at once.
 */
const residentAfter = async (databaseUrl: string, months: number, only?: string[]): Promise<number> => {
  const h = await openHistoryApp(databaseUrl);
  try {
    const get = (path: string) => timed(h, path, h.tokens.auditor);
    const quiet = () => undefined;
    await interleavedReportSamples(
      [{ get, pool: h.pool, months }],
      quiet,
      reportsWanted(only),
      MEMORY_SAMPLES,
    );
    const knownAt = await recordedSpan(h);
    await interleavedReportSamples(
      [{ get, pool: h.pool, months, knownAt }],
      quiet,
      reportsWanted(only, 'report-latency-known-at', KNOWN_AT_REPORTS),
      MEMORY_SAMPLES,
    );
  } finally {
    await h.close();
  }
  global.gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
};

/**
 * Both histories' reports, their samples interleaved (interleavedReportSamples), then the ten years' audit
 * state and each history's resident memory alone.
 */
export const measure = async (
  ten: { databaseUrl: string; months: number },
  one: { databaseUrl: string; months: number },
  log: (m: string) => void,
  only?: string[],
): Promise<{ ten: Measured; one: Measured }> => {
  const h10 = await openHistoryApp(ten.databaseUrl);
  const h1 = await openHistoryApp(one.databaseUrl).catch(async (e: unknown) => {
    await h10.close();
    throw e;
  });
  const apps = [
    { h: h10, months: ten.months },
    { h: h1, months: one.months },
  ];
  let oneOpen = true;
  // the first year's app is closed before the audit-state samples, which are the decade's alone
  const closeOne = async () => {
    if (oneOpen) await h1.close();
    oneOpen = false;
  };
  const none: ReportSamples = { ours: [], baseline: [] };
  let measured: { ten: Measured; one: Measured };
  try {
    for (const { h, months } of apps) {
      const switched = await untilEveryVersionIsCurrent(h);
      log(
        `history ${months / 12}y: every read model version current after ${switched.toFixed(1)} s (untimed)`,
      );
    }
    const histories = (knownAt: boolean) =>
      Promise.all(
        apps.map(async ({ h, months }) => ({
          get: (path: string) => timed(h, path, h.tokens.auditor),
          pool: h.pool,
          months,
          knownAt: knownAt ? await recordedSpan(h) : null,
        })),
      );
    const [reports10, reports1] = await interleavedReportSamples(
      await histories(false),
      log,
      reportsWanted(only),
    );
    const [knownAt10, knownAt1] = await interleavedReportSamples(
      await histories(true),
      log,
      reportsWanted(only, 'report-latency-known-at', KNOWN_AT_REPORTS),
    );
    await closeOne();
    const state = wants(only, 'audit-state-as-of') ? await stateSamples(h10, ten.months) : none;
    measured = {
      ten: { reports: reports10!, knownAt: knownAt10!, state, rssMb: 0 },
      one: { reports: reports1!, knownAt: knownAt1!, state: none, rssMb: 0 },
    };
  } finally {
    await h10.close();
    await closeOne();
  }
  if (wants(only, 'resident-memory')) {
    measured.one.rssMb = await residentAfter(one.databaseUrl, one.months, only);
    measured.ten.rssMb = await residentAfter(ten.databaseUrl, ten.months, only);
  }
  return measured;
};

const p99Row = (name: string, baseline: string, ours: number[], base: number[]): BenchResult =>
  resultOf({
    name,
    unit: 'ms',
    baseline,
    samples: [percentile(ours, 99)],
    baselineSamples: [percentile(base, 99)],
  });

export const historyWorkload: Workload = {
  id: 'history',
  async run({ databaseUrl, kafkaBrokers, log, historyOnly: only }: BenchContext): Promise<BenchResult[]> {
    const unknown = (only ?? []).filter((o) => !HISTORY_ROWS.includes(o.split(':')[0]!));
    if (unknown.length > 0)
      throw new Error(`unknown history row ${unknown.join(', ')}; known: ${HISTORY_ROWS.join(', ')}`);
    const server = databaseUrl;
    const ten = await ensureHistory(server, 120, log);
    const one = await ensureHistory(server, 12, log);
    log(
      `history: 10y ${ten.events} events (loaded in ${ten.loadedInSeconds.toFixed(0)} s), 1y ${one.events} events`,
    );
    const { ten: m10, one: m1 } = await measure(
      { databaseUrl: ten.databaseUrl, months: 120 },
      { databaseUrl: one.databaseUrl, months: 12 },
      log,
      only,
    );
    const results: BenchResult[] = [];
    const reportRows = (
      latency: string,
      growth: string,
      ten: Map<string, ReportSamples>,
      one: typeof ten,
    ) => {
      for (const [name, a] of ten) {
        const b = one.get(name)!;
        log(
          `history ${latency}:${name}: 10y p50 ${percentile(a.ours, 50).toFixed(1)} p99 ${percentile(a.ours, 99).toFixed(1)} ms; ` +
            `1y p50 ${percentile(b.ours, 50).toFixed(1)} p99 ${percentile(b.ours, 99).toFixed(1)} ms`,
        );
        results.push(p99Row(`${latency}:${name}`, 'plain-table-rows', a.ours, a.baseline));
        results.push(p99Row(`${growth}:${name}`, 'p99-on-1y', a.ours, b.ours));
      }
    };
    reportRows('report-latency', 'report-growth', m10.reports, m1.reports);
    reportRows('report-latency-known-at', 'report-growth-known-at', m10.knownAt, m1.knownAt);
    if (wants(only, 'audit-state-as-of'))
      results.push(p99Row('audit-state-as-of', 'stream-events', m10.state.ours, m10.state.baseline));
    if (wants(only, 'resident-memory'))
      results.push(
        resultOf({
          name: 'resident-memory',
          unit: 'MB',
          baseline: 'resident-memory-1y',
          samples: [m10.rssMb],
          baselineSamples: [m1.rssMb],
          direction: 'lower-is-better',
        }),
      );
    if (wants(only, 'audit-verify')) results.push(await auditVerifyRow(ten.databaseUrl, log));
    const name = (url: string) => new URL(url).pathname.slice(1);
    if (wants(only, 'rebuild-all'))
      results.push(...(await rebuildRows(server, name(ten.databaseUrl), kafkaBrokers, log)));
    if (wants(only, 'monthly-claims-run'))
      results.push(await claimsRunRow(server, name(ten.databaseUrl), name(one.databaseUrl), log));
    if (wants(only, 'report-latency-distributed'))
      results.push(
        ...(await distributedRows(server, name(ten.databaseUrl), name(one.databaseUrl), kafkaBrokers, log)),
      );
    return results;
  },
};
