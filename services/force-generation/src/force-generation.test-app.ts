import { MessagingModule } from '@coe/messaging';
import { type PlatformConfig, type TokenClaims, buildHttpApp, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Pool } from 'pg';
import request from 'supertest';
import { dropSchema, randomSchema, testPool } from '../../../test/support/database';
import { FORCE_GENERATION_OPENAPI, ForceGenerationModule } from './force-generation.module';
import { forceGenerationSchema } from './force-generation.options';

export type StoredEventRow = { type: string; data: unknown; effectiveOn: string | null };

/** The service alone on a fresh schema of the integration database, with tokens for each role. */
export type TestApp = {
  http: () => ReturnType<typeof request>;
  token: (claims: TokenClaims) => Promise<string>;
  /** Every event of the service's store: a rejected request must leave this unchanged. */
  eventCount: () => Promise<number>;
  events: (streamId: string) => Promise<StoredEventRow[]>;
  close: () => Promise<void>;
};

export const startTestApp = async (): Promise<TestApp> => {
  const config: PlatformConfig = parseConfig(
    {
      NODE_ENV: 'test',
      DATABASE_URL: process.env.DATABASE_URL,
      JWT_SECRET: 'force-generation-test-secret-0123456789',
    },
    { defaultPort: 0 },
  );
  const pool: Pool = testPool(4);
  const schemaPrefix = `${randomSchema('fg')}_`;
  const schema = forceGenerationSchema({ config, schemaPrefix });
  const app: NestExpressApplication = await buildHttpApp(
    [
      MessagingModule.forRoot(config, 'none', 'test'),
      ForceGenerationModule.register({ config, schemaPrefix }),
    ],
    { config, database: { pool }, openApi: FORCE_GENERATION_OPENAPI, logger: false },
  );
  return {
    http: () => request(app.getHttpServer()),
    token: (claims) => signToken(config, claims),
    eventCount: async () =>
      Number((await pool.query(`select count(*) as n from ${schema}.events`)).rows[0].n),
    events: async (streamId) =>
      (
        await pool.query<StoredEventRow>(
          `select event_type as type, data, to_char(effective_on, 'YYYY-MM-DD') as "effectiveOn"
           from ${schema}.events where stream_id = $1 order by stream_version`,
          [streamId],
        )
      ).rows,
    close: async () => {
      await app.close();
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
};
