import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  type TestApp,
  minusmaTerms,
  startTestApp,
  verificationReportBody,
} from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;

// The inspectors' signed report attached to the verification report it records, on the reimbursement
// service (which, in the distributed mode, takes the upload itself on its own port).
describe('documents attached to verification reports', () => {
  let app: TestApp;
  let officer: string;
  const mouId = randomUUID();

  beforeAll(async () => {
    app = await startTestApp();
    officer = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    await app.termsInForce(minusmaTerms(mouId));
    await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
  }, STARTUP_MS);
  afterAll(() => app?.close(), STARTUP_MS);

  const download = async (sha256: string, token: string) =>
    app
      .http()
      .get(`/v1/documents/${sha256}`)
      .set('Authorization', token)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('records the report with its signed scan, served to those who may read the report only', async () => {
    const scan = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)]);
    const sha256 = createHash('sha256').update(scan).digest('hex');
    const uploaded = await app
      .http()
      .post('/v1/documents')
      .set('Authorization', officer)
      .set('Content-Type', 'image/jpeg')
      .send(scan);
    expect([uploaded.status, uploaded.body]).toEqual([
      201,
      { sha256, mediaType: 'image/jpeg', size: scan.length },
    ]);

    const document = { sha256, title: 'COE inspection, April 2019, signed', kind: 'inspection-report' };
    const body = { mouId, period: '2019-04', ...verificationReportBody(10), documents: [document] };
    const recorded = await app
      .http()
      .post('/v1/verification-reports')
      .set('Authorization', officer)
      .send(body);
    expect(recorded.status).toBe(201);
    const attached = [{ ...document, mediaType: 'image/jpeg', size: scan.length }];
    expect(recorded.body.documents).toEqual(attached);
    const [event] = await app.events({ streamId: `verification-${mouId}-2019-04` });
    expect(event!.data.documents).toEqual(attached);

    for (const roles of [['finance-officer'], ['auditor']] as const) {
      const got = await download(sha256, await app.bearer({ sub: 'reader', roles: [...roles] }));
      expect([roles[0], got.status, got.headers['content-type']]).toEqual([roles[0], 200, 'image/jpeg']);
      expect(Buffer.compare(got.body as Buffer, scan)).toBe(0);
    }
    // a representative reads no verification report, so none of their documents either
    const representative = await app.bearer({
      sub: 'rep',
      roles: ['contributor-representative'],
      contributor: 'BGD',
    });
    expect((await download(sha256, representative)).status).toBe(404);
  });

  it('refuses a report naming a document nobody uploaded, recording nothing', async () => {
    const before = await app.eventCount();
    const never = createHash('sha256').update(randomBytes(16)).digest('hex');
    const body = {
      mouId,
      period: '2019-05',
      ...verificationReportBody(10, '2019-06-03'),
      documents: [{ sha256: never, title: 'Report', kind: 'verification-report' }],
    };
    const refused = await app
      .http()
      .post('/v1/verification-reports')
      .set('Authorization', officer)
      .send(body);
    expect([refused.status, refused.body.code]).toEqual([422, 'DOCUMENT_NOT_UPLOADED']);
    expect(await app.eventCount()).toBe(before);
  });
});
