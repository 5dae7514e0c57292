// The distributed mode as `npm run start:distributed` runs it (scripts/start-distributed.mjs on the tests'
// build: four service processes on Kafka and the gateway), on a fresh database and topic prefix. The
// gateway is the one origin: it serves the console, routes each path of every service's OpenAPI document
// to that service, merges the documents, and the demo is loaded through it. Then the four-eyes journey
// runs in Chromium against it (test/support/four-eyes.journey.ts), as against the single process.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '@coe/platform';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { waitForProjections } from '../demo/demo.figures';
import { demoTokens } from '../demo/demo.tokens';
import { loadDemo } from '../demo/load';
import { ownerOf, SERVICES, type ServiceName } from '../services/gateway/src/gateway';
import { freePort } from './support/app-process';
import { launchChromium } from './support/browser';
import { importTourReports, walkFourEyes } from './support/four-eyes.journey';
import { testBrokers } from './support/kafka';

const run = randomBytes(4).toString('hex');
const database = `coe_gateway_${run}`;
const topicPrefix = `gateway-${run}`;
const ports = {} as Record<ServiceName | 'gateway', number>;
const serviceUrl = (service: ServiceName) => `http://127.0.0.1:${ports[service]}`;
let gateway: string;
let dataDir: string;
let distributed: ChildProcess;
let output = '';
let browser: Browser;

const server = () => new Client({ connectionString: process.env.DATABASE_URL });
const databaseUrl = () => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
};

const waitForHealth = async (timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (distributed.exitCode !== null)
      throw new Error(`start-distributed exited ${distributed.exitCode}:\n${output.slice(-3000)}`);
    const healthy = await fetch(`${gateway}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the gateway's /health did not answer 200 within ${timeoutMs} ms:\n${output.slice(-3000)}`);
};

beforeAll(async () => {
  const build = process.env.COE_TEST_BUILD;
  if (!build) throw new Error('COE_TEST_BUILD is not set: run through the integration project');
  const admin = server();
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  dataDir = mkdtempSync(join(tmpdir(), 'coe-gateway-'));
  for (const name of [...SERVICES, 'gateway'] as const) ports[name] = await freePort();
  gateway = `http://127.0.0.1:${ports.gateway}`;
  // No JWT_SECRET: the development secret under DATA_DIR, shared by the four services, signs; so the
  // development sign-in exists, as in `npm run start:distributed` on a developer's machine.
  const { JWT_SECRET: _secret, DATABASE_URL: _url, ...inherited } = process.env;
  distributed = spawn(process.execPath, [join(__dirname, '..', 'scripts', 'start-distributed.mjs')], {
    env: {
      ...inherited,
      COE_BUILD_DIR: build,
      DATABASE_URL: databaseUrl(),
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      NO_COLOR: '1',
      ...Object.fromEntries(
        Object.entries(ports).map(([name, port]) => [
          `${name.toUpperCase().replace(/-/g, '_')}_PORT`,
          String(port),
        ]),
      ),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  distributed.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  distributed.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitForHealth(180_000);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (distributed !== undefined && distributed.exitCode === null) {
    const exited = new Promise((resolve) => distributed.once('exit', resolve));
    distributed.kill('SIGTERM');
    await exited;
  }
  const admin = server();
  await admin.connect();
  await admin.query(`drop database if exists ${database} with (force)`).catch(() => undefined);
  await admin.end();
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  const kafka = new Kafka({ brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
  await kafka.connect();
  const topics = (await kafka.listTopics()).filter((t) => t.startsWith(`${topicPrefix}.`));
  await kafka.deleteTopics({ topics }).catch(() => undefined);
  await kafka.disconnect();
}, 60_000);

type OpenApi = { paths: Record<string, unknown> };
const openApiOf = async (base: string): Promise<OpenApi> => {
  const response = await fetch(`${base}/openapi.json`);
  expect(response.status).toBe(200);
  return (await response.json()) as OpenApi;
};

describe('the distributed mode behind its gateway', () => {
  it('routes every path of each service to it, merges their OpenAPI documents and serves the console', async () => {
    const documents = Object.fromEntries(
      await Promise.all(SERVICES.map(async (s) => [s, await openApiOf(serviceUrl(s))] as const)),
    ) as Record<ServiceName, OpenApi>;
    // an API path only one service has is routed to it; the ones all of them have (development sign-in,
    // audit, consumers) go to one; the operations routes (/health, /metrics) are each process's own
    const owners = new Map<string, ServiceName[]>();
    for (const service of SERVICES)
      for (const path of Object.keys(documents[service].paths).filter((p) => p.startsWith('/v1/')))
        owners.set(path, [...(owners.get(path) ?? []), service]);
    const misrouted = [...owners]
      .filter(([path, services]) => !services.includes(ownerOf(path)!))
      .map(([path, services]) => ({ path, services, routedTo: ownerOf(path) }));
    expect(misrouted).toEqual([]);
    const ownOnly = [...owners].filter(([, services]) => services.length === 1).length;
    expect(ownOnly).toBeGreaterThan(50);

    const merged = await openApiOf(gateway);
    expect(Object.keys(merged.paths).sort()).toEqual([...owners.keys()].sort());
    for (const path of ['/v1/reports/payables', '/v1/pledges', '/v1/mous', '/v1/payment-runs'])
      expect([path, path in merged.paths]).toEqual([path, true]);

    const ready = await fetch(`${gateway}/health`);
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: 'ok', services: Object.fromEntries(SERVICES.map((s) => [s, 'up'])) },
    ]);
    const page = await fetch(`${gateway}/payment-runs`, { headers: { accept: 'text/html' } });
    expect([page.status, (await page.text()).includes('<div id="root">')]).toEqual([200, true]);
    const unknown = await fetch(`${gateway}/v1/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('loads the demo through the gateway, then walks four eyes in the browser on it', async () => {
    const config = parseConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }, { defaultPort: 0 });
    const tokens = await demoTokens(config);
    const started = Date.now();
    await loadDemo(gateway, tokens);
    await waitForProjections(gateway, tokens.auditor);
    process.stderr.write(
      `[console distributed] demo loaded through the gateway in ${Date.now() - started} ms\n`,
    );
    await importTourReports(gateway, tokens.officerA);
    await walkFourEyes(browser, gateway);
  }, 600_000);

  it('keeps a document uploaded through the gateway for an MOU where the MOU is, and serves it back', async () => {
    const config = parseConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }, { defaultPort: 0 });
    const { clerk, auditor } = await demoTokens(config);
    const call = (path: string, token: string, init: RequestInit = {}) =>
      fetch(`${gateway}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });
    const drafted = await call('/v1/mous', clerk, {
      method: 'POST',
      body: JSON.stringify({
        mission: 'UNMISS',
        contributor: 'NPL',
        unitName: `NEPBATT-${run}`,
        unitType: 'INF',
        personnelCeiling: 850,
        negotiationOpenedOn: '2018-01-15',
      }),
    });
    expect(drafted.status).toBe(201);
    const { mouId } = (await drafted.json()) as { mouId: string };
    const upload = async (query: string) => {
      const bytes = Buffer.from(`%PDF-1.4\n% note verbale ${run} ${query}\n%%EOF\n`, 'latin1');
      const stored = await call(`/v1/documents${query}`, clerk, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: bytes,
      });
      expect(stored.status).toBe(201);
      return { bytes, sha256: ((await stored.json()) as { sha256: string }).sha256 };
    };
    const send = (sha256: string) =>
      call(`/v1/mous/${mouId}/sent-to-permanent-mission`, clerk, {
        method: 'POST',
        body: JSON.stringify({
          sentOn: '2018-06-01',
          documents: [{ sha256, title: 'Note verbale', kind: 'note-verbale' }],
        }),
      });

    const forMous = await upload('?for=mous');
    expect((await send(forMous.sha256)).status).toBe(200);
    // read back through the gateway, with or without `for`: the service whose events name it answers
    // (reimbursement, asked first without `for`, cannot read an MOU's documents: 404, then the next)
    for (const query of ['', '?for=mous']) {
      const read = await call(`/v1/documents/${forMous.sha256}${query}`, auditor);
      expect([query, read.status]).toEqual([query, 200]);
      expect(Buffer.compare(Buffer.from(await read.arrayBuffer()), forMous.bytes)).toBe(0);
    }
  }, 120_000);
});
