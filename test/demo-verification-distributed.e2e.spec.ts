// Verification of the demo's history while the distributed system serves (issue 20): the four services each
// their own app on the Kafka transport (as `npm run start:distributed` runs them), the demo loaded through
// the public API behind a small routing proxy (each /v1 path to the service that owns it, as a gateway
// would), then each service with a store verifies its own (POST /v1/audit/verifications {service}), all
// three at once, while the projections service keeps answering every report; each verification must end
// intact having checked every event its store holds, and every report asked meanwhile must answer 200.
import { AuditModule } from '@coe/audit';
import { MessagingModule, serviceSchema } from '@coe/messaging';
import { buildHttpApp, type OpenApiOptions, parseConfig, type PlatformConfig } from '@coe/platform';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { createServer, request as forward, type Server } from 'node:http';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import request from 'supertest';
import { waitForProjections } from '../demo/demo.figures';
import { demoTokens, type DemoTokens } from '../demo/demo.tokens';
import { loadDemo } from '../demo/load';
import {
  FORCE_GENERATION_OPENAPI,
  ForceGenerationModule,
} from '../services/force-generation/src/force-generation.module';
import {
  MOU_NEGOTIATION_OPENAPI,
  MouNegotiationModule,
} from '../services/mou-negotiation/src/mou-negotiation.module';
import { PROJECTIONS_OPENAPI, ProjectionsModule } from '../services/projections/src/projections.module';
import {
  REIMBURSEMENT_OPENAPI,
  ReimbursementModule,
} from '../services/reimbursement/src/reimbursement.module';
import { dropSchema, testPool } from './support/database';
import { testBrokers } from './support/kafka';

const STORES = ['force-generation', 'mou-negotiation', 'reimbursement'] as const;
type Store = (typeof STORES)[number];
type Service = Store | 'projections';
const REPORTS = [
  '/v1/reports/payables?asOf=2019-03-31',
  '/v1/reports/cash-pool?asOf=2019-03-31',
  '/v1/reports/mou-backlog?asOf=2019-10-31',
  '/v1/reports/mou-backlog/series?from=2019-01&to=2019-12',
  '/v1/reports/days-to-signature',
  '/v1/reports/contributors/IND/statement?asOf=2019-03-31',
];

/** The service owning a public path (the controllers' prefixes of services/*). */
const ownerOf = (path: string): Service => {
  if (/^\/v1\/(reports|admin\/projections|audit\/replays)(\/|\?|$)/.test(path)) return 'projections';
  if (/^\/v1\/(pledges|units|surs)(\/|\?|$)/.test(path)) return 'force-generation';
  if (/^\/v1\/mous\/[^/]+\/premiums/.test(path)) return 'reimbursement';
  if (/^\/v1\/(mous|imports\/mou-register)(\/|\?|$)/.test(path)) return 'mou-negotiation';
  return 'reimbursement';
};

const run = randomBytes(4).toString('hex');
const topicPrefix = `demover-${run}`;
const schemaPrefix = `demover_${run}_`;
let config: PlatformConfig;
let pool: Pool;
const pools: Pool[] = [];
const apps = new Map<Service, NestExpressApplication>();
let proxy: Server;
let tokens: DemoTokens;

/** One service as its own app, its own pool, on Kafka; the ones with a store carry the auditor's API (main.ts). */
const serviceApp = async (service: Service): Promise<NestExpressApplication> => {
  const servicePool = testPool(4);
  pools.push(servicePool);
  const options = { config, schemaPrefix };
  const [module, openApi]: [DynamicModule, OpenApiOptions] = {
    'force-generation': () => [ForceGenerationModule.register(options), FORCE_GENERATION_OPENAPI] as const,
    'mou-negotiation': () => [MouNegotiationModule.register(options), MOU_NEGOTIATION_OPENAPI] as const,
    reimbursement: () => [ReimbursementModule.register(options), REIMBURSEMENT_OPENAPI] as const,
    projections: () => [ProjectionsModule.register(options), PROJECTIONS_OPENAPI] as const,
  }[service]() as [DynamicModule, OpenApiOptions];
  const app = await buildHttpApp(
    [
      MessagingModule.forRoot(config, 'kafka', service),
      ...(service === 'projections' ? [] : [AuditModule]),
      module,
    ],
    { config, database: { pool: servicePool }, openApi, logger: false },
  );
  await app.listen(0, '127.0.0.1');
  return app;
};

/** A routing proxy: every request to the app of the service owning its path, streamed both ways. */
const startProxy = async (): Promise<string> => {
  const targets = new Map<Service, URL>();
  for (const [service, app] of apps) targets.set(service, new URL(await app.getUrl()));
  proxy = createServer((incoming, outgoing) => {
    const target = targets.get(ownerOf(incoming.url ?? '/'))!;
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: target.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', (error) => {
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(error.message);
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as { port: number };
  return `http://127.0.0.1:${port}`;
};

beforeAll(async () => {
  config = parseConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_PARTITIONS: '3',
      JWT_SECRET: 'demo-verify-distributed-secret-0123456789',
    },
    { defaultPort: 0 },
  );
  pool = testPool(2);
  for (const service of [...STORES, 'projections'] as const) apps.set(service, await serviceApp(service));
  const baseUrl = await startProxy();
  tokens = await demoTokens(config);
  const started = Date.now();
  await loadDemo(baseUrl, tokens);
  await waitForProjections(baseUrl, tokens.auditor);
  process.stderr.write(
    `[demo-verification distributed] demo loaded and projected in ${Date.now() - started} ms\n`,
  );
}, 600_000);

afterAll(async () => {
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  for (const app of apps.values()) await app.close();
  if (pool) {
    for (const service of [...STORES, 'projections'] as const)
      await dropSchema(pool, serviceSchema(service, schemaPrefix)).catch(() => undefined);
    await pool.end();
  }
  await Promise.all(pools.map((p) => p.end()));
  const admin = new Kafka({ brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${topicPrefix}.`));
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
}, 60_000);

type Verification = {
  verificationId: string;
  status: 'running' | 'intact' | 'broken' | 'failed';
  stores: string[];
  eventsChecked: number;
  eventsTotal: number;
  firstBreak: unknown;
  startedAt: string;
  finishedAt: string | null;
};
const tookMs = (v: Verification) => Date.parse(v.finishedAt!) - Date.parse(v.startedAt);

describe("the demo's history verified while the distributed system serves", () => {
  it('has each service verify its own store intact while every report keeps answering 200', async () => {
    const auditor = `Bearer ${tokens.auditor}`;
    const http = (service: Service) => request(apps.get(service)!.getHttpServer());
    const events = {} as Record<Store, number>;
    for (const service of STORES) {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from ${serviceSchema(service, schemaPrefix)}.events`,
      );
      events[service] = rows[0]!.n;
    }
    // the demo is the MOU register (mou-negotiation) and the money (reimbursement); it records no pledge or
    // unit, so force-generation's store may be empty, and is verified all the same
    expect(events['mou-negotiation']).toBeGreaterThan(0);
    expect(events.reimbursement).toBeGreaterThan(0);
    expect(STORES.reduce((n, s) => n + events[s], 0)).toBeGreaterThan(1000);

    // reports asked without pause from before the verifications start until they have all ended
    type Asked = { sentAt: number; answeredAt: number; status: number };
    const asked: Asked[] = [];
    let stop = false;
    const reporter = (async () => {
      while (!stop) {
        await Promise.all(
          REPORTS.map(async (path) => {
            const sentAt = Date.now();
            const { status } = await http('projections').get(path).set('Authorization', auditor);
            asked.push({ sentAt, answeredAt: Date.now(), status });
          }),
        );
      }
    })();

    const started = Date.now();
    const views = Object.fromEntries(
      await Promise.all(
        STORES.map(async (service) => {
          const { body } = await http(service)
            .post('/v1/audit/verifications')
            .set('Authorization', auditor)
            .send({ service })
            .expect(202);
          return [service, body as Verification];
        }),
      ),
    ) as Record<Store, Verification>;
    // each one's progress until it ends
    const seen = Object.fromEntries(STORES.map((s) => [s, [] as number[]])) as Record<Store, number[]>;
    const running = () => STORES.filter((s) => views[s].status === 'running');
    while (running().length > 0) {
      await new Promise((r) => setTimeout(r, 50));
      for (const service of running()) {
        views[service] = (
          await http(service)
            .get(`/v1/audit/verifications/${views[service].verificationId}`)
            .set('Authorization', auditor)
            .expect(200)
        ).body as Verification;
        seen[service].push(views[service].eventsChecked);
      }
    }
    stop = true;
    await reporter;
    // the report requests in flight while a verification ran
    const during = (v: Verification) =>
      asked.filter((a) => a.sentAt <= Date.parse(v.finishedAt!) && a.answeredAt >= Date.parse(v.startedAt));
    process.stderr.write(
      `[demo-verification distributed] ${STORES.map((s) => `${s}: ${views[s].eventsChecked} events in ${tookMs(views[s])} ms, ${during(views[s]).length} report requests meanwhile`).join('; ')}; ` +
        `all ended within ${Date.now() - started} ms of the first request\n`,
    );
    for (const service of STORES) {
      expect([service, views[service]]).toEqual([
        service,
        expect.objectContaining({
          status: 'intact',
          stores: [service],
          eventsChecked: events[service],
          eventsTotal: events[service],
          firstBreak: null,
        }),
      ]);
      // progress only goes forward
      expect(seen[service]).toEqual([...seen[service]].sort((x, y) => x - y));
    }
    // reports were asked while the stores holding the demo were being verified, and every one answered
    for (const service of ['mou-negotiation', 'reimbursement'] as const)
      expect([service, during(views[service]).length > 0]).toEqual([service, true]);
    expect(asked.filter((a) => a.status !== 200)).toEqual([]);
  });

  it("refuses to verify another service's store: each process verifies only its own", async () => {
    const response = await request(apps.get('force-generation')!.getHttpServer())
      .post('/v1/audit/verifications')
      .set('Authorization', `Bearer ${tokens.auditor}`)
      .send({ service: 'reimbursement' });
    expect({ status: response.status, code: response.body.code }).toEqual({
      status: 404,
      code: 'SERVICE_NOT_HERE',
    });
  });
});
