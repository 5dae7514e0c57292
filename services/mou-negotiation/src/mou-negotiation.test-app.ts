import { AuditModule } from '@coe/audit';
import { MessagingModule, type Transport, serviceSchema } from '@coe/messaging';
import { type PlatformConfig, type Role, buildHttpApp, parseConfig, signToken } from '@coe/platform';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Pool } from 'pg';
import request from 'supertest';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import { MOU_NEGOTIATION_OPENAPI, MouNegotiationModule } from './mou-negotiation.module';

// What the integration specs of this service share: the module on a fresh schema, tokens, event counts.

export type MouTestApp = {
  app: NestExpressApplication;
  pool: Pool;
  config: PlatformConfig;
  schema: string;
  http: () => ReturnType<typeof request>;
  token: (role: Role, contributor?: string) => Promise<string>;
  auth: (role?: Role, contributor?: string) => Promise<{ Authorization: string }>;
  eventCount: () => Promise<number>;
  close: () => Promise<void>;
};

export const startMouTestApp = async (
  transport: Transport = 'none',
  extraModules: (config: PlatformConfig, schemaPrefix: string) => DynamicModule[] = () => [],
  env: Record<string, string> = {},
): Promise<MouTestApp> => {
  const config = parseConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      JWT_SECRET: 'mou-negotiation-test-secret-0123456789',
      ...env,
    },
    { defaultPort: 0 },
  );
  const pool = testPool(4);
  const schemaPrefix = `${randomSchema('mou')}_`;
  const schema = serviceSchema('mou-negotiation', schemaPrefix);
  const app = await buildHttpApp(
    [
      MessagingModule.forRoot(config, transport, 'test'),
      AuditModule,
      MouNegotiationModule.register({ config, schemaPrefix }),
      ...extraModules(config, schemaPrefix),
    ],
    { config, database: { pool }, openApi: MOU_NEGOTIATION_OPENAPI, logger: false },
  );
  const token = (role: Role, contributor?: string) =>
    signToken(config, { roles: [role], sub: `${role}-1`, ...(contributor ? { contributor } : {}) });
  return {
    app,
    pool,
    config,
    schema,
    http: () => request(app.getHttpServer()),
    token,
    auth: async (role = 'mou-clerk', contributor) => ({
      Authorization: `Bearer ${await token(role, contributor)}`,
    }),
    eventCount: async () => {
      const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from ${schema}.events`);
      return rows[0]!.n;
    },
    close: async () => {
      await app.close();
      await dropSchema(pool, schema).catch(() => undefined);
      await pool.end();
    },
  };
};
