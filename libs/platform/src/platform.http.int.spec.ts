import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Module,
  type OnModuleInit,
  Post,
  UseFilters,
} from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Pool } from 'pg';
import request from 'supertest';
import { type Actor, CurrentActor } from './actor';
import { buildHttpApp } from './bootstrap';
import { parseConfig } from './config';
import { HealthRegistry } from './health';
import { DomainError } from './problem';
import { ErrorStatusRegistry, problemFilterFor } from './problem.filter';
import { signToken } from './token-signer';

class LineRequest {
  @IsInt() @Min(1) quantity!: number;
}
class OrderRequest {
  @IsString() ref!: string;
  @ValidateNested({ each: true }) @ArrayMinSize(1) @Type(() => LineRequest) lines!: LineRequest[];
}

type OrderErrorCode = 'ORDER_CLOSED';
const OrderProblemFilter = problemFilterFor({ ORDER_CLOSED: HttpStatus.CONFLICT } satisfies Record<
  OrderErrorCode,
  HttpStatus
>);

class StaleVersionError extends Error {
  readonly code = 'STALE_VERSION';
}

@UseFilters(OrderProblemFilter)
@Controller('test')
class TestHttpController {
  @Post('orders')
  create(@Body() order: OrderRequest): { ref: string; quantities: number[]; isInstance: boolean } {
    return {
      ref: order.ref,
      quantities: order.lines.map((l) => l.quantity),
      isInstance: order instanceof OrderRequest,
    };
  }

  @Post('closed')
  closed(): never {
    throw new DomainError('ORDER_CLOSED', 'The order is closed', { ref: 'o-1' });
  }

  @Post('stale')
  stale(): never {
    throw new StaleVersionError('someone else wrote first');
  }

  @Get('boom')
  boom(): never {
    throw new Error('password=hunter2 at db-7.internal');
  }

  @Post('csv')
  csv(@Body() body: unknown): { type: string; length: number } {
    return { type: typeof body, length: typeof body === 'string' ? body.length : -1 };
  }

  @Get('actor')
  actor(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}

@Module({ controllers: [TestHttpController] })
class TestModule implements OnModuleInit {
  constructor(private readonly errors: ErrorStatusRegistry) {}
  onModuleInit(): void {
    this.errors.register({ STALE_VERSION: HttpStatus.PRECONDITION_FAILED });
  }
}

const expectProblem = (response: request.Response, status: number, code: string): void => {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    code,
    detail: expect.any(String),
  });
};

describe('platform HTTP edges', () => {
  let pool: Pool;
  let app: NestExpressApplication;
  let failing = false;
  let admin: string;

  beforeAll(async () => {
    const config = parseConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: process.env.DATABASE_URL,
        JWT_SECRET: 'platform-edges-test-secret-0123456789',
      },
      { defaultPort: 0 },
    );
    admin = `Bearer ${await signToken(config, { sub: 'ada', roles: ['admin'] })}`;
    pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
    app = await buildHttpApp(TestModule, {
      config,
      database: { pool },
      openApi: { title: 'test', description: 'platform edges' },
      logger: false,
    });
    app
      .get(HealthRegistry)
      .register('switchable', async () => (failing ? { ok: false, detail: 'switched off' } : { ok: true }));
  });

  afterAll(async () => {
    await app?.close();
    await pool?.end();
  });

  // Every route but /health, /metrics and the docs needs a token; this suite is about the other edges.
  const http = () => {
    const agent = request(app.getHttpServer());
    const as = <T extends { set(name: string, value: string): T }>(test: T): T =>
      test.set('Authorization', admin);
    return {
      get: (url: string) => as(agent.get(url)),
      post: (url: string) => as(agent.post(url)),
      delete: (url: string) => as(agent.delete(url)),
    };
  };

  it('turns a valid body into the DTO', async () => {
    const response = await http()
      .post('/test/orders')
      .send({ ref: 'o-1', lines: [{ quantity: 2 }] });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ ref: 'o-1', quantities: [2], isInstance: true });
  });

  it('lists every invalid field with its path', async () => {
    const response = await http()
      .post('/test/orders')
      .send({ ref: 1, lines: [{ quantity: 1 }, { quantity: 0, extra: true }], admin: true });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'ref', message: expect.any(String) },
        { field: 'lines[1].quantity', message: expect.any(String) },
        { field: 'lines[1].extra', message: expect.any(String) },
        { field: 'admin', message: expect.any(String) },
      ]),
    );
    expect(response.body.errors).toHaveLength(4);
  });

  it('says once that a missing field is required, not every rule it fails', async () => {
    const response = await http()
      .post('/test/orders')
      .send({ lines: [{}, { quantity: null }] });
    expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(response.body.errors).toEqual([
      { field: 'ref', message: 'is required' },
      { field: 'lines[0].quantity', message: 'is required' },
      { field: 'lines[1].quantity', message: 'is required' },
    ]);
    const noLines = await http().post('/test/orders').send({ ref: 'o-1' });
    expect(noLines.body.errors).toEqual([{ field: 'lines', message: 'is required' }]);
  });

  it('tells a form-encoded body, or one without a Content-Type, that its media type is wrong (415)', async () => {
    const form = await http().post('/test/orders').type('form').send('ref=o-1');
    expectProblem(form, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(form.body.detail).toContain('application/x-www-form-urlencoded');
    const untyped = await http()
      .post('/test/orders')
      .set('Content-Type', '')
      .send(Buffer.from('{"ref":"o-1"}'));
    expectProblem(untyped, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const json = await http()
      .post('/test/orders')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send('{"ref":"o-1","lines":[{"quantity":1}]}');
    expect(json.status).toBe(201);
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await http()
      .post('/test/orders')
      .set('Content-Type', 'application/json')
      .send('{"ref": ');
    expectProblem(response, 400, 'MALFORMED_JSON');
  });

  it('refuses a JSON body over 1 MB with 413', async () => {
    const response = await http()
      .post('/test/orders')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ref: 'x'.repeat(1_100_000), lines: [] }));
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('reads a text/csv body of several MB as a string', async () => {
    const csv = `mou_ref,mission\n${'DOS/MINUSMA/BGD/03,MINUSMA\n'.repeat(200_000)}`;
    const response = await http().post('/test/csv').set('Content-Type', 'text/csv').send(csv);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ type: 'string', length: csv.length });
  });

  it('refuses a CSV body over 20 MB with 413', async () => {
    const response = await http()
      .post('/test/csv')
      .set('Content-Type', 'text/csv')
      .send('a'.repeat(21 * 1024 * 1024));
    expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it("maps a domain error through the module's own map, with its details", async () => {
    const response = await http().post('/test/closed');
    expectProblem(response, 409, 'ORDER_CLOSED');
    expect(response.body).toMatchObject({ detail: 'The order is closed', ref: 'o-1' });
  });

  it('maps a coded lib error registered in the ErrorStatusRegistry', async () => {
    expectProblem(await http().post('/test/stale'), 412, 'STALE_VERSION');
  });

  it('answers an unexpected error with 500 INTERNAL_ERROR and no internals', async () => {
    const response = await http().get('/test/boom');
    expectProblem(response, 500, 'INTERNAL_ERROR');
    expect(response.text).not.toMatch(/hunter2|db-7|Error:|at /);
  });

  it('answers an unknown route with 404 NOT_FOUND', async () => {
    expectProblem(await http().delete('/no/such/route'), 404, 'NOT_FOUND');
  });

  it("gives controllers the token's actor", async () => {
    expect((await http().get('/test/actor')).body).toEqual({ sub: 'ada', roles: ['admin'] });
  });

  it('reports health, and 503 with the failing check', async () => {
    const healthy = await http().get('/health');
    expect(healthy.status).toBe(200);
    expect(healthy.body).toEqual({
      status: 'ok',
      checks: { database: { ok: true }, switchable: { ok: true } },
    });

    failing = true;
    try {
      const unhealthy = await http().get('/health');
      expectProblem(unhealthy, 503, 'UNHEALTHY');
      expect(unhealthy.body.checks).toEqual({
        database: { ok: true },
        switchable: { ok: false, detail: 'switched off' },
      });
    } finally {
      failing = false;
    }
  });

  it('stays live while not ready: /health/live answers 200 whatever the readiness checks say', async () => {
    failing = true;
    try {
      expectProblem(await http().get('/health'), 503, 'UNHEALTHY');
      const live = await http().get('/health/live');
      expect({ status: live.status, body: live.body }).toEqual({ status: 200, body: { status: 'ok' } });
    } finally {
      failing = false;
    }
  });

  it('times requests by route pattern in /metrics', async () => {
    await http().get('/test/actor');
    const response = await http().get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.text).toContain('process_cpu_seconds_total');
    expect(response.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/test\/actor",status_code="200"\} \d+/,
    );
    expect(response.text).toMatch(
      /http_request_duration_seconds_count\{method="DELETE",route="unmatched",status_code="404"\}/,
    );
  });

  it('declares the bearer scheme, and no security on /health and /metrics', async () => {
    const document = (await http().get('/openapi.json')).body;
    expect(document.components.securitySchemes.bearer).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/health'].get.security).toEqual([]);
    expect(document.paths['/metrics'].get.security).toEqual([]);
    expect(document.paths['/test/orders'].post.security).toBeUndefined();
  });
});
