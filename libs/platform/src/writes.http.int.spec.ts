import { WrongExpectedVersionError } from '@coe/event-store';
import { Body, Controller, HttpCode, Module, Param, Post, Res } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IsString } from 'class-validator';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import request from 'supertest';
import { type Actor, CurrentActor } from './actor';
import { buildHttpApp } from './bootstrap';
import { type PlatformConfig, parseConfig } from './config';
import { CsvBody, type ImportResult, malformedRejections, parseCsvImport } from './csv-import';
import { type DatabaseHandle, openDatabase } from './database';
import { EventIds } from './idempotency.interceptor';
import { type EventIdSource, idempotentEventIds } from './idempotent-event-ids';
import { IfMatch, setVersion } from './if-match';
import { DomainError } from './problem';
import { Roles } from './roles';
import { signToken } from './token-signer';
import { IsMoneyAmount } from './validators';

class CreateOrder {
  @IsString() ref!: string;
  @IsMoneyAmount() amountUsd!: string;
}

// What the handlers did, so tests can tell a replay (handler not run) from a second execution.
const runs = { orders: 0, slow: 0, failing: 0, rejected: 0, imports: 0 };
let openGate: () => void = () => undefined;
let gate = Promise.resolve();

@Roles('finance-officer')
@Controller('writes-test')
class WritesTestController {
  @Post('orders')
  create(
    @Body() order: CreateOrder,
    @Res({ passthrough: true }) response: Response,
    @EventIds() eventIds: EventIdSource,
    @CurrentActor() actor: Actor,
  ): object {
    runs.orders += 1;
    response.setHeader('Location', `/writes-test/orders/${order.ref}`);
    setVersion(response, 1n);
    return {
      ref: order.ref,
      amountUsd: order.amountUsd,
      run: runs.orders,
      eventId: eventIds(0),
      by: actor.sub,
    };
  }

  @Post('slow')
  async slow(): Promise<object> {
    runs.slow += 1;
    await gate;
    return { run: runs.slow };
  }

  @Post('failing')
  failing(): never {
    runs.failing += 1;
    throw new Error('the database went away');
  }

  @Post('rejected')
  rejected(): never {
    runs.rejected += 1;
    throw new DomainError('CONTRIBUTOR_SCOPE', 'not yours');
  }

  @Post('imports')
  @HttpCode(200)
  import(@CsvBody() csv: string): ImportResult {
    runs.imports += 1;
    const parsed = parseCsvImport(csv, {
      columns: [
        { name: 'ref', required: true },
        { name: 'amount_usd', required: true },
        { name: 'note', required: false },
      ],
    });
    return { imported: parsed.rows.length, unchanged: 0, rejected: malformedRejections(parsed) };
  }

  @Post('orders/:ref/approve')
  approve(
    @Param('ref') ref: string,
    @IfMatch() expected: bigint | undefined,
    @Res({ passthrough: true }) response: Response,
  ): object {
    const current = 3n;
    if (expected !== undefined && expected !== current) {
      throw new WrongExpectedVersionError(`order-${ref}`, expected.toString());
    }
    setVersion(response, current + 1n);
    return { ref, expected: expected?.toString() ?? null };
  }
}

@Module({ controllers: [WritesTestController] })
class WritesTestModule {}

const expectProblem = (response: request.Response, status: number, code: string): void => {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({ status, code, type: expect.any(String), detail: expect.any(String) });
};

const SECRET = 'writes-int-test-secret-of-32-bytes-or-more';
// PGlite's first start runs initdb; the integration project's timeout is not applied per project.
const STARTUP_MS = 60_000;

type Database = { name: string; open: () => Promise<{ pool: Pool; close: () => Promise<void> }> };
const databases: Database[] = [
  {
    name: 'PostgreSQL',
    open: async () => {
      const handle = await openDatabase(
        { databaseUrl: process.env.DATABASE_URL, dataDir: './data' },
        { poolMax: 4 },
      );
      return { pool: handle.pool, close: () => handle.close() };
    },
  },
  {
    // One session: the idempotency table must never hold a transaction across the handler.
    name: 'embedded PGlite',
    open: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'coe-writes-'));
      const handle: DatabaseHandle = await openDatabase(
        { databaseUrl: undefined, dataDir },
        { logger: quiet },
      );
      return {
        pool: handle.pool,
        close: async () => {
          await handle.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
];

const quiet = {
  log: () => undefined,
  warn: () => undefined,
  error: (message: unknown) => console.error(message),
};

describe.each(databases)('writes on $name', ({ open }) => {
  let database: { pool: Pool; close: () => Promise<void> };
  let app: NestExpressApplication;
  let config: PlatformConfig;
  let officer: string;
  let colleague: string;

  beforeAll(async () => {
    database = await open();
    config = parseConfig({ NODE_ENV: 'test', JWT_SECRET: SECRET }, { defaultPort: 0 });
    app = await buildHttpApp(WritesTestModule, {
      config,
      database: { pool: database.pool },
      openApi: { title: 'writes test', description: 'writes' },
      logger: false,
    });
    officer = `Bearer ${await signToken(config, { sub: `fo-${randomUUID()}`, roles: ['finance-officer'] })}`;
    colleague = `Bearer ${await signToken(config, { sub: `fo-${randomUUID()}`, roles: ['finance-officer'] })}`;
  }, STARTUP_MS);

  afterAll(async () => {
    await app?.close();
    await database?.close();
  }, STARTUP_MS);

  const post = (path: string, as = officer) =>
    request(app.getHttpServer()).post(path).set('Authorization', as);

  describe('Idempotency-Key', () => {
    it('replays the first response, status, body, ETag and Location, without running the handler again', async () => {
      const key = randomUUID();
      const first = await post('/writes-test/orders')
        .set('Idempotency-Key', key)
        .send({ ref: 'o-1', amountUsd: '10.00' });
      expect(first.status).toBe(201);
      expect(first.headers).toMatchObject({ etag: '"1"', location: '/writes-test/orders/o-1' });
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const before = runs.orders;

      // Same body with its keys in another order: the same request.
      const again = await post('/writes-test/orders')
        .set('Idempotency-Key', key)
        .send({ amountUsd: '10.00', ref: 'o-1' });
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.text).toBe(first.text);
      expect(again.headers).toMatchObject({
        etag: '"1"',
        location: '/writes-test/orders/o-1',
        'idempotent-replayed': 'true',
      });
      expect(runs.orders).toBe(before);
    });

    it('answers 422 IDEMPOTENCY_KEY_REUSED to the same key with another body, running nothing', async () => {
      const key = randomUUID();
      await post('/writes-test/orders')
        .set('Idempotency-Key', key)
        .send({ ref: 'o-2', amountUsd: '10.00' })
        .expect(201);
      const before = runs.orders;
      const reused = await post('/writes-test/orders')
        .set('Idempotency-Key', key)
        .send({ ref: 'o-2', amountUsd: '11.00' });
      expectProblem(reused, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(runs.orders).toBe(before);
    });

    it("keeps each user's keys apart", async () => {
      const key = randomUUID();
      const mine = await post('/writes-test/orders')
        .set('Idempotency-Key', key)
        .send({ ref: 'o-3', amountUsd: '1.00' });
      const theirs = await post('/writes-test/orders', colleague)
        .set('Idempotency-Key', key)
        .send({ ref: 'o-3', amountUsd: '2.00' });
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.body.run).toBe(mine.body.run + 1);
    });

    it('derives event ids from the key, the user and the route', async () => {
      const key = randomUUID();
      const response = await post('/writes-test/orders')
        .set('Idempotency-Key', key)
        .send({ ref: 'o-4', amountUsd: '1.00' });
      expect(response.body.eventId).toBe(
        idempotentEventIds(key, response.body.by, 'POST /writes-test/orders')(0),
      );
      const withoutKey = await post('/writes-test/orders').send({ ref: 'o-4', amountUsd: '1.00' });
      expect(withoutKey.body.eventId).not.toBe(response.body.eventId);
    });

    it('runs a request without a key every time', async () => {
      const before = runs.orders;
      await post('/writes-test/orders').send({ ref: 'o-5', amountUsd: '1.00' }).expect(201);
      await post('/writes-test/orders').send({ ref: 'o-5', amountUsd: '1.00' }).expect(201);
      expect(runs.orders).toBe(before + 2);
    });

    it('lets only one of two concurrent requests with one key run; the other gets 409', async () => {
      const key = randomUUID();
      gate = new Promise((resolve) => (openGate = resolve));
      const before = runs.slow;
      const first = post('/writes-test/slow')
        .set('Idempotency-Key', key)
        .send({})
        .then((r) => r);
      while (runs.slow === before) await new Promise((resolve) => setTimeout(resolve, 5));
      const second = await post('/writes-test/slow').set('Idempotency-Key', key).send({});
      expectProblem(second, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(second.headers['retry-after']).toBe('1');
      openGate();
      expect((await first).status).toBe(201);
      const third = await post('/writes-test/slow').set('Idempotency-Key', key).send({});
      expect(third.body).toEqual((await first).body);
      expect(runs.slow).toBe(before + 1);
    });

    it('releases the key when the handler fails with a 5xx, so a retry runs again', async () => {
      const key = randomUUID();
      const before = runs.failing;
      expectProblem(
        await post('/writes-test/failing').set('Idempotency-Key', key).send({}),
        500,
        'INTERNAL_ERROR',
      );
      expectProblem(
        await post('/writes-test/failing').set('Idempotency-Key', key).send({}),
        500,
        'INTERNAL_ERROR',
      );
      expect(runs.failing).toBe(before + 2);
    });

    it('releases the key when the request is refused, as a refused request recorded nothing', async () => {
      const key = randomUUID();
      const before = runs.rejected;
      expectProblem(
        await post('/writes-test/rejected').set('Idempotency-Key', key).send({}),
        403,
        'CONTRIBUTOR_SCOPE',
      );
      expectProblem(
        await post('/writes-test/rejected').set('Idempotency-Key', key).send({}),
        403,
        'CONTRIBUTOR_SCOPE',
      );
      expect(runs.rejected).toBe(before + 2);
      const invalid = await post('/writes-test/orders')
        .set('Idempotency-Key', key)
        .send({ ref: 'o-6', amountUsd: 10 });
      expectProblem(invalid, 400, 'VALIDATION_FAILED');
      await post('/writes-test/orders')
        .set('Idempotency-Key', key)
        .send({ ref: 'o-6', amountUsd: '10.00' })
        .expect(201);
    });

    it.each(['', 'x'.repeat(256), 'with space', 'ünïcode'])(
      'answers 400 INVALID_IDEMPOTENCY_KEY to %p',
      async (key) => {
        const response = await post('/writes-test/orders')
          .set('Idempotency-Key', Buffer.from(key, 'utf8').toString('latin1'))
          .send({ ref: 'o-7', amountUsd: '1.00' });
        expectProblem(response, 400, 'INVALID_IDEMPOTENCY_KEY');
        expect(response.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
      },
    );

    it('compares CSV bodies as text', async () => {
      const key = randomUUID();
      const csv = 'ref,amount_usd\nr-1,10.00\nr-2\n';
      const first = await post('/writes-test/imports').set('Idempotency-Key', key).type('text/csv').send(csv);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        imported: 1,
        unchanged: 0,
        rejected: [{ line: 3, ref: 'r-2', code: 'MALFORMED_ROW', reason: expect.any(String) }],
      });
      const before = runs.imports;
      const again = await post('/writes-test/imports').set('Idempotency-Key', key).type('text/csv').send(csv);
      expect([again.status, again.body, runs.imports]).toEqual([200, first.body, before]);
      const other = await post('/writes-test/imports')
        .set('Idempotency-Key', key)
        .type('text/csv')
        .send(`${csv}r-3,1.00\n`);
      expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');
    });

    it('records the response once in platform.idempotency_keys', async () => {
      const key = randomUUID();
      await post('/writes-test/orders')
        .set('Idempotency-Key', key)
        .send({ ref: 'o-8', amountUsd: '1.00' })
        .expect(201);
      const { rows } = await database.pool.query(
        'select state, status_code, response_headers from platform.idempotency_keys where idempotency_key = $1',
        [key],
      );
      expect(rows).toEqual([
        {
          state: 'completed',
          status_code: 201,
          response_headers: { etag: '"1"', location: '/writes-test/orders/o-8' },
        },
      ]);
    });
  });

  describe('ETag and If-Match', () => {
    it('sets the ETag of the new version', async () => {
      const response = await post('/writes-test/orders/o-9/approve').set('If-Match', '"3"').send({});
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('"4"');
      expect(response.body).toEqual({ ref: 'o-9', expected: '3' });
    });

    it('passes no expected version without If-Match', async () =>
      expect((await post('/writes-test/orders/o-9/approve').send({})).body).toEqual({
        ref: 'o-9',
        expected: null,
      }));

    it('answers 412 STALE_VERSION when the stream moved on', async () =>
      expectProblem(
        await post('/writes-test/orders/o-9/approve').set('If-Match', '"2"').send({}),
        412,
        'STALE_VERSION',
      ));

    it.each(['W/"3"', '3', '*', '"3", "4"'])('answers 400 INVALID_IF_MATCH to %s', async (header) =>
      expectProblem(
        await post('/writes-test/orders/o-9/approve').set('If-Match', header).send({}),
        400,
        'INVALID_IF_MATCH',
      ),
    );
  });

  describe('CSV bodies', () => {
    it('answers 400 NOT_CSV to a body that is not text/csv', async () =>
      expectProblem(await post('/writes-test/imports').send({ ref: 'r-1' }), 400, 'NOT_CSV'));

    it('answers 400 CSV_MALFORMED to an empty body', async () =>
      expectProblem(await post('/writes-test/imports').type('text/csv').send(''), 400, 'CSV_MALFORMED'));

    it('answers 400 with the column to an unknown or missing column', async () => {
      const unknown = await post('/writes-test/imports')
        .type('text/csv')
        .send('ref,amount_usd,colour\nr-1,1.00,red\n');
      expectProblem(unknown, 400, 'CSV_UNKNOWN_COLUMN');
      expect(unknown.body.errors).toEqual([{ field: 'colour', message: expect.any(String) }]);
      expectProblem(
        await post('/writes-test/imports').type('text/csv').send('ref\nr-1\n'),
        400,
        'CSV_MISSING_COLUMN',
      );
    });

    it('answers 400 CSV_MALFORMED to a body that is not CSV', async () =>
      expectProblem(
        await post('/writes-test/imports').type('text/csv').send('ref,amount_usd\n"r-1,1.00\n'),
        400,
        'CSV_MALFORMED',
      ));

    it('documents the route as taking text/csv', async () => {
      const { paths } = (await request(app.getHttpServer()).get('/openapi.json')).body;
      expect(Object.keys(paths['/writes-test/imports'].post.requestBody.content)).toEqual(['text/csv']);
    });
  });
});
