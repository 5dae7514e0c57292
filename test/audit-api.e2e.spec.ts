import { generateKeyPairSync } from 'node:crypto';
import { MessagingModule } from '@coe/messaging';
import { buildHttpApp, parseConfig, signToken, type PlatformConfig } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import ExcelJS from 'exceljs';
import request from 'supertest';
import {
  ForceGenerationModule,
  FORCE_GENERATION_OPENAPI,
} from '../services/force-generation/src/force-generation.module';
import { dropSchema, randomSchema, testPool } from './support/database';
import { AuditModule } from '@coe/audit';
import { type Checkpoint, verifyCheckpoint } from '../libs/audit/src/checkpoint';

// The audit API over a real service (force generation) on a fresh schema, driven through its routes.
describe('audit API', () => {
  const pool = testPool(4);
  const schemaPrefix = `${randomSchema('audit')}_`;
  let app: NestExpressApplication;
  let config: PlatformConfig;
  let auditor: string;
  let clerk: string;
  let pledgeId: string;
  const instants: Record<string, string> = {};
  // the checkpoint key comes from configuration (the environment), never from the database
  const keys = generateKeyPairSync('ed25519');
  process.env.AUDIT_SIGNING_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  process.env.AUDIT_CHECKPOINT_EVERY_MS = '0';

  const http = () => request(app.getHttpServer());
  // Distinct recording instants (recorded times are the app clock's milliseconds): waits until the clock
  // has moved past this millisecond, so what was recorded is before the next instant and what comes after.
  const nextMillisecond = async () => {
    const now = Date.now();
    while (Date.now() <= now) await new Promise((r) => setImmediate(r));
  };

  beforeAll(async () => {
    config = parseConfig(
      {
        NODE_ENV: 'test',
        DATABASE_URL: process.env.DATABASE_URL,
        JWT_SECRET: 'audit-test-secret-0123456789abcdef',
      },
      { defaultPort: 0 },
    );
    app = await buildHttpApp(
      [
        MessagingModule.forRoot(config, 'none', 'test'),
        AuditModule,
        ForceGenerationModule.register({ config, schemaPrefix }),
      ],
      { config, database: { pool }, openApi: FORCE_GENERATION_OPENAPI, logger: false },
    );
    auditor = await signToken(config, { roles: ['auditor'], sub: 'boa-auditor' });
    clerk = await signToken(config, { roles: ['mou-clerk'], sub: 'clerk-7' });
    const as = (token: string) => ({ Authorization: `Bearer ${token}` });

    const pledge = await http().post('/v1/pledges').set(as(clerk)).send({
      contributor: 'BGD',
      unitName: 'BANBAT 3',
      unitType: 'INF',
      personnel: 850,
      noteVerbaleOn: '2019-01-10',
    });
    expect(pledge.status).toBe(201);
    pledgeId = pledge.body.pledgeId;
    await nextMillisecond();
    instants.afterRegistration = new Date().toISOString();
    await nextMillisecond();
    // the AAV happened in March but was entered later, after the L2 decision of April was recorded
    await http()
      .post(`/v1/pledges/${pledgeId}/aav`)
      .set(as(clerk))
      .send({ visitedOn: '2019-03-01', outcome: 'successful' })
      .expect(200);
    await http()
      .post(`/v1/pledges/${pledgeId}/level`)
      .set(as(clerk))
      .send({ level: 'L2', elevatedOn: '2019-04-02' })
      .expect(200);
    await nextMillisecond();
    instants.afterElevation = new Date().toISOString();
  });
  afterAll(async () => {
    await app.close();
    await dropSchema(pool, `${schemaPrefix}force_generation`);
    await pool.end();
  });

  it('shows every event of a stream with its actor, business date, recording time and hash chain', async () => {
    const response = await http()
      .get(`/v1/audit/streams/pledge-${pledgeId}/events`)
      .set('Authorization', `Bearer ${auditor}`);
    expect(response.status).toBe(200);
    const events = response.body.events as {
      type: string;
      effectiveOn: string;
      actor: { sub: string };
      hash: string;
      previousHash: string | null;
      streamVersion: string;
    }[];
    expect(events.map((e) => [e.type, e.effectiveOn, e.actor.sub, e.streamVersion])).toEqual([
      ['PledgeRegistered', '2019-01-10', 'clerk-7', '1'],
      ['PledgeAssessmentVisitRecorded', '2019-03-01', 'clerk-7', '2'],
      ['PledgeElevated', '2019-04-02', 'clerk-7', '3'],
    ]);
    expect(events[0]!.previousHash).toBeNull();
    expect(events[1]!.previousHash).toBe(events[0]!.hash);
  });

  it('answers the state as of a business date and as known at an instant', async () => {
    const state = async (query: string) =>
      (
        await http()
          .get(`/v1/audit/streams/pledge-${pledgeId}/state?${query}`)
          .set('Authorization', `Bearer ${auditor}`)
      ).body;
    expect(await state('asOf=2019-03-31')).toMatchObject({
      version: '2',
      eventsCounted: 2,
      state: { level: 'L1' },
    });
    expect(await state('asOf=2019-04-02')).toMatchObject({ version: '3', state: { level: 'L2' } });
    // what the system showed right after registration, whatever the business date asked
    expect(await state(`asOf=2019-12-31&knownAt=${instants.afterRegistration}`)).toMatchObject({
      eventsCounted: 1,
      state: { level: 'L1' },
    });
    expect(await state(`knownAt=${instants.afterElevation}`)).toMatchObject({
      eventsCounted: 3,
      state: { level: 'L2' },
    });
  });

  it('filters the log by type and actor and exports it as CSV and NDJSON', async () => {
    const log = await http()
      .get(
        '/v1/audit/events?type=PledgeElevated,PledgeRegistered&actor=clerk-7&effectiveFrom=2019-01-01&limit=1',
      )
      .set('Authorization', `Bearer ${auditor}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { type: string }) => e.type)).toEqual(['PledgeRegistered']);
    const next = await http()
      .get(
        `/v1/audit/events?type=PledgeElevated,PledgeRegistered&actor=clerk-7&limit=5&after=${encodeURIComponent(log.body.next)}`,
      )
      .set('Authorization', `Bearer ${auditor}`);
    expect(next.body.items.map((e: { type: string }) => e.type)).toEqual(['PledgeElevated']);

    const csv = await http()
      .get('/v1/audit/events/export?format=csv&actor=clerk-7')
      .set('Authorization', `Bearer ${auditor}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toMatch(/^service,eventId,streamId/);
    expect(csv.text.trim().split('\r\n')).toHaveLength(4);
    const ndjson = await http()
      .get('/v1/audit/events/export?actor=clerk-7')
      .set('Authorization', `Bearer ${auditor}`);
    expect(
      ndjson.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).type),
    ).toEqual(['PledgeRegistered', 'PledgeAssessmentVisitRecorded', 'PledgeElevated']);

    const xlsx = await http()
      .get('/v1/audit/events/export?format=xlsx&actor=clerk-7')
      .set('Authorization', `Bearer ${auditor}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="events.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    const rows = workbook.getWorksheet('events')!.getSheetValues().slice(1) as unknown[][];
    expect(rows.map((row) => [row[1], row[6]])).toEqual([
      ['service', 'type'],
      ['force-generation', 'PledgeRegistered'],
      ['force-generation', 'PledgeAssessmentVisitRecorded'],
      ['force-generation', 'PledgeElevated'],
    ]);
  });

  it('refuses other roles and bad queries with problem+json', async () => {
    await http()
      .get(`/v1/audit/streams/pledge-${pledgeId}/events`)
      .set('Authorization', `Bearer ${clerk}`)
      .expect(403);
    await http().get(`/v1/audit/streams/pledge-${pledgeId}/events`).expect(401);
    const bad = await http()
      .get(`/v1/audit/streams/pledge-${pledgeId}/state?asOf=2019-02-30`)
      .set('Authorization', `Bearer ${auditor}`);
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    for (const query of ['knownAt=2019-10-31', 'knownAt=2019-10-31T23:59:59', 'recordedFrom=2019-10-31']) {
      const path = query.startsWith('knownAt')
        ? `/v1/audit/streams/pledge-${pledgeId}/state?${query}`
        : `/v1/audit/events?${query}`;
      const dateOnly = await http().get(path).set('Authorization', `Bearer ${auditor}`);
      expect([query, dateOnly.status, dateOnly.body.code, dateOnly.body.errors?.[0]?.field]).toEqual([
        query,
        400,
        'VALIDATION_FAILED',
        query.split('=')[0],
      ]);
    }
    const missing = await http()
      .get('/v1/audit/streams/pledge-00000000-0000-0000-0000-000000000000/events')
      .set('Authorization', `Bearer ${auditor}`);
    expect([missing.status, missing.body.code]).toEqual([404, 'STREAM_NOT_FOUND']);
  });

  it('verifies the hash chains while the system serves, with progress, for the whole store or one stream', async () => {
    const as = { Authorization: `Bearer ${auditor}` };
    const finished = async (verificationId: string) => {
      for (let i = 0; i < 200; i++) {
        const { body } = await http().get(`/v1/audit/verifications/${verificationId}`).set(as).expect(200);
        if (body.status !== 'running') return body;
        await new Promise((r) => setTimeout(r, 20)); // polls the status until it says it finished
      }
      throw new Error('the verification did not finish');
    };
    const started = await http().post('/v1/audit/verifications').set(as).send({}).expect(202);
    expect(started.body).toMatchObject({
      status: 'running',
      requestedBy: 'boa-auditor',
      stores: ['force-generation'],
    });
    const whole = await finished(started.body.verificationId);
    expect(whole).toMatchObject({ status: 'intact', firstBreak: null, error: null });
    expect(whole.eventsChecked).toBe(whole.eventsTotal);
    expect(whole.eventsChecked).toBeGreaterThanOrEqual(3);

    const one = await http()
      .post('/v1/audit/verifications')
      .set(as)
      .send({ service: 'force-generation', streamId: `pledge-${pledgeId}` })
      .expect(202);
    const stream = await finished(one.body.verificationId);
    expect(stream).toMatchObject({ status: 'intact', streamsChecked: 1 });
    expect(stream.eventsChecked).toBe(stream.eventsTotal);
    expect(stream.eventsChecked).toBeLessThan(whole.eventsChecked + 1);

    const elsewhere = await http().post('/v1/audit/verifications').set(as).send({ service: 'reimbursement' });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'SERVICE_NOT_HERE']);
    const unknown = await http().get('/v1/audit/verifications/nope').set(as);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'VERIFICATION_NOT_FOUND']);
    await http().post('/v1/audit/verifications').set('Authorization', `Bearer ${clerk}`).send({}).expect(403);
  });

  it('seals a checkpoint on request, to download and verify later', async () => {
    const as = { Authorization: `Bearer ${auditor}` };
    const sealed = await http().post('/v1/audit/checkpoints').set(as).expect(201);
    const { checkpointId, checkpoint } = sealed.body as { checkpointId: string; checkpoint: Checkpoint };
    expect(checkpoint.stores.map((s) => s.schema)).toEqual([`${schemaPrefix}force_generation`]);
    expect(checkpoint.stores[0]!.heads.map((h) => h.streamId)).toContain(`pledge-${pledgeId}`);
    const download = await http().get(`/v1/audit/checkpoints/${checkpointId}`).set(as).expect(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="checkpoint-${checkpointId}.json"`,
    );
    expect(JSON.parse(download.text)).toEqual(checkpoint);
    expect(await verifyCheckpoint(pool, checkpoint, keys.publicKey)).toMatchObject({
      intact: true,
      problems: [],
    });
    const missing = await http().get('/v1/audit/checkpoints/999999999999').set(as);
    expect([missing.status, missing.body.code]).toEqual([404, 'CHECKPOINT_NOT_FOUND']);
    await http().post('/v1/audit/checkpoints').set('Authorization', `Bearer ${clerk}`).expect(403);
  });
});
