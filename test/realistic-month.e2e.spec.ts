// A finance officer's month, end to end: 20 units of MINUSMA and UNMISS loaded through the public routes
// of every service (rotations, part months from the movements, 67/261 with exemptions, partial
// self-sustainment, an amendment mid-month, a unit without a report, a deployed unit without an MOU in
// force), the monthly claims run, and certification by a second officer; every claim line checked
// against the cents worked out by hand in support/realistic-month.ts. Once in the single process
// (in-process delivery) and once distributed (each service its own app, talking through Kafka).
import { MessagingModule, serviceSchema } from '@coe/messaging';
import { type PlatformConfig, buildHttpApp, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import request from 'supertest';
import {
  FORCE_GENERATION_OPENAPI,
  ForceGenerationModule,
} from '../services/force-generation/src/force-generation.module';
import {
  MOU_NEGOTIATION_OPENAPI,
  MouNegotiationModule,
} from '../services/mou-negotiation/src/mou-negotiation.module';
import {
  REIMBURSEMENT_OPENAPI,
  ReimbursementModule,
} from '../services/reimbursement/src/reimbursement.module';
import { dropSchema, testPool } from './support/database';
import { testBrokers } from './support/kafka';
import {
  CERTIFIED_ON,
  EXPECTED_CLAIMS,
  EXPECTED_EXCEPTIONS,
  EXPECTED_RUN_TOTAL,
  MONTH,
  PREPARED_ON,
  UNITS,
} from './support/realistic-month';
import { type MonthSystem, loadMonth } from './support/realistic-month.journey';
import { startWholeSystem, type WholeSystem } from './support/whole-system';

const LOAD_MS = 240_000;

type Line = { key: string; amountUsd: string; serviceDays?: unknown };
type ClaimDetail = {
  claimId: string;
  mouId: string;
  status: string;
  amountUsd: string;
  certifiedBy: string | null;
  lines: Line[];
};

/** The month's checks, the same in both modes. */
const theMonth = (start: () => Promise<MonthSystem>) => {
  let system: MonthSystem;
  let mouIds: Record<string, string>;
  let runId: string;
  const byMou = (mouId: string) => Object.keys(mouIds).find((k) => mouIds[k] === mouId)!;
  const post = async (path: string, sub: string, body: object) =>
    system
      .reimbursement()
      .post(path)
      .set('Authorization', `Bearer ${await system.token('finance-officer', sub)}`)
      .send(body);
  const claim = async (claimId: string): Promise<ClaimDetail> =>
    (
      await system
        .reimbursement()
        .get(`/v1/claims/${claimId}`)
        .set('Authorization', `Bearer ${await system.token('auditor', 'auditor-1')}`)
    ).body as ClaimDetail;

  beforeAll(async () => {
    system = await start();
    mouIds = await loadMonth(system);
  }, LOAD_MS);

  it('claims every unit of the month and lists the two it cannot claim, with why', async () => {
    const response = await post('/v1/claim-runs', 'officer-a', { period: MONTH, preparedOn: PREPARED_ON });
    expect(response.status).toBe(201);
    runId = response.body.runId;
    expect(response.body).toMatchObject({
      period: MONTH,
      mission: null,
      status: 'completed',
      units: 20,
      processed: 20,
      prepared: 18,
      alreadyClaimed: 0,
      notClaimed: 2,
      amountUsd: EXPECTED_RUN_TOTAL,
      awaitingCertification: 18,
    });
    const exceptions = Object.fromEntries(
      (response.body.exceptions as { mouId: string; code: string }[]).map((e) => [byMou(e.mouId), e.code]),
    );
    expect(exceptions).toEqual(EXPECTED_EXCEPTIONS);
  });

  it('computes every claim line to the cent as worked out by hand', async () => {
    const run = await system
      .reimbursement()
      .get(`/v1/claim-runs/${runId}`)
      .set('Authorization', `Bearer ${await system.token('auditor', 'auditor-1')}`);
    const prepared = (run.body.outcomes as { mouId: string; outcome: string; claimId?: string }[]).filter(
      (o) => o.outcome === 'prepared',
    );
    const actual: Record<string, unknown> = {};
    for (const outcome of prepared) {
      const detail = await claim(outcome.claimId!);
      const personnel = detail.lines.find((l) => l.key === 'personnel');
      actual[byMou(outcome.mouId)] = {
        lines: detail.lines.map((l) => [l.key, l.amountUsd]),
        amountUsd: detail.amountUsd,
        ...(personnel?.serviceDays && (personnel.serviceDays as { days: number }).days !== 30
          ? { serviceDays: personnel.serviceDays }
          : {}),
      };
    }
    expect(actual).toEqual(EXPECTED_CLAIMS);
  });

  it('is certified by a second officer, never by the one who ran it', async () => {
    const refused = await post(`/v1/claim-runs/${runId}/certification`, 'officer-a', {
      certifiedOn: CERTIFIED_ON,
    });
    expect({ status: refused.status, code: refused.body.code }).toEqual({
      status: 403,
      code: 'FOUR_EYES_REQUIRED',
    });
    const response = await post(`/v1/claim-runs/${runId}/certification`, 'officer-b', {
      certifiedOn: CERTIFIED_ON,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ certifications: 1, awaitingCertification: 0 });
    for (const outcome of response.body.outcomes as { mouId: string; outcome: string; claimId?: string }[]) {
      if (outcome.outcome !== 'prepared') continue;
      const detail = await claim(outcome.claimId!);
      expect([byMou(outcome.mouId), detail.status, detail.certifiedBy, detail.amountUsd]).toEqual([
        byMou(outcome.mouId),
        'certified',
        'officer-b',
        EXPECTED_CLAIMS[byMou(outcome.mouId)]!.amountUsd,
      ]);
    }
  });

  it('changes nothing when run again', async () => {
    const response = await post('/v1/claim-runs', 'officer-a', { period: MONTH, preparedOn: '2019-05-21' });
    expect(response.body).toMatchObject({
      units: 20,
      prepared: 0,
      alreadyClaimed: 18,
      notClaimed: 2,
      amountUsd: '0.00',
    });
  });
};

describe('a realistic month in the single process (in-process delivery, real PostgreSQL)', () => {
  let whole: WholeSystem | undefined;
  theMonth(async () => {
    whole = await startWholeSystem();
    // listening before the clerks work in parallel (supertest would otherwise bind per request)
    await whole.app.listen(0, '127.0.0.1');
    const http = whole.http;
    return {
      forceGeneration: http,
      mouNegotiation: http,
      reimbursement: http,
      token: (role, sub) => whole!.token({ roles: [role], sub }),
      pool: whole.pool,
      schemaPrefix: whole.schemaPrefix,
    };
  });
  afterAll(() => whole?.close(), 60_000);
});

describe('a realistic month distributed (each service its own app, through Kafka)', () => {
  const run = randomBytes(4).toString('hex');
  const topicPrefix = `month-${run}`;
  const schemaPrefix = `month_${run}_`;
  const services = ['force-generation', 'mou-negotiation', 'reimbursement'] as const;
  let config: PlatformConfig;
  let pools: Pool[] = [];
  let apps: NestExpressApplication[] = [];

  theMonth(async () => {
    config = parseConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: process.env.DATABASE_URL,
        KAFKA_BROKERS: testBrokers().join(','),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        KAFKA_PARTITIONS: '3',
        JWT_SECRET: 'realistic-month-secret-0123456789abc',
      },
      { defaultPort: 0 },
    );
    pools = [testPool(4), testPool(4), testPool(6)];
    apps = [
      await buildHttpApp(
        [
          MessagingModule.forRoot(config, 'kafka', 'force-generation'),
          ForceGenerationModule.register({ config, schemaPrefix }),
        ],
        { config, database: { pool: pools[0]! }, openApi: FORCE_GENERATION_OPENAPI, logger: false },
      ),
      await buildHttpApp(
        [
          MessagingModule.forRoot(config, 'kafka', 'mou-negotiation'),
          MouNegotiationModule.register({ config, schemaPrefix }),
        ],
        { config, database: { pool: pools[1]! }, openApi: MOU_NEGOTIATION_OPENAPI, logger: false },
      ),
      await buildHttpApp(
        [
          MessagingModule.forRoot(config, 'kafka', 'reimbursement'),
          ReimbursementModule.register({ config, schemaPrefix }),
        ],
        { config, database: { pool: pools[2]! }, openApi: REIMBURSEMENT_OPENAPI, logger: false },
      ),
    ];
    for (const app of apps) await app.listen(0, '127.0.0.1');
    const http = (app: NestExpressApplication) => () => request(app.getHttpServer());
    return {
      forceGeneration: http(apps[0]!),
      mouNegotiation: http(apps[1]!),
      reimbursement: http(apps[2]!),
      token: (role, sub) => signToken(config, { roles: [role], sub }),
      pool: pools[2]!,
      schemaPrefix,
    };
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const service of services) {
      await dropSchema(pools[0]!, serviceSchema(service, schemaPrefix)).catch(() => undefined);
    }
    await Promise.all(pools.map((pool) => pool.end()));
    const admin = new Kafka({ brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: services.map((s) => `${topicPrefix}.${s}.events`) })
      .catch(() => undefined);
    await admin.disconnect();
  }, 60_000);
});

// every unit of the fixture has an expectation or an exception, and nothing else
describe('the realistic month fixture', () => {
  it('expects a claim or an exception for each of its 20 units', () => {
    expect(UNITS.map((u) => u.key).sort()).toEqual(
      [...Object.keys(EXPECTED_CLAIMS), ...Object.keys(EXPECTED_EXCEPTIONS)].sort(),
    );
  });
});
