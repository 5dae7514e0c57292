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
// Plain Node ESM on purpose: no TypeScript, no dependencies, no top-level await.

import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  chownSync,
} from 'node:fs';
import net from 'node:net';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const INFRA = resolve(process.env.INFRA_DIR || join(ROOT, '.infra'));
const KAFKA_DIR = join(INFRA, 'kafka');
const KAFKA_LIBS = join(KAFKA_DIR, 'libs');
const KAFKA_DATA = join(KAFKA_DIR, 'data');
const KAFKA_PROPS = join(KAFKA_DIR, 'server.properties');
const KAFKA_LOG4J = join(KAFKA_DIR, 'log4j.properties');
const TOOLS_LOG4J = join(KAFKA_DIR, 'tools-log4j.properties');
const KAFKA_LOG = join(KAFKA_DIR, 'kafka.log');
const KAFKA_PID = join(INFRA, 'kafka.pid');
const CLUSTER_ID_FILE = join(KAFKA_DIR, 'cluster-id');
const POM = join(HERE, 'kafka', 'pom.xml');
const PG_DIR = join(INFRA, 'pg');
const PG_DATA = join(PG_DIR, 'data');
const PG_RUN = join(PG_DIR, 'run');
const PG_LOG = join(PG_DIR, 'postgres.log');
const STATE_FILE = join(INFRA, 'state.json');
const LOCK_DIR = join(INFRA, 'lock');
const LEASES_DIR = join(INFRA, 'leases');

const HOST = '127.0.0.1';
const KAFKA_PORT = Number(process.env.INFRA_KAFKA_PORT || 19092);
const CONTROLLER_PORT = Number(process.env.INFRA_KAFKA_CONTROLLER_PORT || 19093);
const PG_PRIVATE_PORT = Number(process.env.INFRA_PG_PORT || 15432);
const KAFKA_TIMEOUT_MS = Number(process.env.INFRA_KAFKA_TIMEOUT_MS || 90_000);
const KAFKA_HEAP = process.env.KAFKA_HEAP || '512m';
const LOCK_TIMEOUT_MS = 10 * 60_000;
const SYSTEM_PG_URL = `postgres://postgres@${HOST}:5432/postgres`;
const KAFKA_BROKERS = `${HOST}:${KAFKA_PORT}`;
const STARTED_MARKER = 'Kafka Server started';

/** The Kafka version is read from the pom so there is one place to change it. */
function kafkaVersion() {
  const m = readFileSync(POM, 'utf8').match(/<kafka\.version>([^<]+)<\/kafka\.version>/);
  if (!m) throw new Error(`no <kafka.version> in ${POM}`);
  return m[1].trim();
}

// ---------------------------------------------------------------------------------------------
// small helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function makeLogger(options) {
  if (options.quiet) return () => {};
  return options.log || ((msg) => process.stderr.write(`[infra] ${msg}\n`));
}

function alive(pid) {
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

function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/** True when `pid` is the Kafka broker this module starts (guards against pid reuse). */
function isOurKafka(pid) {
  if (!alive(pid)) return false;
  const cmd = cmdline(pid);
  return cmd === '' ? true : cmd.includes('kafka.Kafka') && cmd.includes(KAFKA_PROPS);
}

function readPid(file) {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function writeAtomic(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function readState() {
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return {};
  }
}

function writeState(state) {
  writeAtomic(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
}

/** Resolves true when something accepts a TCP connection on host:port. */
function answers(host, port, timeoutMs = 1000) {
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

function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function which(cmd) {
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

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const out = `${r.stdout || ''}${r.stderr || ''}`.trim();
    throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}${out ? `:\n${out}` : ''}`);
  }
  return r.stdout || '';
}

function javaBin() {
  if (process.env.JAVA_HOME) {
    const j = join(process.env.JAVA_HOME, 'bin', 'java');
    if (existsSync(j)) return j;
  }
  const j = which('java');
  if (!j) throw new Error('java not found: install a JDK 17 (apt-get install openjdk-17-jre-headless)');
  return j;
}

async function waitFor(what, timeoutMs, probe, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------
// lock: one `up`/`down` at a time per .infra directory (mkdir is atomic)

async function withLock(log, fn) {
  mkdirSync(INFRA, { recursive: true });
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let told = false;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'owner'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const owner = readPid(join(LOCK_DIR, 'owner'));
      let age = 0;
      try {
        age = Date.now() - statSync(LOCK_DIR).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      const stale = owner !== undefined ? !alive(owner) : age > 10_000;
      if (stale) {
        // Break a lock left by a dead process. Rename first so two breakers cannot both succeed.
        const grave = `${LOCK_DIR}.stale.${process.pid}`;
        try {
          renameSync(LOCK_DIR, grave);
          rmSync(grave, { recursive: true, force: true });
        } catch {
          /* someone else broke it */
        }
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${LOCK_DIR} (held by pid ${owner ?? '?'})`);
      }
      if (!told) {
        log(`waiting for another infra command (pid ${owner ?? '?'}) to finish…`);
        told = true;
      }
      await sleep(200 + Math.floor(Math.random() * 100));
    }
  }
  const release = () => rmSync(LOCK_DIR, { recursive: true, force: true });
  const onSignal = (sig) => {
    release();
    process.kill(process.pid, sig);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn();
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (readPid(join(LOCK_DIR, 'owner')) === process.pid) release();
  }
}

// ---------------------------------------------------------------------------------------------
// leases: processes (test runs) currently relying on the servers

function liveLeases() {
  let names = [];
  try {
    names = readdirSync(LEASES_DIR);
  } catch {
    return [];
  }
  const live = [];
  for (const name of names) {
    const pid = Number.parseInt(name, 10);
    if (alive(pid)) live.push(pid);
    else rmSync(join(LEASES_DIR, name), { force: true });
  }
  return live;
}

function takeLease() {
  mkdirSync(LEASES_DIR, { recursive: true });
  writeFileSync(join(LEASES_DIR, String(process.pid)), new Date().toISOString());
}

function dropLease() {
  rmSync(join(LEASES_DIR, String(process.pid)), { force: true });
}

// ---------------------------------------------------------------------------------------------
// Kafka

function kafkaJarsPresent(version) {
  return ['kafka_2.13-', 'reload4j-', 'slf4j-reload4j-'].every((prefix) => {
    try {
      const jars = readdirSync(KAFKA_LIBS);
      return prefix === 'kafka_2.13-'
        ? jars.includes(`kafka_2.13-${version}.jar`)
        : jars.some((j) => j.startsWith(prefix) && j.endsWith('.jar'));
    } catch {
      return false;
    }
  });
}

function fetchKafkaJars(log) {
  const version = kafkaVersion();
  if (kafkaJarsPresent(version)) return;
  const mvn = which('mvn');
  if (!mvn) throw new Error('mvn not found: install Maven (apt-get install maven) to fetch Kafka');
  const tmp = `${KAFKA_LIBS}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  log(`Kafka ${version}: fetching jars with Maven into ${KAFKA_LIBS} (once)…`);
  const t0 = Date.now();
  run(
    mvn,
    ['-q', '-B', '-Dstyle.color=never', '-f', POM, 'dependency:copy-dependencies', `-Dkafka.libs=${tmp}`],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  rmSync(KAFKA_LIBS, { recursive: true, force: true });
  renameSync(tmp, KAFKA_LIBS);
  if (!kafkaJarsPresent(version)) throw new Error(`Maven ran but ${KAFKA_LIBS} lacks the Kafka jars`);
  log(`Kafka jars fetched in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

function writeKafkaConfig() {
  mkdirSync(KAFKA_DATA, { recursive: true });
  const props = {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@${HOST}:${CONTROLLER_PORT}`,
    listeners: `PLAINTEXT://${HOST}:${KAFKA_PORT},CONTROLLER://${HOST}:${CONTROLLER_PORT}`,
    'advertised.listeners': `PLAINTEXT://${HOST}:${KAFKA_PORT}`,
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': KAFKA_DATA,
    'num.partitions': '1',
    'default.replication.factor': '1',
    'min.insync.replicas': '1',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '10',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'transaction.state.log.num.partitions': '10',
    'share.coordinator.state.topic.replication.factor': '1',
    'share.coordinator.state.topic.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'false',
    'delete.topic.enable': 'true',
    'num.network.threads': '2',
    'num.io.threads': '4',
    'log.cleaner.threads': '1',
    'num.recovery.threads.per.data.dir': '1',
  };
  const text = Object.entries(props)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
  writeFileSync(KAFKA_PROPS, `# written by infra/infra.mjs; edits are overwritten at each start\n${text}\n`);
  writeFileSync(
    KAFKA_LOG4J,
    [
      'log4j.rootLogger=INFO, stdout',
      'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n',
      'log4j.logger.kafka=INFO',
      'log4j.logger.org.apache.kafka=INFO',
      'log4j.logger.kafka.request.logger=WARN',
      'log4j.logger.kafka.log.LogCleaner=WARN',
      'log4j.logger.state.change.logger=WARN',
      'log4j.logger.kafka.controller=WARN',
      'log4j.logger.org.apache.kafka.clients.NetworkClient=WARN',
      '',
    ].join('\n'),
  );
  writeFileSync(
    TOOLS_LOG4J,
    [
      'log4j.rootLogger=WARN, stderr',
      'log4j.appender.stderr=org.apache.log4j.ConsoleAppender',
      'log4j.appender.stderr.Target=System.err',
      'log4j.appender.stderr.layout=org.apache.log4j.PatternLayout',
      'log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n',
      '',
    ].join('\n'),
  );
}

function formatKafkaStorage(log) {
  if (existsSync(join(KAFKA_DATA, 'meta.properties'))) return;
  const java = javaBin();
  const cp = join(KAFKA_LIBS, '*');
  const jvm = ['-Xmx256m', `-Dlog4j.configuration=${pathToFileURL(TOOLS_LOG4J).href}`, '-cp', cp];
  let clusterId = existsSync(CLUSTER_ID_FILE) ? readFileSync(CLUSTER_ID_FILE, 'utf8').trim() : '';
  if (!clusterId) {
    clusterId = run(java, [...jvm, 'kafka.tools.StorageTool', 'random-uuid'])
      .trim()
      .split('\n')
      .pop()
      .trim();
    if (!/^[A-Za-z0-9_-]{22}$/.test(clusterId))
      throw new Error(`unexpected cluster id from StorageTool: ${clusterId}`);
    writeFileSync(CLUSTER_ID_FILE, `${clusterId}\n`);
  }
  log(`Kafka: formatting storage ${KAFKA_DATA} (cluster ${clusterId})`);
  run(java, [
    ...jvm,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    KAFKA_PROPS,
    '--ignore-formatted',
  ]);
}

async function startKafka(log) {
  if (await answers(HOST, CONTROLLER_PORT)) {
    throw new Error(
      `port ${CONTROLLER_PORT} (Kafka controller) is taken by another program; free it or set INFRA_KAFKA_CONTROLLER_PORT`,
    );
  }
  fetchKafkaJars(log);
  writeKafkaConfig();
  formatKafkaStorage(log);
  if (existsSync(KAFKA_LOG)) renameSync(KAFKA_LOG, `${KAFKA_LOG}.1`);
  const out = openSync(KAFKA_LOG, 'a');
  const t0 = Date.now();
  let exited;
  let child;
  try {
    child = spawn(
      javaBin(),
      [
        `-Xms128m`,
        `-Xmx${KAFKA_HEAP}`,
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-XX:+ExitOnOutOfMemoryError',
        '-Djava.awt.headless=true',
        `-Dlog4j.configuration=${pathToFileURL(KAFKA_LOG4J).href}`,
        `-Dkafka.logs.dir=${KAFKA_DIR}`,
        '-cp',
        join(KAFKA_LIBS, '*'),
        'kafka.Kafka',
        KAFKA_PROPS,
      ],
      { cwd: KAFKA_DIR, detached: true, stdio: ['ignore', out, out] },
    );
  } finally {
    closeSync(out);
  }
  child.once('exit', (code, signal) => {
    exited = signal ?? code;
  });
  child.unref();
  writeFileSync(KAFKA_PID, `${child.pid}\n`);
  log(`Kafka: starting on ${KAFKA_BROKERS} (pid ${child.pid}, log ${KAFKA_LOG})`);

  const ready = await waitFor('kafka', KAFKA_TIMEOUT_MS, async () => {
    if (exited !== undefined) return true;
    let logText = '';
    try {
      logText = readFileSync(KAFKA_LOG, 'utf8');
    } catch {
      /* not yet */
    }
    return logText.includes(STARTED_MARKER) && (await answers(HOST, KAFKA_PORT));
  });
  if (exited !== undefined || !ready) {
    const why =
      exited !== undefined ? `exited (${exited})` : `was not ready after ${KAFKA_TIMEOUT_MS / 1000}s`;
    const lastLines = tail(KAFKA_LOG);
    if (exited === undefined) await stopPid(child.pid, 'Kafka', log);
    rmSync(KAFKA_PID, { force: true });
    throw new Error(`Kafka ${why}; last lines of ${KAFKA_LOG}:\n${lastLines}`);
  }
  log(`Kafka: started in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  await warmUpKafka(log);
  return child.pid;
}

/**
 * One Kafka request (header v1) over raw TCP; resolves to the response's error code, which for the two
 * requests used here follows the throttle time (-1 when there is no answer).
 */
function kafkaRequest(apiKey, apiVersion, payload, timeoutMs = 5000) {
  return new Promise((res) => {
    const clientId = Buffer.from('coe-infra');
    const header = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length);
    let o = header.writeInt16BE(apiKey, 0);
    o = header.writeInt16BE(apiVersion, o);
    o = header.writeInt32BE(1, o); // correlation id
    o = header.writeInt16BE(clientId.length, o);
    clientId.copy(header, o);
    const size = Buffer.alloc(4);
    size.writeInt32BE(header.length + payload.length);
    const socket = net.connect({ host: HOST, port: KAFKA_PORT });
    let buf = Buffer.alloc(0);
    const done = (code) => {
      socket.destroy();
      res(code);
    };
    socket.setTimeout(timeoutMs, () => done(-1));
    socket.once('error', () => done(-1));
    socket.once('connect', () => socket.write(Buffer.concat([size, header, payload])));
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      // size(4) correlation id(4) throttle time(4) error code(2)
      if (buf.length >= 14) done(buf.readInt16BE(12));
    });
  });
}

/** FindCoordinator v1: keyType 0 = consumer group, 1 = transaction. */
function findCoordinator(keyType, key) {
  const k = Buffer.from(key);
  const payload = Buffer.alloc(2 + k.length + 1);
  payload.writeInt16BE(k.length, 0);
  k.copy(payload, 2);
  payload.writeInt8(keyType, 2 + k.length);
  return kafkaRequest(10, 1, payload);
}

/** InitProducerId v0 without a transactional id: what an idempotent producer sends first. */
function initProducerId() {
  const payload = Buffer.alloc(2 + 4);
  payload.writeInt16BE(-1, 0); // null transactional id
  payload.writeInt32BE(60_000, 2);
  return kafkaRequest(22, 0, payload);
}

// The broker creates __consumer_offsets and __transaction_state on the first FindCoordinator, and
// answers "coordinator loading" for a while after each start; waiting for that here spares every
// client (and test) its first retries.
async function warmUpKafka(log) {
  const t0 = Date.now();
  const ok = await waitFor(
    'coordinators',
    30_000,
    async () => {
      const [group, txn] = await Promise.all([
        findCoordinator(0, 'coe-infra-warmup'),
        findCoordinator(1, 'coe-infra-warmup'),
      ]);
      return group === 0 && txn === 0 && (await initProducerId()) === 0;
    },
    300,
  );
  if (ok) log(`Kafka: group and transaction coordinators ready in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  else log('Kafka: coordinators not ready after 30s; clients will retry');
}

async function ensureKafka(log, state) {
  const pid = readPid(KAFKA_PID);
  const ours = pid !== undefined && isOurKafka(pid);
  if (pid !== undefined && !ours) {
    log(`Kafka: removing stale pid file (pid ${pid} is not a running broker of ours)`);
    rmSync(KAFKA_PID, { force: true });
  }
  if (ours) {
    // Ours and running: ready, or still starting (e.g. the previous `up` was interrupted).
    const ok = await waitFor('kafka', KAFKA_TIMEOUT_MS, () => answers(HOST, KAFKA_PORT));
    if (ok) {
      log(`Kafka: already running on ${KAFKA_BROKERS} (pid ${pid})`);
      return { brokers: KAFKA_BROKERS, pid, started: false, ours: true };
    }
    log(`Kafka: pid ${pid} does not answer on ${KAFKA_BROKERS}; restarting it`);
    await stopPid(pid, 'Kafka', log);
    rmSync(KAFKA_PID, { force: true });
  } else if (await answers(HOST, KAFKA_PORT)) {
    log(
      `Kafka: something already answers on ${KAFKA_BROKERS}; using it (not started by infra, never stopped by it)`,
    );
    return { brokers: KAFKA_BROKERS, pid: undefined, started: false, ours: false };
  } else if (state.kafka?.pid && !alive(state.kafka.pid)) {
    log('Kafka: the broker started earlier is gone (crash or reboot); starting it again');
  }
  const newPid = await startKafka(log);
  return { brokers: KAFKA_BROKERS, pid: newPid, started: true, ours: true };
}

async function stopPid(pid, name, log, timeoutMs = 45_000) {
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

// ---------------------------------------------------------------------------------------------
// PostgreSQL

function urlHostPort(url) {
  try {
    const u = new URL(url);
    return { host: u.hostname || 'localhost', port: Number(u.port || 5432) };
  } catch {
    return undefined;
  }
}

function pgBin(name) {
  const onPath = which(name);
  if (onPath) return onPath;
  let versions = [];
  try {
    versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  } catch {
    /* none */
  }
  for (const v of versions) {
    const p = join('/usr/lib/postgresql', v, 'bin', name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

function asPostgresUser(cmd, args) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return run(cmd, args);
  const runuser = which('runuser');
  if (runuser) return run(runuser, ['-u', 'postgres', '--', cmd, ...args]);
  const quoted = [cmd, ...args].map((a) => `'${String(a).replace(/'/g, `'\\''`)}'`).join(' ');
  return run('su', ['postgres', '-s', '/bin/sh', '-c', quoted]);
}

function chownToPostgres(dir) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('running as root and there is no postgres user to run initdb as');
  const uid = Number(id.stdout.trim());
  const g = Number(gid.stdout.trim());
  const walk = (p) => {
    chownSync(p, uid, g);
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
  };
  walk(dir);
}

async function startSystemCluster(log) {
  const ctl = which('pg_ctlcluster');
  let versions = [];
  try {
    versions = readdirSync('/etc/postgresql').sort((a, b) => Number(b) - Number(a));
  } catch {
    /* no Debian clusters */
  }
  if (!ctl || versions.length === 0) return undefined;
  for (const v of versions) {
    if (!existsSync(join('/etc/postgresql', v, 'main'))) continue;
    log(`PostgreSQL: starting the machine's cluster ${v}/main (pg_ctlcluster)`);
    const r = spawnSync(ctl, ['--skip-systemctl-redirect', v, 'main', 'start'], { encoding: 'utf8' });
    if (r.status !== 0) {
      log(`PostgreSQL: pg_ctlcluster ${v} main start failed: ${(r.stderr || r.stdout || '').trim()}`);
      continue;
    }
    if (await waitFor('pg', 30_000, () => answers(HOST, 5432))) return v;
  }
  return undefined;
}

async function startPrivateCluster(log) {
  const initdb = pgBin('initdb');
  const pgCtl = pgBin('pg_ctl');
  if (!initdb || !pgCtl) {
    throw new Error('no PostgreSQL answers and initdb/pg_ctl are not installed (apt-get install postgresql)');
  }
  mkdirSync(PG_RUN, { recursive: true });
  if (!existsSync(join(PG_DATA, 'PG_VERSION'))) {
    rmSync(PG_DATA, { recursive: true, force: true });
    mkdirSync(PG_DATA, { recursive: true });
    chownToPostgres(PG_DIR);
    log(`PostgreSQL: creating a private cluster in ${PG_DATA}`);
    asPostgresUser(initdb, ['-D', PG_DATA, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  }
  chownToPostgres(PG_DIR);
  log(`PostgreSQL: starting the private cluster on ${HOST}:${PG_PRIVATE_PORT}`);
  const opts = `-p ${PG_PRIVATE_PORT} -c listen_addresses=${HOST} -k ${PG_RUN}`;
  try {
    asPostgresUser(pgCtl, ['-D', PG_DATA, '-l', PG_LOG, '-w', '-t', '60', '-o', opts, 'start']);
  } catch (e) {
    throw new Error(`${e.message}\nlast lines of ${PG_LOG}:\n${tail(PG_LOG)}`);
  }
  if (!(await waitFor('pg', 30_000, () => answers(HOST, PG_PRIVATE_PORT)))) {
    throw new Error(`private PostgreSQL does not answer on ${PG_PRIVATE_PORT}:\n${tail(PG_LOG)}`);
  }
}

async function ensurePostgres(log, state) {
  const envUrl = process.env.DATABASE_URL;
  if (envUrl) {
    const hp = urlHostPort(envUrl);
    if (hp && (await answers(hp.host, hp.port))) {
      log(`PostgreSQL: using DATABASE_URL (${hp.host}:${hp.port})`);
      return { url: envUrl, mode: 'env', owned: false, startedNow: false };
    }
    log(
      `PostgreSQL: DATABASE_URL is set but ${hp ? `${hp.host}:${hp.port}` : 'it'} does not answer; looking further`,
    );
  }
  const forcePrivate = process.env.INFRA_PG === 'private';
  const privateUrl = `postgres://postgres@${HOST}:${PG_PRIVATE_PORT}/postgres`;
  if (!forcePrivate) {
    if (await answers(HOST, 5432)) {
      // Owned when an earlier `up` started the machine's cluster and nobody stopped it since.
      const owned = state.postgres?.mode === 'system' && !!state.postgres.owned;
      log(`PostgreSQL: using the server on ${HOST}:5432`);
      return {
        url: SYSTEM_PG_URL,
        mode: 'system',
        owned,
        startedNow: false,
        cluster: state.postgres?.cluster,
      };
    }
    const cluster = await startSystemCluster(log);
    if (cluster) return { url: SYSTEM_PG_URL, mode: 'system', owned: true, startedNow: true, cluster };
  }
  if (await answers(HOST, PG_PRIVATE_PORT)) {
    if (existsSync(join(PG_DATA, 'postmaster.pid'))) {
      log(`PostgreSQL: the private cluster already runs on ${HOST}:${PG_PRIVATE_PORT}`);
      return { url: privateUrl, mode: 'private', owned: true, startedNow: false };
    }
    throw new Error(`port ${PG_PRIVATE_PORT} is taken by another program; set INFRA_PG_PORT`);
  }
  await startPrivateCluster(log);
  return { url: privateUrl, mode: 'private', owned: true, startedNow: true };
}

async function stopPostgres(pg, log) {
  if (!pg?.owned) return;
  if (pg.mode === 'private') {
    const pgCtl = pgBin('pg_ctl');
    if (pgCtl && existsSync(join(PG_DATA, 'postmaster.pid'))) {
      log('PostgreSQL: stopping the private cluster');
      try {
        asPostgresUser(pgCtl, ['-D', PG_DATA, '-m', 'fast', '-w', '-t', '60', 'stop']);
      } catch (e) {
        log(`PostgreSQL: ${e.message}`);
      }
    }
  } else if (pg.mode === 'system' && pg.cluster) {
    const ctl = which('pg_ctlcluster');
    if (ctl) {
      log(`PostgreSQL: stopping the machine's cluster ${pg.cluster}/main (infra up had started it)`);
      spawnSync(ctl, ['--skip-systemctl-redirect', pg.cluster, 'main', 'stop'], { stdio: 'ignore' });
    }
  }
}

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

async function main(argv) {
  const cmd = argv[0] || 'up';
  switch (cmd) {
    case 'up': {
      const t0 = Date.now();
      await up({ print: true });
      process.stderr.write(`[infra] up in ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
      return 0;
    }
    case 'down':
      await down();
      return 0;
    case 'env':
      process.stdout.write(envLines(env()));
      return 0;
    case 'status':
      process.stdout.write(`${JSON.stringify(await status(), null, 2)}\n`);
      return 0;
    case 'jars':
      process.stdout.write(`${await kafkaJars()}\n`);
      return 0;
    default:
      process.stderr.write('usage: node infra/infra.mjs up|down|env|status|jars\n');
      return 2;
  }
}

if (isMain()) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`[infra] ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
