import type { MouTermsInForce } from '@coe/contracts';
import { AuditModule } from '@coe/audit';
import { MessagingModule } from '@coe/messaging';
import { type PlatformConfig, type TokenClaims, buildHttpApp, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import request from 'supertest';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import { mouTermsInForcePolicy } from '../src/mou-terms/mou-terms-in-force.policy';
import { knownMousPolicy } from '../src/service-period/known-mous.policy';
import { unitMovementsPolicy } from '../src/service-period/unit-movements.policy';
import { REIMBURSEMENT_OPENAPI, ReimbursementModule } from '../src/reimbursement.module';

export type StoredEventRow = {
  type: string;
  data: Record<string, unknown>;
  effectiveOn: string | null;
  actor: string;
};

/** Reimbursement (and the audit API, as its service runs it) on a fresh schema of the integration database, with tokens for each role. */
export type TestApp = {
  http: () => ReturnType<typeof request>;
  /** `Bearer <token>` for these claims. */
  bearer: (claims: TokenClaims) => Promise<string>;
  /** Every event of the service's store: a rejected request must leave this unchanged. */
  eventCount: () => Promise<number>;
  events: (options?: { streamId?: string; type?: string }) => Promise<StoredEventRow[]>;
  /** What mou-negotiation's MouTermsInForce does through the policy (no transport in these tests). */
  termsInForce: (terms: MouTermsInForce) => Promise<void>;
  /** What mou-negotiation's MouUnitDeployed / MouUnitRepatriated do through the movements policy. */
  unitMoved: (mouId: string, movement: { deployedOn: string } | { repatriatedOn: string }) => Promise<void>;
  /** What mou-negotiation's MouDrafted does through the known-MOUs policy. */
  mouDrafted: (mou: { mouId: string; mouRef: string; mission: string; contributor: string }) => Promise<void>;
  pool: Pool;
  schema: string;
  close: () => Promise<void>;
};

export const startTestApp = async (): Promise<TestApp> => {
  const config: PlatformConfig = parseConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      JWT_SECRET: 'reimbursement-test-secret-0123456789',
    },
    { defaultPort: 0 },
  );
  const pool: Pool = testPool(4);
  const schemaPrefix = `${randomSchema('rb')}_`;
  const schema = `${schemaPrefix}reimbursement`;
  const app: NestExpressApplication = await buildHttpApp(
    [
      MessagingModule.forRoot(config, 'none', 'test'),
      AuditModule,
      ReimbursementModule.register({ config, schemaPrefix }),
    ],
    { config, database: { pool }, openApi: REIMBURSEMENT_OPENAPI, logger: false },
  );
  const policy = mouTermsInForcePolicy(schema);
  const movements = unitMovementsPolicy(schema);
  const drafts = knownMousPolicy(schema);
  const deliver = async (
    handler: typeof policy,
    type: string,
    streamId: string,
    data: object,
    on: string,
  ) => {
    const client = await pool.connect();
    try {
      await handler.handle(
        {
          id: randomUUID(),
          type,
          source: '/coe/mou-negotiation',
          streamId,
          streamVersion: 1n,
          globalPosition: 1n,
          transactionId: 1n,
          effectiveOn: on,
          recordedAt: new Date(),
          data,
          hash: 'test',
        },
        client,
      );
    } finally {
      client.release();
    }
  };
  return {
    http: () => request(app.getHttpServer()),
    bearer: async (claims) => `Bearer ${await signToken(config, claims)}`,
    eventCount: async () =>
      Number((await pool.query(`select count(*) as n from ${schema}.events`)).rows[0].n),
    events: async ({ streamId, type } = {}) =>
      (
        await pool.query<StoredEventRow>(
          `select event_type as type, data, to_char(effective_on, 'YYYY-MM-DD') as "effectiveOn",
                  metadata->'actor'->>'sub' as actor
             from ${schema}.events where ($1::text is null or stream_id = $1) and ($2::text is null or event_type = $2)
            order by global_position`,
          [streamId ?? null, type ?? null],
        )
      ).rows,
    termsInForce: (terms) =>
      deliver(policy, 'MouTermsInForce', `mou-${terms.mouId}`, terms, terms.effectiveOn),
    unitMoved: (mouId, movement) =>
      'deployedOn' in movement
        ? deliver(movements, 'MouUnitDeployed', `mou-${mouId}`, { mouId, ...movement }, movement.deployedOn)
        : deliver(
            movements,
            'MouUnitRepatriated',
            `mou-${mouId}`,
            { mouId, ...movement },
            movement.repatriatedOn,
          ),
    mouDrafted: (mou) => deliver(drafts, 'MouDrafted', `mou-${mou.mouId}`, mou, '2018-01-01'),
    pool,
    schema,
    close: async () => {
      await app.close();
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
};

/** An MOU of a MINUSMA unit: two annex B lines, two annex C categories, 1 % per mission factor. */
/** A verification report on the MINUSMA terms below: `present` APCs (line B001) present and serviceable. */
export const verificationReportBody = (present: number, reportedOn = '2019-05-03') => ({
  reportedOn,
  strength: 800,
  equipment: [
    { lineId: 'B001', presentAndServiceable: present },
    { lineId: 'B002', presentAndServiceable: 20 },
  ],
  selfSustainment: [
    { category: 'catering', providedToStandard: true },
    { category: 'communications', providedToStandard: true },
  ],
});

export const minusmaTerms = (mouId: string, changes: Partial<MouTermsInForce> = {}): MouTermsInForce => ({
  mouId,
  mouRef: `DOS/MINUSMA/BGD/${mouId.slice(0, 4)}`,
  mission: 'MINUSMA',
  contributor: 'BGD',
  unitId: null,
  annexVersion: 1,
  effectiveOn: '2019-01-15',
  personnelCeiling: 850,
  annexB: [
    {
      lineId: 'B001',
      category: 'armoured-personnel-carrier',
      item: 'apc-wheeled',
      quantity: 10,
      lease: 'wet',
      monthlyRateUsd: '9000.00',
    },
    {
      lineId: 'B002',
      category: 'support-vehicle-military',
      item: 'truck-utility',
      quantity: 20,
      lease: 'wet',
      monthlyRateUsd: '1234.56',
    },
  ],
  annexC: [
    { category: 'catering', ratePerPersonUsd: '28.43' },
    { category: 'communications', ratePerPersonUsd: '33.00' },
  ],
  missionFactors: {
    extremeEnvironmentPct: '1.00',
    intensifiedOperationalConditionPct: '1.00',
    hostileActionPct: '1.00',
  },
  ...changes,
});
