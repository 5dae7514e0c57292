// The clerk's journey through real Kafka: force generation and mou-negotiation run as two apps (as in
// distributed mode, in this process), talk only through their topics, and the MOU the policy drafts is
// negotiated, signed in either order, put in force and amended over HTTP.
import { contractProblems, type MouTermsInForce } from '@coe/contracts';
import { MessagingModule, serviceSchema } from '@coe/messaging';
import { type PlatformConfig, type Role, buildHttpApp, parseConfig, signToken } from '@coe/platform';
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
import { dropSchema, testPool } from './support/database';
import { type ReadMessage, readTopic, testBrokers } from './support/kafka';

const run = randomBytes(4).toString('hex');
const topicPrefix = `journey-${run}`;
const schemaPrefix = `journey_${run}_`;
const topic = (service: string) => `${topicPrefix}.${service}.events`;

let config: PlatformConfig;
let pools: Pool[] = [];
let forceGeneration: NestExpressApplication;
let mouNegotiation: NestExpressApplication;

beforeAll(async () => {
  config = parseConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_TOPIC_PREFIX: topicPrefix,
      KAFKA_PARTITIONS: '3',
      JWT_SECRET: 'clerk-journey-test-secret-0123456789',
    },
    { defaultPort: 0 },
  );
  pools = [testPool(4), testPool(4)];
  forceGeneration = await buildHttpApp(
    [
      MessagingModule.forRoot(config, 'kafka', 'force-generation'),
      ForceGenerationModule.register({ config, schemaPrefix }),
    ],
    { config, database: { pool: pools[0]! }, openApi: FORCE_GENERATION_OPENAPI, logger: false },
  );
  mouNegotiation = await buildHttpApp(
    [
      MessagingModule.forRoot(config, 'kafka', 'mou-negotiation'),
      MouNegotiationModule.register({ config, schemaPrefix }),
    ],
    { config, database: { pool: pools[1]! }, openApi: MOU_NEGOTIATION_OPENAPI, logger: false },
  );
});

afterAll(async () => {
  await forceGeneration?.close();
  await mouNegotiation?.close();
  for (const service of ['force-generation', 'mou-negotiation'] as const) {
    await dropSchema(pools[0]!, serviceSchema(service, schemaPrefix)).catch(() => undefined);
  }
  await Promise.all(pools.map((pool) => pool.end()));
  const admin = new Kafka({ brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin
    .deleteTopics({ topics: [topic('force-generation'), topic('mou-negotiation')] })
    .catch(() => undefined);
  await admin.disconnect();
});

const as = async (role: Role = 'mou-clerk') => ({
  Authorization: `Bearer ${await signToken(config, { roles: [role], sub: 'clerk-ana' })}`,
});

const post = async (app: NestExpressApplication, path: string, body: object) => {
  const response = await request(app.getHttpServer())
    .post(path)
    .set(await as())
    .send(body);
  if (response.status >= 300)
    throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
};

const get = async (app: NestExpressApplication, path: string) =>
  request(app.getHttpServer())
    .get(path)
    .set(await as('auditor'));

const eventually = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const eventCount = async (service: 'force-generation' | 'mou-negotiation', types: string[]) => {
  const { rows } = await pools[0]!.query<{ n: number }>(
    `select count(*)::int as n from ${serviceSchema(service, schemaPrefix)}.events where event_type = any($1)`,
    [types],
  );
  return rows[0]!.n;
};

const typesOf = (messages: ReadMessage[], key: string) =>
  messages.filter((m) => m.key?.toString() === key).map((m) => m.headersText.ce_type);

describe("A clerk's journey from pledge to amended MOU, through Kafka", () => {
  it('drafts the MOU when the unit is selected, records its deployment, and publishes every step', async () => {
    const pledge = await post(forceGeneration, '/v1/pledges', {
      contributor: 'BGD',
      unitName: 'BANENGR-9',
      unitType: 'ENG',
      personnel: 275,
      noteVerbaleOn: '2019-01-15',
    });
    const pledgeId = pledge.body.pledgeId as string;
    await post(forceGeneration, `/v1/pledges/${pledgeId}/aav`, {
      visitedOn: '2019-02-01',
      outcome: 'successful',
    });
    await post(forceGeneration, `/v1/pledges/${pledgeId}/level`, { level: 'L2', elevatedOn: '2019-02-10' });
    const unit = await post(forceGeneration, '/v1/units', {
      pledgeId,
      mission: 'MINUSMA',
      selectedOn: '2019-03-01',
    });
    const unitId = unit.body.unitId as string;

    // the policy drafts the MOU from UnitSelected, read from force generation's topic
    const mou = await eventually('MOU drafted by the policy', async () => {
      const list = await get(mouNegotiation, '/v1/mous?mission=MINUSMA&contributor=BGD');
      return list.body.total === 1
        ? (list.body.items[0] as { mouId: string; mouRef: string; unitId: string })
        : undefined;
    });
    expect(mou).toMatchObject({ mouRef: 'DOS/MINUSMA/BGD/01', unitId, negotiationOpenedOn: '2019-03-01' });
    const mouPath = `/v1/mous/${mou.mouId}`;

    await post(mouNegotiation, `${mouPath}/negotiation-rounds`, {
      proposedBy: 'un',
      proposedOn: '2019-03-05',
      changes: {
        annexB: [
          {
            category: 'engineering',
            item: 'excavator-medium',
            quantity: 4,
            lease: 'wet',
            monthlyRateUsd: '2950.00',
          },
        ],
        annexC: [{ category: 'catering', ratePerPersonUsd: '28.00' }],
      },
    });
    await post(mouNegotiation, `${mouPath}/negotiation-rounds`, {
      proposedBy: 'contributor',
      proposedOn: '2019-03-20',
      changes: {
        personnelCeiling: 280,
        missionFactors: {
          extremeEnvironmentPct: '2.70',
          intensifiedOperationalConditionPct: '1.90',
          hostileActionPct: '3.80',
        },
      },
    });

    await post(forceGeneration, `/v1/units/${unitId}/deployment`, { deployedOn: '2019-04-15' });
    await eventually('deployment recorded on the MOU', async () => {
      const read = await get(mouNegotiation, mouPath);
      return read.body.deployedOn === '2019-04-15' ? true : undefined;
    });

    await post(mouNegotiation, `${mouPath}/sent-to-permanent-mission`, { sentOn: '2019-04-20' });
    const first = await post(mouNegotiation, `${mouPath}/signatures`, {
      party: 'contributor',
      signedOn: '2019-05-02',
    });
    expect(first.body).toMatchObject({ status: 'signed-by-contributor', annexVersion: 0 });
    const second = await post(mouNegotiation, `${mouPath}/signatures`, {
      party: 'un',
      signedOn: '2019-05-20',
    });
    expect(second.body).toMatchObject({ status: 'in-force', inForceOn: '2019-05-20', annexVersion: 1 });

    await post(mouNegotiation, `${mouPath}/amendments`, {
      kind: 'equipment',
      description: 'Two more excavators',
      proposedBy: 'un',
      proposedOn: '2019-06-03',
      effectiveOn: '2019-07-01',
      changes: {
        annexB: [
          {
            lineId: 'B001',
            category: 'engineering',
            item: 'excavator-medium',
            quantity: 6,
            lease: 'wet',
            monthlyRateUsd: '2950.00',
          },
        ],
      },
    });
    await post(mouNegotiation, `${mouPath}/amendments/1/signatures`, { party: 'un', signedOn: '2019-06-10' });
    await post(mouNegotiation, `${mouPath}/amendments/1/signatures`, {
      party: 'contributor',
      signedOn: '2019-06-12',
    });

    const final = await get(mouNegotiation, mouPath);
    expect(final.body).toMatchObject({
      status: 'in-force',
      unitId,
      deployedOn: '2019-04-15',
      signedByContributorOn: '2019-05-02',
      signedByUnOn: '2019-05-20',
      annexVersion: 2,
      annexesEffectiveOn: '2019-07-01',
      annexes: {
        personnelCeiling: 280,
        annexB: [
          {
            lineId: 'B001',
            category: 'engineering',
            item: 'excavator-medium',
            quantity: 6,
            lease: 'wet',
            monthlyRateUsd: '2950.00',
          },
        ],
        annexC: [{ category: 'catering', ratePerPersonUsd: '28.00' }],
        missionFactors: {
          extremeEnvironmentPct: '2.70',
          intensifiedOperationalConditionPct: '1.90',
          hostileActionPct: '3.80',
        },
      },
    });

    // both topics carry the services' contract events only (the pledge, the negotiation rounds and the
    // amendment's own steps stay inside), in stream order per key, as CloudEvents
    const forceGenerationMessages = await readTopic(
      testBrokers(),
      topic('force-generation'),
      await eventCount('force-generation', ['UnitSelected', 'UnitDeployed', 'UnitRepatriated']),
    );
    expect(typesOf(forceGenerationMessages, `unit-${unitId}`)).toEqual(['UnitSelected', 'UnitDeployed']);
    expect(typesOf(forceGenerationMessages, `pledge-${pledgeId}`)).toEqual([]);

    const mouMessages = await eventually('all MOU contract events published', async () => {
      const messages = await readTopic(testBrokers(), topic('mou-negotiation'), 7);
      return messages.length >= 7 ? messages : undefined;
    });
    const key = `mou-${mou.mouId}`;
    expect(typesOf(mouMessages, key)).toEqual([
      'MouDrafted',
      'MouUnitDeployed',
      'MouSigned',
      'MouSigned',
      'MouEnteredIntoForce',
      'MouTermsInForce',
      'MouTermsInForce',
    ]);
    const problems = [
      ...forceGenerationMessages.map((m) => ['force-generation', m] as const),
      ...mouMessages.map((m) => ['mou-negotiation', m] as const),
    ].flatMap(([service, m]) =>
      contractProblems(service, m.headersText.ce_type ?? '', JSON.parse(m.value?.toString() ?? 'null')),
    );
    expect(problems).toEqual([]);
    const ours = mouMessages.filter((m) => m.key?.toString() === key);
    // the stream's versions: a gap where an internal event was not published (CONTRACT.md section 6)
    expect(ours.map((m) => m.headersText.coe_streamversion)).toEqual(['1', '4', '6', '7', '8', '9', '14']);
    for (const message of ours) {
      expect(message.headersText).toMatchObject({
        ce_specversion: '1.0',
        ce_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ce_source: '/coe/mou-negotiation',
        ce_subject: key,
        ce_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
        'content-type': 'application/json',
        coe_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
    }
    expect(ours[1]!.headersText.coe_effectiveon).toBe('2019-04-15');
    const versionTwo = JSON.parse(ours[6]!.value!.toString()) as MouTermsInForce;
    expect(versionTwo).toEqual({
      mouId: mou.mouId,
      mouRef: 'DOS/MINUSMA/BGD/01',
      mission: 'MINUSMA',
      contributor: 'BGD',
      unitId,
      annexVersion: 2,
      effectiveOn: '2019-07-01',
      personnelCeiling: 280,
      annexB: [
        {
          lineId: 'B001',
          category: 'engineering',
          item: 'excavator-medium',
          quantity: 6,
          lease: 'wet',
          monthlyRateUsd: '2950.00',
        },
      ],
      annexC: [{ category: 'catering', ratePerPersonUsd: '28.00' }],
      missionFactors: {
        extremeEnvironmentPct: '2.70',
        intensifiedOperationalConditionPct: '1.90',
        hostileActionPct: '3.80',
      },
    } satisfies MouTermsInForce);
    expect(ours[6]!.headersText.coe_effectiveon).toBe('2019-07-01');
    expect(JSON.parse(ours[4]!.value!.toString())).toEqual({ mouId: mou.mouId, inForceOn: '2019-05-20' });

    // force generation learns the unit's MOU from the same topic
    await eventually('the unit shows its MOU in force', async () => {
      const unit = await get(forceGeneration, `/v1/units/${unitId}`);
      return unit.body.mous?.[0]?.status === 'in-force' ? true : undefined;
    });
    expect((await get(forceGeneration, `/v1/units/${unitId}`)).body.mous).toEqual([
      {
        mouId: mou.mouId,
        mouRef: 'DOS/MINUSMA/BGD/01',
        status: 'in-force',
        negotiationOpenedOn: '2019-03-01',
        signedByContributorOn: '2019-05-02',
        signedByUnOn: '2019-05-20',
        inForceOn: '2019-05-20',
      },
    ]);
  });
});
