// `npm run bench [-- --quick] [-- --only=append-1,read-all] [-- --rounds=5]`: measures our event store,
// the relay and Emmett's PostgreSQL event store against baselines on the same database and broker,
// prints a table and writes bench/results/latest.json (CONTRACT.md section 8). See bench/README.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { createPool, postgresVersion, resolveEndpoints, settleDatabase } from './bench-infra';
import { formatTable, reportOf, type BenchResult, type Targets } from './bench-results';
import {
  HISTORY_MARKERS,
  historyIntro,
  historyTable,
  replaceBetween,
  spreadRows,
  type SpreadRow,
} from './history-table';
import { appendWorkloads } from './workloads/append.workload';
import { commandToReportWorkloads } from './workloads/command-to-report.workload';
import { consoleWorkload } from './workloads/console.workload';
import { historyWorkload } from './workloads/history.workload';
import { monthlyClaimsRunWorkload } from './workloads/monthly-claims-run.workload';
import { projectionCatchUpWorkload } from './workloads/projection-catch-up.workload';
import { readAllWorkload } from './workloads/read-all.workload';
import { relayWorkload } from './workloads/relay.workload';
import type { Settings, Workload } from './workloads/workload';

const KAFKA_VERSION = '3.9.1';

/**
 * The team's targets (ratio against the baseline; Emmett's ratio against ours must stay below 1). append-1,
 * read-all, the relay and the catch-up: issue 21 item 4's.
 */
export const TARGETS: Targets = {
  'append-1-writer': { atLeast: 0.9 },
  'append-8-writers': { atLeast: 0.8 },
  'append-batch-100': { atLeast: 0.7 },
  'read-all': { atLeast: 0.8 },
  'relay-to-kafka': { atLeast: 0.85 },
  'projection-catch-up': { atLeast: 0.8 },
  'emmett:append-1-writer': { below: 1 },
  'emmett:append-8-writers': { below: 1 },
  'emmett:append-batch-100': { below: 1 },
  'emmett:read-all': { below: 1 },
};

// command-to-report's targets are absolute (p99 < 100 ms single-process, < 250 ms distributed): logged
const ORDER = [
  ...Object.keys(TARGETS),
  'command-to-report',
  'command-to-report-distributed',
  'monthly-claims-run',
  'console-first-load-js',
  'console-screen-ms',
  'console-screen-ms-gateway',
];
const orderOf = (name: string): number => {
  const i = ORDER.indexOf(name);
  return i >= 0 ? i : ORDER.length;
};

const WORKLOADS: Workload[] = [
  ...appendWorkloads,
  readAllWorkload,
  relayWorkload,
  projectionCatchUpWorkload,
  ...commandToReportWorkloads,
  monthlyClaimsRunWorkload,
  consoleWorkload,
];

export const settingsFor = (args: string[]): Settings => {
  const quick = args.includes('--quick');
  const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? (quick ? 3 : 5));
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
  return quick
    ? { quick, rounds, warmupMs: 750, durationMs: 1500, slices: 3, readEvents: 50_000, relayEvents: 20_000 }
    : {
        quick,
        rounds,
        warmupMs: 3000,
        durationMs: 6000,
        slices: 6,
        readEvents: 200_000,
        relayEvents: 100_000,
      };
};

/** `--history 10y` (or `--history=10y`): the ten-year history's rows alone (bench/history/), loaded once. */
const historyOf = (args: string[]): string | undefined => {
  const at = args.indexOf('--history');
  const value = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--history='))?.split('=')[1];
  if (value !== undefined && value !== '10y') throw new Error('--history takes 10y');
  return value;
};

const onlyOf = (args: string[]): string[] | undefined =>
  args
    .find((a) => a.startsWith('--only='))
    ?.split('=')[1]
    ?.split(',');

const selectedWorkloads = (args: string[]): Workload[] => {
  if (historyOf(args)) return [historyWorkload];
  const only = onlyOf(args)?.join(',');
  if (!only) return WORKLOADS;
  const ids = only.split(',');
  const unknown = ids.filter((id) => !WORKLOADS.some((w) => w.id === id));
  if (unknown.length > 0)
    throw new Error(
      `unknown workload ${unknown.join(', ')}; known: ${WORKLOADS.map((w) => w.id).join(', ')}`,
    );
  return WORKLOADS.filter((w) => ids.includes(w.id));
};

/** `--runs=3`: how many times `--history` runs its rows (the README's table gives their spread). */
export const runsOf = (args: string[]): number | undefined => {
  const raw = args.find((a) => a.startsWith('--runs='))?.split('=')[1];
  if (raw === undefined) return undefined;
  const runs = Number(raw);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  if (!historyOf(args)) throw new Error('--runs goes with --history 10y');
  return runs;
};

/** README.md's ten-year table (between its markers) from the runs' spread. */
const writeHistoryTable = (spread: SpreadRow[], started: Date, runSeconds: number[]): void => {
  const readme = join(__dirname, '..', 'README.md');
  const table = `${historyIntro(started, new Date(), runSeconds)}\n\n${historyTable(spread)}`;
  writeFileSync(
    readme,
    replaceBetween(readFileSync(readme, 'utf8'), HISTORY_MARKERS.start, HISTORY_MARKERS.end, table),
  );
};

const log = (message: string): void => {
  process.stderr.write(`[bench] ${message}\n`);
};

export const main = async (args: string[]): Promise<number> => {
  const settings = settingsFor(args);
  const workloads = selectedWorkloads(args);
  const started = Date.now();
  const endpoints = await resolveEndpoints();
  const results: BenchResult[] = [];
  let failed = 0;
  try {
    const pool = createPool(endpoints.databaseUrl, 1);
    const postgres = await postgresVersion(pool).finally(() => pool.end());
    log(
      `${settings.quick ? 'quick' : 'full'} run, ${settings.rounds} rounds; PostgreSQL ${postgres} at ` +
        `${new URL(endpoints.databaseUrl).host}${new URL(endpoints.databaseUrl).pathname}, Kafka ${endpoints.kafkaBrokers.join(',')}`,
    );
    const context = {
      databaseUrl: endpoints.databaseUrl,
      kafkaBrokers: endpoints.kafkaBrokers,
      settings,
      log,
      // with --history, --only= names the history's rows (history.workload.ts HISTORY_ROWS)
      historyOnly: historyOf(args) ? onlyOf(args) : undefined,
    };
    const runs = runsOf(args);
    const runResults: BenchResult[][] = [];
    const runSeconds: number[] = [];
    for (let run = 1; run <= (runs ?? 1); run++) {
      const runStarted = Date.now();
      const these: BenchResult[] = [];
      for (const workload of workloads) {
        // another session on a shared server can end our connections: one retry before giving up
        for (let attempt = 1; attempt <= 2; attempt++) {
          const t0 = Date.now();
          try {
            await settleDatabase(endpoints.databaseUrl, log);
            these.push(...(await workload.run(context)));
            log(`${workload.id} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
            break;
          } catch (error) {
            log(`${workload.id} FAILED: ${(error as Error).stack ?? String(error)}`);
            if (attempt === 2) failed++;
            else log(`${workload.id}: trying once more`);
          }
        }
      }
      runSeconds.push((Date.now() - runStarted) / 1000);
      if (runs !== undefined) log(`run ${run} of ${runs} took ${runSeconds.at(-1)!.toFixed(0)} s`);
      runResults.push(these);
      // the table of the runs so far: an interrupted --runs=3 still leaves the runs it finished
      if (runs !== undefined && failed === 0) {
        writeHistoryTable(spreadRows(runResults), new Date(started), runSeconds);
        log(`wrote the ten-year table of ${run} run(s) to README.md`);
      }
    }
    results.push(...runResults.at(-1)!);
    results.sort((a, b) => orderOf(a.name) - orderOf(b.name));
    const report = reportOf(
      { cpus: cpus().length, node: process.version, postgres, kafka: KAFKA_VERSION },
      results,
      new Date(),
    );
    const dir = join(__dirname, 'results');
    mkdirSync(dir, { recursive: true });
    const spread = runs === undefined ? undefined : spreadRows(runResults);
    writeFileSync(
      join(dir, 'latest.json'),
      `${JSON.stringify(spread ? { ...report, runs: runs, spread } : report, null, 2)}\n`,
    );
    process.stdout.write(`\n${formatTable(results, TARGETS)}\n\n`);
    log(`wrote bench/results/latest.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (historyOf(args))
      log(
        `--history 10y: ${runSeconds.map((s) => `${s.toFixed(0)} s`).join(', ')} per run (target: under 20 minutes)`,
      );
  } finally {
    await endpoints.release();
  }
  return failed > 0 ? 1 : 0;
};
