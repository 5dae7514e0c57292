// Paths, ports and small process/file helpers shared by the Kafka, PostgreSQL and lease modules.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The infra/ directory (this module lives in infra/lib/). */
export const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(HERE, '..');
export const INFRA = resolve(process.env.INFRA_DIR || join(ROOT, '.infra'));
export const KAFKA_DIR = join(INFRA, 'kafka');
export const KAFKA_LIBS = join(KAFKA_DIR, 'libs');
export const KAFKA_DATA = join(KAFKA_DIR, 'data');
export const KAFKA_PROPS = join(KAFKA_DIR, 'server.properties');
export const KAFKA_LOG4J = join(KAFKA_DIR, 'log4j.properties');
export const TOOLS_LOG4J = join(KAFKA_DIR, 'tools-log4j.properties');
export const KAFKA_LOG = join(KAFKA_DIR, 'kafka.log');
export const KAFKA_PID = join(INFRA, 'kafka.pid');
export const CLUSTER_ID_FILE = join(KAFKA_DIR, 'cluster-id');
export const POM = join(HERE, 'kafka', 'pom.xml');
export const PG_DIR = join(INFRA, 'pg');
export const PG_DATA = join(PG_DIR, 'data');
export const PG_RUN = join(PG_DIR, 'run');
export const PG_LOG = join(PG_DIR, 'postgres.log');
export const STATE_FILE = join(INFRA, 'state.json');
export const LOCK_DIR = join(INFRA, 'lock');
export const LEASES_DIR = join(INFRA, 'leases');

export const HOST = '127.0.0.1';
export const KAFKA_PORT = Number(process.env.INFRA_KAFKA_PORT || 19092);
export const CONTROLLER_PORT = Number(process.env.INFRA_KAFKA_CONTROLLER_PORT || 19093);
export const PG_PRIVATE_PORT = Number(process.env.INFRA_PG_PORT || 15432);
export const KAFKA_TIMEOUT_MS = Number(process.env.INFRA_KAFKA_TIMEOUT_MS || 90_000);
export const KAFKA_HEAP = process.env.KAFKA_HEAP || '512m';
export const LOCK_TIMEOUT_MS = 10 * 60_000;
export const SYSTEM_PG_URL = `postgres://postgres@${HOST}:5432/postgres`;
export const KAFKA_BROKERS = `${HOST}:${KAFKA_PORT}`;
export const STARTED_MARKER = 'Kafka Server started';

// ---------------------------------------------------------------------------------------------
// small helpers

// ---------------------------------------------------------------------------------------------
// small helpers

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function makeLogger(options) {
  if (options.quiet) return () => {};
  return options.log || ((msg) => process.stderr.write(`[infra] ${msg}\n`));
}

export function alive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    return e.code === 'EPERM';
  }
  // A zombie still answers kill(0); it is dead for our purposes.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}

export function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

export function readPid(file) {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function writeAtomic(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export function readState() {
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return {};
  }
}

export function writeState(state) {
  writeAtomic(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

/** Resolves true when something accepts a TCP connection on host:port. */
export function answers(host, port, timeoutMs = 1000) {
  return new Promise((res) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      res(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function which(cmd) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    const p = join(dir, cmd);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const out = `${r.stdout || ''}${r.stderr || ''}`.trim();
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}${out ? `:\n${out}` : ''}`);
  }
  return r.stdout || '';
}

export function javaBin() {
  if (process.env.JAVA_HOME) {
    const j = join(process.env.JAVA_HOME, 'bin', 'java');
    if (existsSync(j)) return j;
  }
  const j = which('java');
  if (!j) throw new Error('java not found: install a JDK 17 (apt-get install openjdk-17-jre-headless)');
  return j;
}

export async function waitFor(what, timeoutMs, probe, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
}

export async function stopPid(pid, name, log, timeoutMs = 45_000) {
  if (!alive(pid)) return;
  log(`${name}: stopping pid ${pid}`);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitFor(name, timeoutMs, () => !alive(pid), 200)) return;
  log(`${name}: pid ${pid} ignored SIGTERM for ${timeoutMs / 1000}s; killing it`);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  await waitFor(name, 5000, () => !alive(pid), 100);
}
