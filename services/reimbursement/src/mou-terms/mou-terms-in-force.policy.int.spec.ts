import type { MouTermsInForce } from '@coe/contracts';
import { EventSourcingModule, MessagingModule, MessagingRuntime, serviceSchema } from '@coe/messaging';
import { buildHttpApp, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import request from 'supertest';
import { dropSchema, randomSchema, testPool } from '../../../../test/support/database';
import { minusmaTerms } from '../../test/reimbursement.test-app';
import { REIMBURSEMENT_OPENAPI, ReimbursementModule } from '../reimbursement.module';

const STARTUP_MS = 60_000;

const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

// One process, in-process delivery: mou-negotiation's store (as its module provides it) next to reimbursement.
describe('MouTermsInForce from mou-negotiation, delivered in-process', () => {
  let pool: Pool;
  let app: NestExpressApplication;
  let auditor: string;
  const prefix = `${randomSchema('rbp')}_`;

  beforeAll(async () => {
    const config = parseConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: process.env.DATABASE_URL,
        JWT_SECRET: 'reimbursement-policy-secret-0123456789',
      },
      { defaultPort: 0 },
    );
    pool = testPool(4);
    app = await buildHttpApp(
      [
        MessagingModule.forRoot(config, 'in-process', 'test'),
        EventSourcingModule.forService({
          service: 'mou-negotiation',
          schema: serviceSchema('mou-negotiation', prefix),
        }),
        ReimbursementModule.register({ config, schemaPrefix: prefix }),
      ],
      { config, database: { pool }, openApi: REIMBURSEMENT_OPENAPI, logger: false },
    );
    auditor = `Bearer ${await signToken(config, { sub: 'auditor-1', roles: ['auditor'] })}`;
  }, STARTUP_MS);

  afterAll(async () => {
    await app?.close();
    await dropSchema(pool, serviceSchema('mou-negotiation', prefix));
    await dropSchema(pool, serviceSchema('reimbursement', prefix));
    await pool?.end();
  }, STARTUP_MS);

  it('reaches reimbursement’s table of MOU terms, each annex version with its effective date, once', async () => {
    const mouStore = app
      .get(MessagingRuntime)
      .storesInProcess()
      .find((s) => s.service === 'mou-negotiation')!.store;
    const mouId = randomUUID();
    const version1 = minusmaTerms(mouId);
    const version2: MouTermsInForce = {
      ...version1,
      annexVersion: 2,
      effectiveOn: '2019-06-01',
      personnelCeiling: 900,
    };
    await mouStore.append(
      `mou-${mouId}`,
      [
        { type: 'MouTermsInForce', data: version1, effectiveOn: version1.effectiveOn },
        { type: 'MouTermsInForce', data: version2, effectiveOn: version2.effectiveOn },
      ],
      { expectedVersion: 'no-stream', metadata: { actor: { sub: 'clerk-1', roles: ['mou-clerk'] } } },
    );

    const terms = await eventually(async () => {
      const response = await request(app.getHttpServer())
        .get(`/v1/mou-terms/${mouId}`)
        .set('Authorization', auditor);
      return response.status === 200 && response.body.length === 2 ? response.body : undefined;
    });
    expect(terms).toEqual([
      {
        mouId,
        mouRef: version1.mouRef,
        mission: 'MINUSMA',
        contributor: 'BGD',
        annexVersion: 1,
        effectiveOn: '2019-01-15',
        personnelCeiling: 850,
        annexB: version1.annexB,
        annexC: version1.annexC,
        missionFactors: version1.missionFactors,
      },
      expect.objectContaining({ annexVersion: 2, effectiveOn: '2019-06-01', personnelCeiling: 900 }),
    ]);
    const rows = await pool.query(
      `select count(*)::int as n from ${serviceSchema('reimbursement', prefix)}.mou_terms where mou_id = $1`,
      [mouId],
    );
    expect(rows.rows[0].n).toBe(2);
  });
});
