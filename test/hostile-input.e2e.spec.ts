import { startWholeSystem, type WholeSystem } from './support/whole-system';

// What an attacker or a broken client sends: each gets a 4xx problem+json and records nothing.
// superagent would JSON-encode a Buffer; these tests send the bytes as they are
const raw = (body: unknown) => body as string;

describe('hostile input', () => {
  let system: WholeSystem;
  let clerk: string;
  const pledge = {
    contributor: 'NPL',
    unitName: 'NEPBATT 1',
    unitType: 'INF',
    personnel: 850,
    noteVerbaleOn: '2019-05-01',
  };

  beforeAll(async () => {
    system = await startWholeSystem();
    clerk = `Bearer ${await system.token({ roles: ['mou-clerk'], sub: 'clerk-h' })}`;
  });
  afterAll(() => system.close());

  const refused = async (
    send: () => Promise<{ status: number; body: { code?: string }; headers: Record<string, string> }>,
    status: number,
    code: string,
  ) => {
    const before = await system.eventCount();
    const response = await send();
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(await system.eventCount()).toBe(before);
  };

  it('refuses a body over the size limit (413)', () =>
    refused(
      () =>
        system
          .http()
          .post('/v1/pledges')
          .set('Authorization', clerk)
          .send({ ...pledge, unitName: 'x'.repeat(1_100_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    ));

  it('refuses JSON nested deeper than the limit', async () => {
    const nested = (depth: number) => {
      let deep: unknown = { end: true };
      for (let i = 0; i < depth; i++) deep = { a: deep };
      return deep;
    };
    await refused(
      () =>
        system
          .http()
          .post('/v1/pledges')
          .set('Authorization', clerk)
          .send({ ...pledge, extra: nested(100) }),
      400,
      'BODY_TOO_DEEP',
    );
    // so deep that the JSON parser itself gives up: still a 400, not a crash
    const bomb = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    await refused(
      () =>
        system
          .http()
          .post('/v1/pledges')
          .set('Authorization', clerk)
          .set('Content-Type', 'application/json')
          .serialize(raw)
          .send(bomb),
      400,
      'BODY_TOO_DEEP',
    );
  });

  it('refuses bytes that are not UTF-8, in JSON and in CSV', async () => {
    const json = Buffer.concat([
      Buffer.from('{"contributor":"NPL","unitName":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('"}'),
    ]);
    await refused(
      () =>
        system
          .http()
          .post('/v1/pledges')
          .set('Authorization', clerk)
          .set('Content-Type', 'application/json')
          .serialize(raw)
          .send(json),
      400,
      'INVALID_UTF8',
    );
    const csv = Buffer.concat([
      Buffer.from('mou_ref,mission\nDOS/X/'),
      Buffer.from([0xff]),
      Buffer.from(',X\n'),
    ]);
    await refused(
      () =>
        system
          .http()
          .post('/v1/imports/mou-register')
          .set('Authorization', clerk)
          .set('Content-Type', 'text/csv')
          .serialize(raw)
          .send(csv),
      400,
      'INVALID_UTF8',
    );
  });

  it('refuses unknown fields and malformed JSON', async () => {
    await refused(
      () =>
        system
          .http()
          .post('/v1/pledges')
          .set('Authorization', clerk)
          .send({ ...pledge, isAdmin: true }),
      400,
      'VALIDATION_FAILED',
    );
    await refused(
      () =>
        system
          .http()
          .post('/v1/pledges')
          .set('Authorization', clerk)
          .set('Content-Type', 'application/json')
          .send('{"contributor":'),
      400,
      'MALFORMED_JSON',
    );
  });

  it('refuses SQL metacharacters where a code is expected, and stores them verbatim as text elsewhere', async () => {
    for (const field of ['contributor', 'unitType', 'noteVerbaleOn'] as const) {
      await refused(
        () =>
          system
            .http()
            .post('/v1/pledges')
            .set('Authorization', clerk)
            .send({ ...pledge, [field]: "NPL'; drop table events; --" }),
        400,
        'VALIDATION_FAILED',
      );
    }
    await refused(
      () =>
        system.http().get("/v1/reports/mou-backlog?asOf=2019-01-01' or '1'='1").set('Authorization', clerk),
      400,
      'VALIDATION_FAILED',
    );
    // free text is data: it must come back exactly and harm nothing
    const before = await system.eventCount();
    const name = 'Robert\'); DROP TABLE events; -- \\ " $$ ; select pg_sleep(5)';
    const created = await system
      .http()
      .post('/v1/pledges')
      .set('Authorization', clerk)
      .send({ ...pledge, unitName: name });
    expect(created.status).toBe(201);
    const read = await system.http().get(`/v1/pledges/${created.body.pledgeId}`).set('Authorization', clerk);
    expect(read.body.unitName).toBe(name);
    expect(await system.eventCount()).toBe(before + 1);
  });

  it('refuses CSV rows that a spreadsheet would run as formulas, importing the others', async () => {
    const csv = [
      'mou_ref,mission,contributor,unit,unit_type,personnel,negotiation_opened',
      'DOS/UNMISS/NPL/91,UNMISS,NPL,"=HYPERLINK(""http://evil.example/"",""click"")",INF,850,2019-01-10',
      'DOS/UNMISS/NPL/92,UNMISS,NPL,NEPBATT 92,INF,850,2019-01-10',
    ].join('\n');
    const response = await system
      .http()
      .post('/v1/imports/mou-register')
      .set('Authorization', clerk)
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      imported: 1,
      unchanged: 0,
      rejected: [
        { line: 2, ref: 'DOS/UNMISS/NPL/91', code: 'FORMULA_NOT_ALLOWED', reason: expect.any(String) },
      ],
    });
  });
});
