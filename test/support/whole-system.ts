import { AuditModule } from '@coe/audit';
import { MessagingModule, serviceSchema } from '@coe/messaging';
import { buildHttpApp, parseConfig, signToken, type PlatformConfig, type TokenClaims } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Pool } from 'pg';
import request from 'supertest';
import { ForceGenerationModule } from '../../services/force-generation/src/force-generation.module';
import { MouNegotiationModule } from '../../services/mou-negotiation/src/mou-negotiation.module';
import { ProjectionsModule } from '../../services/projections/src/projections.module';
import { ReimbursementModule } from '../../services/reimbursement/src/reimbursement.module';
import { dropSchema, randomSchema, testPool } from './database';

export type WholeSystem = {
  app: NestExpressApplication;
  config: PlatformConfig;
  pool: Pool;
  /** The prefix of every service's schema (`serviceSchema(service, schemaPrefix)`). */
  schemaPrefix: string;
  http: () => ReturnType<typeof request>;
  token: (claims: TokenClaims) => Promise<string>;
  /** Events stored by every service so far: a refused request must leave it unchanged. */
  eventCount: () => Promise<number>;
  close: () => Promise<void>;
};

const SERVICES = ['force-generation', 'mou-negotiation', 'reimbursement'] as const;

/**
 * The single-process composition (as `npm start` runs it) on fresh schemas of the integration database;
 * `consoleDir` serves a console build at `/` as `npm start` does; with `transport: 'kafka'`, the same
 * modules deliver their events through the broker (topics under `env`'s KAFKA_TOPIC_PREFIX) instead of
 * in-process.
 */
export const startWholeSystem = async (
  env: Record<string, string> = {},
  options: { consoleDir?: string; transport?: 'in-process' | 'kafka' } = {},
): Promise<WholeSystem> => {
  const config = parseConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      JWT_SECRET: 'whole-system-secret-0123456789abcdef',
      ...env,
    },
    { defaultPort: 0 },
  );
  const pool = testPool(6);
  const schemaPrefix = `${randomSchema('sys')}_`;
  const app = await buildHttpApp(
    [
      MessagingModule.forRoot(config, options.transport ?? 'in-process', 'test'),
      AuditModule,
      ForceGenerationModule.register({ config, schemaPrefix }),
      MouNegotiationModule.register({ config, schemaPrefix }),
      ReimbursementModule.register({ config, schemaPrefix }),
      ProjectionsModule.register({ config, schemaPrefix }),
    ],
    {
      config,
      database: { pool },
      openApi: { title: 'COE Ledger', description: 'test' },
      logger: false,
      consoleDir: options.consoleDir,
    },
  );
  const schemas = [
    ...SERVICES.map((s) => serviceSchema(s, schemaPrefix)),
    serviceSchema('projections', schemaPrefix),
  ];
  return {
    app,
    config,
    pool,
    schemaPrefix,
    http: () => request(app.getHttpServer()),
    token: (claims) => signToken(config, claims),
    eventCount: async () => {
      let total = 0;
      for (const service of SERVICES) {
        const { rows } = await pool.query<{ n: string }>(
          `select count(*) as n from ${serviceSchema(service, schemaPrefix)}.events`,
        );
        total += Number(rows[0]!.n);
      }
      return total;
    },
    close: async () => {
      await app.close();
      for (const schema of schemas) await dropSchema(pool, schema);
      await pool.end();
    },
  };
};
