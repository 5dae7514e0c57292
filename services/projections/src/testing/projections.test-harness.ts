import type { NewEvent } from '@coe/event-store';
import { serviceSchema } from '@coe/messaging';
import { type ProjectionDefinition, type VersionTables, versionTables } from '@coe/projection-engine';
import type { Pool } from 'pg';
import request from 'supertest';
import { dropSchema, randomSchema, testPool } from '../../../../test/support/database';
import {
  type ProjectionsTestApp,
  startProjectionsTestApp,
  type TestAppOptions,
} from './projections.test-app';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * For one test file: a pool, apps started on fresh schema prefixes (closed and dropped after all tests),
 * and HTTP calls as a given role. Call at the top of a `describe`.
 */
export const projectionsTestHarness = (tag: string) => {
  let pool: Pool;
  const prefixes: string[] = [];
  const apps: ProjectionsTestApp[] = [];

  beforeAll(() => {
    pool = testPool(6);
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close().catch(() => undefined)));
    for (const prefix of prefixes)
      for (const s of ['projections', 'mou_negotiation', 'reimbursement'])
        await dropSchema(pool, `${prefix}${s}`);
    await pool?.end();
  });

  return {
    pool: () => pool,
    freshPrefix: (): string => {
      const prefix = `${randomSchema(tag)}_`;
      prefixes.push(prefix);
      return prefix;
    },
    start: async (prefix: string, options: TestAppOptions = {}): Promise<ProjectionsTestApp> => {
      const t = await startProjectionsTestApp(pool, prefix, options);
      apps.push(t);
      return t;
    },
    /** Stops an app (as a process stopping would), keeping its schemas for a restart. */
    stop: async (t: ProjectionsTestApp): Promise<void> => {
      await t.close();
      apps.splice(apps.indexOf(t), 1);
    },
    /**
     * Runs `check` on a fresh app (stopped afterwards) once it has projected `appends` to the reimbursement
     * service's streams (recorded at `at`, or now), with the tables of version 1 of `definition` and the schema of the read models.
     */
    withHistory: async <T extends string>(
      appends: readonly { stream: string; events: NewEvent[]; at?: Date }[],
      definition: ProjectionDefinition<T>,
      check: (tables: VersionTables<T>, schema: string) => Promise<void>,
    ): Promise<void> => {
      const prefix = `${randomSchema(tag)}_`;
      prefixes.push(prefix);
      const t = await startProjectionsTestApp(pool, prefix, {});
      apps.push(t);
      try {
        for (const a of appends) await t.append('reimbursement', a.stream, a.events, a.at);
        await t.caughtUp();
        const schema = serviceSchema('projections', prefix);
        await check(versionTables(schema, definition, 1), schema);
      } finally {
        await t.close();
        apps.splice(apps.indexOf(t), 1);
      }
    },
    /** Calls as a user with these roles (`sub`: the first role). */
    as: async (t: ProjectionsTestApp, roles: string[]) => {
      const token = await t.token({ roles });
      const server = () => request(t.app.getHttpServer());
      return {
        get: (path: string) => server().get(path).set('Authorization', `Bearer ${token}`),
        post: (path: string, body?: object) => {
          const req = server().post(path).set('Authorization', `Bearer ${token}`);
          return body === undefined ? req : req.send(body);
        },
      };
    },
  };
};
