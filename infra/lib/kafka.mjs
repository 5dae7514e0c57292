// The Kafka broker: jars from Maven Central, KRaft config, start, warm-up, and the one `ensureKafka`.

import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ROOT,
  KAFKA_DIR,
  KAFKA_LIBS,
  KAFKA_DATA,
  KAFKA_PROPS,
  KAFKA_LOG4J,
  TOOLS_LOG4J,
  KAFKA_LOG,
  KAFKA_PID,
  CLUSTER_ID_FILE,
  POM,
  HOST,
  KAFKA_PORT,
  CONTROLLER_PORT,
  KAFKA_TIMEOUT_MS,
  KAFKA_HEAP,
  KAFKA_BROKERS,
  STARTED_MARKER,
  alive,
  cmdline,
  readPid,
  answers,
  tail,
  which,
  run,
  javaBin,
  waitFor,
  stopPid,
} from './common.mjs';

/** The Kafka version is read from the pom so there is one place to change it. */
export function kafkaVersion() {
  const m = readFileSync(POM, 'utf8').match(/<kafka\.version>([^<]+)<\/kafka\.version>/);
  if (!m) throw new Error(`no <kafka.version> in ${POM}`);
  return m[1].trim();
}

/** True when `pid` is the Kafka broker this module starts (guards against pid reuse). */
export function isOurKafka(pid) {
  if (!alive(pid)) return false;
  const cmd = cmdline(pid);
  return cmd === '' ? true : cmd.includes('kafka.Kafka') && cmd.includes(KAFKA_PROPS);
}

// ---------------------------------------------------------------------------------------------
// Kafka

export function kafkaJarsPresent(version) {
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

export function fetchKafkaJars(log) {
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

export function writeKafkaConfig() {
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

export function formatKafkaStorage(log) {
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

export async function startKafka(log) {
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
export function kafkaRequest(apiKey, apiVersion, payload, timeoutMs = 5000) {
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
export function findCoordinator(keyType, key) {
  const k = Buffer.from(key);
  const payload = Buffer.alloc(2 + k.length + 1);
  payload.writeInt16BE(k.length, 0);
  k.copy(payload, 2);
  payload.writeInt8(keyType, 2 + k.length);
  return kafkaRequest(10, 1, payload);
}

/** InitProducerId v0 without a transactional id: what an idempotent producer sends first. */
export function initProducerId() {
  const payload = Buffer.alloc(2 + 4);
  payload.writeInt16BE(-1, 0); // null transactional id
  payload.writeInt32BE(60_000, 2);
  return kafkaRequest(22, 0, payload);
}

// The broker creates __consumer_offsets and __transaction_state on the first FindCoordinator, and
// answers "coordinator loading" for a while after each start; waiting for that here spares every
// client (and test) its first retries.
export async function warmUpKafka(log) {
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

export async function ensureKafka(log, state) {
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
