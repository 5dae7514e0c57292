import { randomUUID } from 'node:crypto';
import {
  type TestApp,
  minusmaTerms,
  startTestApp,
  verificationReportBody,
} from '../../test/reimbursement.test-app';

const STARTUP_MS = 60_000;

// An auditor's two questions on a history with a back-dated correction: the April report of a unit,
// submitted on 3 May, then corrected on paper as of 10 May but recorded only after the May report
// (business date 4 June) was in the system.
describe('the audit state of a verification report corrected after the fact', () => {
  let app: TestApp;
  let officer: string;
  let auditor: string;
  const mouId = randomUUID();
  const instants: Record<string, string> = {};
  const stream = `verification-${mouId}-2019-04`;

  const report = (reportedOn: string, present: number) => verificationReportBody(present, reportedOn);
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20)); // distinct recording instants

  beforeAll(async () => {
    app = await startTestApp();
    officer = await app.bearer({ sub: 'officer-a', roles: ['finance-officer'] });
    auditor = await app.bearer({ sub: 'auditor-1', roles: ['auditor'] });
    await app.termsInForce(minusmaTerms(mouId));
    await app.unitMoved(mouId, { deployedOn: '2019-01-15' });
    const post = (path: string, body: object) =>
      app.http().post(path).set('Authorization', officer).send(body).expect(201);

    await post('/v1/verification-reports', { mouId, period: '2019-04', ...report('2019-05-03', 10) });
    await pause();
    instants.afterApril = new Date().toISOString();
    await pause();
    await post('/v1/verification-reports', { mouId, period: '2019-05', ...report('2019-06-04', 10) });
    await pause();
    instants.afterMay = new Date().toISOString();
    await pause();
    await post(`/v1/verification-reports/${mouId}/2019-04/corrections`, {
      ...report('2019-05-10', 9),
      reason: 'One APC found unserviceable on re-inspection',
    });
  }, STARTUP_MS);

  afterAll(() => app?.close(), STARTUP_MS);

  const state = async (query: string) => {
    const response = await app
      .http()
      .get(`/v1/audit/streams/${stream}/state?${query}`)
      .set('Authorization', auditor);
    expect(response.status).toBe(200);
    const body = response.body as {
      version: string;
      eventsCounted: number;
      state: { report: { version: number; equipment: { lineId: string; presentAndServiceable: number }[] } };
    };
    return {
      version: body.version,
      eventsCounted: body.eventsCounted,
      reportVersion: body.state.report?.version ?? null,
      apcs: body.state.report?.equipment.find((e) => e.lineId === 'B001')?.presentAndServiceable ?? null,
    };
  };

  it('as of a date before the correction takes effect, shows the report as first submitted', async () => {
    expect(await state('asOf=2019-05-05')).toEqual({
      version: '1',
      eventsCounted: 1,
      reportVersion: 1,
      apcs: 10,
    });
  });

  it('as of a date after it, shows the corrected report', async () => {
    expect(await state('asOf=2019-05-31')).toEqual({
      version: '2',
      eventsCounted: 2,
      reportVersion: 2,
      apcs: 9,
    });
  });

  it('as known before the correction was recorded, shows the first report even for a later date', async () => {
    // the correction is dated 10 May, but on the day the May report came in nobody knew of it
    expect(await state(`asOf=2019-05-31&knownAt=${instants.afterMay}`)).toEqual({
      version: '1',
      eventsCounted: 1,
      reportVersion: 1,
      apcs: 10,
    });
    expect(await state(`knownAt=${instants.afterMay}`)).toMatchObject({ eventsCounted: 1, apcs: 10 });
  });

  it('as known before anything was recorded, shows no report', async () => {
    const before = new Date(Date.parse(instants.afterApril!) - 60_000).toISOString();
    expect(await state(`knownAt=${before}`)).toEqual({
      version: '0',
      eventsCounted: 0,
      reportVersion: null,
      apcs: null,
    });
  });
});
