#!/usr/bin/env node
// Local infrastructure without Docker: an Apache Kafka broker (single-node KRaft, from Maven Central)
// and PostgreSQL (the one that answers, the machine's cluster, or a private one under .infra/pg).
//
//   node infra/infra.mjs up      start what is missing; print KAFKA_BROKERS=… and DATABASE_URL=…
//   node infra/infra.mjs down    stop what `up` started (never a server it merely found running)
//   node infra/infra.mjs env     print the lines without starting anything
//   node infra/infra.mjs status  what runs, and who started it
//   node infra/infra.mjs jars    fetch the Kafka broker's jars if missing; print their directory
//
// From Node: `const { up, down } = await import('./infra/infra.mjs')`; `up()` resolves to
// `{ kafkaBrokers, databaseUrl }`. With `{ lease: true }` the caller (e.g. Jest's global setup) holds a
// lease for its process; `down({ lease: true })` then stops servers only when no other live process
// holds a lease and no CLI `up` asked for them to stay. A plain `down` (CLI) stops everything `up`
// started.
//
// Everything lives under .infra/ at the repository root (INFRA_DIR overrides it). Environment knobs:
// INFRA_KAFKA_PORT (19092), INFRA_KAFKA_CONTROLLER_PORT (19093), INFRA_PG_PORT (15432, private
// cluster), INFRA_PG=private (skip the machine's PostgreSQL), KAFKA_HEAP (512m),
// INFRA_KAFKA_TIMEOUT_MS (90000).
//
// This file is the public API (up, down, env, status, kafkaJars, paths) and the entry point; the parts
// live in infra/lib/ by concern: kafka.mjs (the broker), postgres.mjs, leases.mjs (the lock and the
// leases), cli.mjs (the commands) and common.mjs (paths, ports, process and file helpers).
//
// Plain Node ESM on purpose: no TypeScript, no dependencies, no top-level await.
import { existsSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ROOT,
  INFRA,
  KAFKA_LIBS,
  KAFKA_LOG,
  KAFKA_PID,
  LEASES_DIR,
  HOST,
  KAFKA_PORT,
  SYSTEM_PG_URL,
  KAFKA_BROKERS,
  makeLogger,
  readPid,
  readState,
  writeState,
  answers,
  run,
  stopPid,
} from './lib/common.mjs';
import { withLock, liveLeases, takeLease, dropLease } from './lib/leases.mjs';
import { isOurKafka, fetchKafkaJars, ensureKafka } from './lib/kafka.mjs';
import { ensurePostgres, stopPostgres } from './lib/postgres.mjs';
import { main } from './lib/cli.mjs';

// ---------------------------------------------------------------------------------------------
// public API

function envLines({ kafkaBrokers, databaseUrl }) {
  return (
    (kafkaBrokers ? `KAFKA_BROKERS=${kafkaBrokers}\n` : '') +
    (databaseUrl ? `DATABASE_URL=${databaseUrl}\n` : '')
  );
}

/**
 * Starts what is missing and resolves to `{ kafkaBrokers, databaseUrl, started }`.
 * options: kafka (default true), postgres (default true), lease (default false: a CLI `up`, whose
 * servers stay until `down`), print (write the KAFKA_BROKERS=/DATABASE_URL= lines to stdout),
 * quiet (no progress on stderr), log (progress function).
 */
export async function up(options = {}) {
  const log = makeLogger(options);
  const wantKafka = options.kafka !== false;
  const wantPg = options.postgres !== false;
  const result = await withLock(log, async () => {
    const state = readState();
    const out = {
      kafkaBrokers: undefined,
      databaseUrl: undefined,
      started: { kafka: false, postgres: false },
    };
    if (wantKafka) {
      const k = await ensureKafka(log, state);
      out.kafkaBrokers = k.brokers;
      out.started.kafka = k.started;
      if (k.ours) {
        const pinned = !options.lease || (state.kafka?.pid === k.pid && !!state.kafka?.pinned);
        state.kafka = {
          pid: k.pid,
          brokers: k.brokers,
          pinned,
          since: state.kafka?.pid === k.pid ? state.kafka.since : new Date().toISOString(),
        };
      } else {
        delete state.kafka;
      }
    }
    if (wantPg) {
      const p = await ensurePostgres(log, state);
      out.databaseUrl = p.url;
      out.started.postgres = p.startedNow;
      const wasPinned = !p.startedNow && state.postgres?.mode === p.mode && !!state.postgres?.pinned;
      if (p.owned || !state.postgres?.owned) {
        state.postgres = {
          mode: p.mode,
          url: p.url,
          owned: p.owned,
          cluster: p.cluster,
          pinned: p.owned && (!options.lease || wasPinned),
        };
      } // else: keep the record of the server an earlier `up` started, so `down` still stops it
    }
    if (options.lease) takeLease();
    writeState(state);
    return out;
  });
  if (options.print) process.stdout.write(envLines(result));
  return result;
}

/**
 * Stops what `up` started. options.lease: release this process's lease and stop only when no other
 * live process holds one and no CLI `up` pinned the servers. Resolves to `{ stopped: [...] }`.
 */
export async function down(options = {}) {
  const log = makeLogger(options);
  if (!existsSync(INFRA)) return { stopped: [] };
  return withLock(log, async () => {
    const state = readState();
    const stopped = [];
    if (options.lease) {
      dropLease();
      const others = liveLeases();
      if (others.length > 0) {
        log(`leaving the servers running: still used by pid ${others.join(', ')}`);
        return { stopped };
      }
    } else {
      rmSync(LEASES_DIR, { recursive: true, force: true });
    }
    const kafkaPid = readPid(KAFKA_PID) ?? state.kafka?.pid;
    const keepKafka = options.lease && state.kafka?.pinned;
    if (kafkaPid !== undefined && !keepKafka) {
      if (isOurKafka(kafkaPid)) {
        await stopPid(kafkaPid, 'Kafka', log);
        stopped.push('kafka');
      }
      rmSync(KAFKA_PID, { force: true });
      delete state.kafka;
    } else if (keepKafka) {
      log('Kafka: left running (started by `infra up`; stop it with `npm run infra:down`)');
    }
    const keepPg = options.lease && state.postgres?.pinned;
    if (state.postgres?.owned && !keepPg) {
      await stopPostgres(state.postgres, log);
      stopped.push('postgres');
      delete state.postgres;
    } else if (!keepPg) {
      delete state.postgres;
    }
    writeState(state);
    if (stopped.length === 0 && !options.lease) log('nothing to stop');
    return { stopped };
  });
}

/** The endpoints `up` gave (or would give), without starting anything. */
export function env() {
  const state = readState();
  return {
    kafkaBrokers: state.kafka?.brokers || KAFKA_BROKERS,
    databaseUrl: process.env.DATABASE_URL || state.postgres?.url || SYSTEM_PG_URL,
  };
}

export async function status() {
  const state = readState();
  const pid = readPid(KAFKA_PID);
  return {
    kafka: {
      brokers: KAFKA_BROKERS,
      answers: await answers(HOST, KAFKA_PORT),
      pid: pid !== undefined && isOurKafka(pid) ? pid : undefined,
      pinned: !!state.kafka?.pinned,
    },
    postgres: state.postgres ?? null,
    leases: liveLeases(),
  };
}

export const paths = { root: ROOT, infra: INFRA, kafkaLog: KAFKA_LOG, kafkaLibs: KAFKA_LIBS };

/**
 * The directory of the broker's jars, fetched first when missing: for a test that runs a broker of its
 * own even when `up` found one running and fetched nothing.
 */
export async function kafkaJars(options = {}) {
  const log = makeLogger(options);
  await withLock(log, async () => fetchKafkaJars(log));
  return KAFKA_LIBS;
}

// ---------------------------------------------------------------------------------------------
// CLI

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  main(process.argv.slice(2), { up, down, env, status, kafkaJars, envLines }).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`[infra] ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
