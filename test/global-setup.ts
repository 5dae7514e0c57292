// Jest global setup of the integration project: gives every test worker a real PostgreSQL and Kafka
// through process.env (DATABASE_URL, KAFKA_BROKERS), which the workers inherit.
//
// Each endpoint is resolved in this order:
//   1. the environment (DATABASE_URL / KAFKA_BROKERS already set): used as is;
//   2. testcontainers, when a Docker engine answers (postgres:16, confluentinc/cp-kafka:7.9.0 KRaft);
//   3. infra/infra.mjs `up()`: a local Kafka broker from Maven Central and the machine's PostgreSQL.
// TEST_INFRA=local skips step 2 even when Docker is there. KEEP_INFRA=1 leaves what step 3 started
// running after the run (stop it with `npm run infra:down`).
// When the PostgreSQL URL names the server's default database, tests get a dedicated `coe_test`
// database on that server instead, so they do not litter `postgres`.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';

export type InfraModule = {
  up(options?: {
    kafka?: boolean;
    postgres?: boolean;
    lease?: boolean;
    print?: boolean;
    quiet?: boolean;
    log?: (msg: string) => void;
  }): Promise<{
    kafkaBrokers?: string;
    databaseUrl?: string;
    started: { kafka: boolean; postgres: boolean };
  }>;
  down(options?: {
    lease?: boolean;
    quiet?: boolean;
    log?: (msg: string) => void;
  }): Promise<{ stopped: string[] }>;
};

type Stoppable = { stop(): Promise<unknown> };

/** What setup started, for global-teardown.ts (both run in Jest's main process). */
export type StartedInfra = { containers: Stoppable[]; infraLease: boolean };

const TEST_DATABASE = 'coe_test';
const DEFAULT_DATABASES = new Set(['', 'postgres']);

export function startedInfra(): StartedInfra {
  const g = globalThis as { __COE_INFRA__?: StartedInfra };
  g.__COE_INFRA__ ??= { containers: [], infraLease: false };
  return g.__COE_INFRA__;
}

const log = (msg: string): void => {
  process.stderr.write(`[integration] ${msg}\n`);
};

/**
 * A real dynamic import of infra/infra.mjs. This file is compiled to CommonJS, where `import()` would
 * become `require()` of an ES module; `new Function` keeps Node's own `import()`.
 */
export function loadInfra(): Promise<InfraModule> {
  const importEsm = new Function('specifier', 'return import(specifier)') as (
    s: string,
  ) => Promise<InfraModule>;
  return importEsm(pathToFileURL(join(__dirname, '..', 'infra', 'infra.mjs')).href);
}

async function dockerAnswers(): Promise<boolean> {
  if (process.env.TEST_INFRA === 'local') return false;
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false; // rejects within milliseconds when there is no engine
  }
}

async function startContainers(
  needPg: boolean,
  needKafka: boolean,
  started: StartedInfra,
): Promise<{ databaseUrl?: string; kafkaBrokers?: string }> {
  const [pg, kafka] = await Promise.all([
    needPg
      ? import('@testcontainers/postgresql').then(async ({ PostgreSqlContainer }) => {
          const c = await new PostgreSqlContainer('postgres:16').start();
          started.containers.push(c);
          return c.getConnectionUri();
        })
      : undefined,
    needKafka
      ? import('@testcontainers/kafka').then(async ({ KafkaContainer }) => {
          const c = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
          started.containers.push(c);
          return `${c.getHost()}:${c.getMappedPort(9093)}`;
        })
      : undefined,
  ]);
  return { databaseUrl: pg, kafkaBrokers: kafka };
}

/** Creates `coe_test` when the URL names the server's default database, and returns its URL. */
export async function dedicatedDatabase(databaseUrl: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return databaseUrl; // not a URL (e.g. a key=value string): leave it alone
  }
  const db = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!DEFAULT_DATABASES.has(db)) return databaseUrl;
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${TEST_DATABASE}`);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === '42501') {
      log(`no right to create database ${TEST_DATABASE}; tests use ${db || 'the default database'}`);
      return databaseUrl;
    }
    // 42P04 duplicate_database; 23505 when a concurrent run creates it at the same moment
    if (code !== '42P04' && code !== '23505') throw e;
  } finally {
    await client.end();
  }
  url.pathname = `/${TEST_DATABASE}`;
  return url.toString();
}

/** Tests that start the real app or CLI as a process run this build (TEST_BUILD_DIR), built once here. */
export const TEST_BUILD_DIR = '.test-dist';
function buildForTests(): void {
  const root = join(__dirname, '..');
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], {
    cwd: root,
    env: { ...process.env, BUILD_OUT_DIR: TEST_BUILD_DIR },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build for tests failed:\n${result.stderr}${result.stdout}`);
  process.env.COE_TEST_BUILD = join(root, TEST_BUILD_DIR);
}

export default async function globalSetup(): Promise<void> {
  const t0 = Date.now();
  const started = startedInfra();
  let databaseUrl = process.env.DATABASE_URL || undefined;
  let kafkaBrokers = process.env.KAFKA_BROKERS || undefined;
  const sources: string[] = [];
  if (databaseUrl) sources.push('PostgreSQL from DATABASE_URL');
  if (kafkaBrokers) sources.push('Kafka from KAFKA_BROKERS');
  try {
    if (!databaseUrl || !kafkaBrokers) {
      if (await dockerAnswers()) {
        const c = await startContainers(!databaseUrl, !kafkaBrokers, started);
        if (c.databaseUrl) sources.push('PostgreSQL container');
        if (c.kafkaBrokers) sources.push('Kafka container');
        databaseUrl ??= c.databaseUrl;
        kafkaBrokers ??= c.kafkaBrokers;
      } else {
        const infra = await loadInfra();
        const keep = process.env.KEEP_INFRA === '1';
        const r = await infra.up({ kafka: !kafkaBrokers, postgres: !databaseUrl, lease: !keep, log });
        started.infraLease = !keep;
        if (!kafkaBrokers) sources.push('Kafka via infra/infra.mjs');
        if (!databaseUrl) sources.push('PostgreSQL via infra/infra.mjs');
        databaseUrl ??= r.databaseUrl;
        kafkaBrokers ??= r.kafkaBrokers;
      }
    }
    if (!databaseUrl || !kafkaBrokers) throw new Error('could not resolve DATABASE_URL and KAFKA_BROKERS');
    databaseUrl = await dedicatedDatabase(databaseUrl);
  } catch (e) {
    await Promise.allSettled(started.containers.map((c) => c.stop()));
    started.containers = [];
    throw e;
  }
  process.env.DATABASE_URL = databaseUrl;
  process.env.KAFKA_BROKERS = kafkaBrokers;
  // every 4xx problem a route answers and its OpenAPI document does not list is written here, and
  // global-teardown.ts fails the run on any (libs/platform/src/problem-coverage.ts)
  const problems = join(tmpdir(), `coe-undocumented-problems-${process.pid}-${Date.now()}.jsonl`);
  writeFileSync(problems, '');
  process.env.COE_PROBLEM_RECORD = problems;
  buildForTests();
  const where = `${new URL(databaseUrl).host}${new URL(databaseUrl).pathname}`;
  log(
    `DATABASE_URL → ${where}, KAFKA_BROKERS=${kafkaBrokers} (${sources.join(', ')}; ${((Date.now() - t0) / 1000).toFixed(1)}s)`,
  );
}
