// Where the benchmarks run: the endpoints the integration tests use (DATABASE_URL / KAFKA_BROKERS from
// the environment, otherwise infra/infra.mjs `up()`), a dedicated `coe_bench` database, fresh random
// schemas and databases, and pg pools that are immune to other libraries' global type parsers.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client, Pool, types, type CustomTypesConfig } from 'pg';
import { SESSION_OPTIONS } from '@coe/platform';

type InfraModule = {
  up(options?: {
    kafka?: boolean;
    postgres?: boolean;
    lease?: boolean;
    log?: (msg: string) => void;
  }): Promise<{ kafkaBrokers?: string; databaseUrl?: string }>;
  down(options?: { lease?: boolean; log?: (msg: string) => void }): Promise<{ stopped: string[] }>;
};

export type Endpoints = {
  databaseUrl: string;
  kafkaBrokers: string[];
  /** Releases what `up()` started for this process (a no-op when the environment gave both). */
  release(): Promise<void>;
};

const BENCH_DATABASE = 'coe_bench';
const DEFAULT_DATABASES = new Set(['', 'postgres']);

const log = (msg: string): void => {
  process.stderr.write(`[bench] ${msg}\n`);
};

/** Node's own `import()` of the ES module (this file is compiled to CommonJS). */
const loadInfra = (): Promise<InfraModule> => {
  const importEsm = new Function('specifier', 'return import(specifier)') as (
    s: string,
  ) => Promise<InfraModule>;
  return importEsm(pathToFileURL(join(__dirname, '..', 'infra', 'infra.mjs')).href);
};

export const resolveEndpoints = async (): Promise<Endpoints> => {
  let databaseUrl = process.env.DATABASE_URL || undefined;
  let brokers = process.env.KAFKA_BROKERS || undefined;
  let release = async (): Promise<void> => undefined;
  if (!databaseUrl || !brokers) {
    const infra = await loadInfra();
    const started = await infra.up({ kafka: !brokers, postgres: !databaseUrl, lease: true, log });
    databaseUrl ??= started.databaseUrl;
    brokers ??= started.kafkaBrokers;
    release = async () => {
      await infra.down({ lease: true, log });
    };
  }
  if (!databaseUrl || !brokers) throw new Error('could not resolve DATABASE_URL and KAFKA_BROKERS');
  return {
    databaseUrl: await benchDatabase(databaseUrl),
    kafkaBrokers: brokers.split(',').map((b) => b.trim()),
    release,
  };
};

/** `coe_bench` on the same server when the URL names the server's default database. */
const benchDatabase = async (databaseUrl: string): Promise<string> => {
  const url = new URL(databaseUrl);
  const db = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!DEFAULT_DATABASES.has(db)) return databaseUrl;
  if (!(await createDatabase(databaseUrl, BENCH_DATABASE, { ifMissing: true }))) return databaseUrl;
  return databaseUrlFor(databaseUrl, BENCH_DATABASE);
};

export const databaseUrlFor = (databaseUrl: string, database: string): string => {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

/** Creates a database; false when the role may not (the caller then stays where it is). */
export const createDatabase = async (
  databaseUrl: string,
  name: string,
  options: { ifMissing?: boolean } = {},
): Promise<boolean> => {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42501') return false;
    // 42P04 duplicate_database; 23505 when a concurrent run creates it at the same moment
    if (options.ifMissing && (code === '42P04' || code === '23505')) return true;
    throw error;
  } finally {
    await client.end();
  }
};

export const dropDatabase = async (databaseUrl: string, name: string): Promise<void> => {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
};

export const randomName = (prefix: string): string => `${prefix}_${randomBytes(5).toString('hex')}`;

export const dropSchema = async (pool: Pool, schema: string): Promise<void> => {
  await pool.query(`drop schema if exists ${schema} cascade`);
};

/**
 * pg's default text parsers for bigint (string) and json/jsonb (JSON.parse). Emmett's driver (dumbo)
 * replaces the process-wide parsers when it loads (bigint -> BigInt, JSON with a BigInt reviver); our
 * pools keep pg's defaults so each store is measured with the parsers it is written for.
 */
const pgDefaultTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary') {
      if (oid === types.builtins.INT8) return (value: string) => value;
      if (oid === types.builtins.JSON || oid === types.builtins.JSONB) return JSON.parse;
    }
    return types.getTypeParser(oid, format ?? 'text');
  }) as CustomTypesConfig['getTypeParser'],
};

/**
 * An idle client whose backend goes away (a server restart, another session's pg_terminate_backend) makes
 * pg emit 'error' on the pool, which would end the process: log it instead; queries in flight still fail.
 */
export const onIdleError = (pool: Pool): Pool =>
  pool.on('error', (error) => log(`idle connection lost: ${error.message}`));

/** A pool with the sessions the services open (SESSION_OPTIONS): workloads hand it to the apps they run. */
export const createPool = (databaseUrl: string, max: number): Pool =>
  onIdleError(
    new Pool({ connectionString: databaseUrl, max, types: pgDefaultTypes, options: SESSION_OPTIONS }),
  );

/**
 * Flushes what earlier work left dirty in PostgreSQL's buffers, so a workload does not pay for the last
 * one's writes (its checkpoint spreading them over the next minutes, under our subject and not under a
 * Kafka-only baseline). pgbench vacuums before it measures for the same reason. Needs superuser or
 * pg_checkpoint; without, the run goes on unsettled and says so.
 */
export const settleDatabase = async (databaseUrl: string, log: (message: string) => void): Promise<void> => {
  const pool = createPool(databaseUrl, 1);
  try {
    await pool.query('checkpoint');
  } catch (error) {
    log(`could not checkpoint before the workload: ${(error as Error).message}`);
  } finally {
    await pool.end();
  }
};

/** The server's version number, e.g. `15.20`. */
export const postgresVersion = async (pool: Pool): Promise<string> => {
  const { rows } = await pool.query<{ v: string }>(`select current_setting('server_version') as v`);
  return rows[0]!.v.split(' ')[0]!;
};
