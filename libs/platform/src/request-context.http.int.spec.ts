import { Controller, Get, Logger, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Pool } from 'pg';
import request from 'supertest';
import { Public } from './actor';
import { buildHttpApp, createLogger } from './bootstrap';
import { parseConfig } from './config';

// Issue 17: every log line written while serving a request carries the request's correlation id, however
// deep (and however many awaits down) the code that logs it.

@Controller('test')
class WorkController {
  private readonly logger = new Logger('Work');

  @Get('work')
  @Public()
  async work(): Promise<{ done: true }> {
    this.logger.log('started');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await deeper();
    return { done: true };
  }
}

const deeper = async (): Promise<void> => {
  await Promise.resolve();
  new Logger('Deeper').warn('finished');
};

@Module({ controllers: [WorkController] })
class WorkModule {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(['development', 'production'] as const)('log lines of a request (%s format)', (nodeEnv) => {
  let pool: Pool;
  let app: NestExpressApplication;
  let lines: string[];
  let write: jest.SpyInstance;

  beforeAll(async () => {
    // the app's own start-up lines too: the test reads what the logger writes, and nothing else
    const capture = (chunk: unknown) => (lines.push(String(chunk)), true);
    write = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    lines = [];
    const config = parseConfig(
      {
        NODE_ENV: nodeEnv,
        DATABASE_URL: process.env.DATABASE_URL,
        JWT_SECRET: 'request-context-test-secret-0123456789',
        LOG_LEVEL: 'log',
      },
      { defaultPort: 0 },
    );
    pool = new Pool({ connectionString: config.databaseUrl, max: 2 });
    app = await buildHttpApp(WorkModule, {
      config,
      database: { pool },
      openApi: { title: 'test', description: 'request context' },
      logger: createLogger(config),
    });
  });
  beforeEach(() => {
    lines = [];
  });
  afterAll(async () => {
    await app?.close();
    await pool?.end();
    jest.restoreAllMocks();
  });

  const linesOf = (text: string) => lines.filter((line) => line.includes(text));
  const carries = (line: string, id: string) =>
    nodeEnv === 'production' ? JSON.parse(line).correlationId === id : line.includes(`[${id}]`);

  it('carries the X-Correlation-Id the caller sent, and answers it', async () => {
    const response = await request(app.getHttpServer())
      .get('/test/work')
      .set('X-Correlation-Id', 'corr-log-1');
    expect(response.status).toBe(200);
    expect(response.headers['x-correlation-id']).toBe('corr-log-1');
    const mine = [...linesOf('started'), ...linesOf('finished')];
    expect(mine).toHaveLength(2);
    expect(mine.filter((line) => carries(line, 'corr-log-1'))).toEqual(mine);
    expect(write).toHaveBeenCalled();
  });

  it('gives a request without one an id of its own, the same on every line', async () => {
    const response = await request(app.getHttpServer()).get('/test/work');
    const id = response.headers['x-correlation-id'] as string;
    expect(id).toMatch(UUID);
    const mine = [...linesOf('started'), ...linesOf('finished')];
    expect(mine).toHaveLength(2);
    expect(mine.filter((line) => carries(line, id))).toEqual(mine);
  });

  it('keeps concurrent requests apart', async () => {
    const ids = ['corr-a', 'corr-b', 'corr-c', 'corr-d'];
    await Promise.all(
      ids.map((id) => request(app.getHttpServer()).get('/test/work').set('X-Correlation-Id', id).expect(200)),
    );
    const mine = [...linesOf('started'), ...linesOf('finished')];
    expect(mine).toHaveLength(8);
    for (const id of ids) expect(mine.filter((line) => carries(line, id))).toHaveLength(2);
  });
});
