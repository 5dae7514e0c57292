import { MessagingModule } from '@coe/messaging';
import { type DatabaseHandle, buildHttpApp, openDatabase, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mouTermsInForcePolicy } from '../src/mou-terms/mou-terms-in-force.policy';
import { REIMBURSEMENT_OPENAPI, ReimbursementModule } from '../src/reimbursement.module';
import { unitMovementsPolicy } from '../src/service-period/unit-movements.policy';
import { minusmaTerms } from './reimbursement.test-app';

const quiet = { log: () => undefined, warn: () => undefined, error: (m: unknown) => console.error(m) };

export type EmbeddedApp = {
  database: DatabaseHandle;
  app: NestExpressApplication;
  /** `Bearer <token>` of finance officer `officer-a`. */
  officer: string;
  close: () => Promise<void>;
};

/**
 * Reimbursement alone on the embedded database (PGlite, one connection) in a fresh DATA_DIR, with each
 * unit's MINUSMA terms in force from 2019-01-15 and its unit deployed on 2018-01-01, as mou-negotiation's
 * MouTermsInForce and MouUnitDeployed would deliver them through the policies (no transport here).
 */
export const startEmbeddedApp = async (
  units: readonly { mouId: string; mouRef: string }[],
): Promise<EmbeddedApp> => {
  const config = parseConfig(
    { NODE_ENV: 'test', JWT_SECRET: 'reimbursement-embedded-secret-0123456789' },
    { defaultPort: 0 },
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'coe-embedded-'));
  const database = await openDatabase({ databaseUrl: undefined, dataDir }, { logger: quiet });
  const app = await buildHttpApp(
    [MessagingModule.forRoot(config, 'none', 'test'), ReimbursementModule.register({ config })],
    { config, database: { pool: database.pool }, openApi: REIMBURSEMENT_OPENAPI, logger: false },
  );
  const deliver = async (
    handler: ReturnType<typeof unitMovementsPolicy>,
    type: string,
    data: { mouId: string; [field: string]: unknown },
    on: string,
  ) => {
    const client = await database.pool.connect();
    try {
      await handler.handle(
        {
          ...{ id: randomUUID(), type, source: '/coe/mou-negotiation', streamId: `mou-${data.mouId}` },
          ...{ streamVersion: 1n, globalPosition: 1n, transactionId: 1n, effectiveOn: on },
          ...{ recordedAt: new Date(), data, hash: 'test' },
        },
        client,
      );
    } finally {
      client.release();
    }
  };
  const terms = mouTermsInForcePolicy('reimbursement');
  const movements = unitMovementsPolicy('reimbursement');
  for (const unit of units) {
    await deliver(terms, 'MouTermsInForce', minusmaTerms(unit.mouId, { mouRef: unit.mouRef }), '2019-01-15');
    await deliver(
      movements,
      'MouUnitDeployed',
      { mouId: unit.mouId, deployedOn: '2018-01-01' },
      '2018-01-01',
    );
  }
  return {
    database,
    app,
    officer: `Bearer ${await signToken(config, { sub: 'officer-a', roles: ['finance-officer'] })}`,
    close: async () => {
      await app.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};
