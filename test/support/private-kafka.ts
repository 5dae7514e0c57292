import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const INFRA = resolve(__dirname, '../../infra/infra.mjs');

/** The broker's jars, fetched when missing (when `up` found a broker running, it fetched none). */
let libs: string | null = null;
const kafkaLibs = (): string => {
  if (libs) return libs;
  const result = spawnSync(process.execPath, [INFRA, 'jars'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`could not get the Kafka jars: ${result.stderr}`);
  libs = result.stdout.trim();
  return libs;
};

const answers = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });

/**
 * A broker of its own for a test that stops and restarts Kafka, so the shared broker other test files use
 * keeps running. Uses the jars `npm run infra:up` fetches, fetching them itself when missing.
 */
export class PrivateKafka {
  private readonly dir = mkdtempSync(join(tmpdir(), 'coe-kafka-'));
  private readonly props = join(this.dir, 'server.properties');
  private child: ChildProcess | null = null;

  constructor(
    readonly port: number,
    private readonly controllerPort = port + 1,
  ) {}

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  async start(): Promise<void> {
    if (!this.child) this.format();
    const log = join(this.dir, 'kafka.log');
    writeFileSync(log, '');
    this.child = spawn(
      'java',
      [
        '-Xmx384m',
        '-XX:+UseG1GC',
        `-Dlog4j.configuration=file:${join(this.dir, 'log4j.properties')}`,
        '-cp',
        `${kafkaLibs()}/*`,
        'kafka.Kafka',
        this.props,
      ],
      { stdio: ['ignore', 'ignore', 'ignore'], env: { ...process.env, LOG_DIR: this.dir } },
    );
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (readFileSync(log, 'utf8').includes('Kafka Server started') && (await answers(this.port))) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`private Kafka did not start:\n${readFileSync(log, 'utf8').slice(-3000)}`);
  }

  /** Kills the broker the hard way, as a crash or an outage would. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return; // already gone
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private format(): void {
    const data = join(this.dir, 'data');
    writeFileSync(
      join(this.dir, 'log4j.properties'),
      [
        'log4j.rootLogger=INFO, file',
        'log4j.appender.file=org.apache.log4j.FileAppender',
        `log4j.appender.file.File=${join(this.dir, 'kafka.log')}`,
        'log4j.appender.file.layout=org.apache.log4j.PatternLayout',
        'log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n',
      ].join('\n'),
    );
    writeFileSync(
      this.props,
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${this.controllerPort}`,
        `listeners=PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.controllerPort}`,
        `advertised.listeners=PLAINTEXT://127.0.0.1:${this.port}`,
        'controller.listener.names=CONTROLLER',
        'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
        `log.dirs=${data}`,
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=3',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'transaction.state.log.num.partitions=3',
        'group.initial.rebalance.delay.ms=0',
        'auto.create.topics.enable=false',
      ].join('\n'),
    );
    const tool = (args: string[]) => {
      const result = spawnSync(
        'java',
        ['-Xmx256m', '-cp', `${kafkaLibs()}/*`, 'kafka.tools.StorageTool', ...args],
        {
          encoding: 'utf8',
        },
      );
      if (result.status !== 0) throw new Error(`StorageTool ${args[0]} failed: ${result.stderr}`);
      return result.stdout.trim().split('\n').pop()!.trim();
    };
    const clusterId = tool(['random-uuid']);
    tool(['format', '-t', clusterId, '-c', this.props]);
  }
}
