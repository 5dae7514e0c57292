import { serviceSchema } from '@coe/messaging';
import { appendSample } from './testing/sample-history';
import { fullySigned, mouDrafted, unitDeployed } from './testing/mou-events';
import { projectionsTestHarness } from './testing/projections.test-harness';
import { assessmentReceived, claimCertified, paymentMade } from './testing/reimbursement-events';

// The recorded instants of a hand-built history: the first facts on 1 March, a report produced at noon,
// and back-dated corrections recorded a month later.
const FIRST = new Date('2026-03-01T09:00:00.000Z');
const PRODUCED = '2026-03-01T12:00:00.000Z';
const CORRECTED = new Date('2026-04-01T09:00:00.000Z');
const BEFORE_ANYTHING = '2026-02-01T00:00:00.000Z';

describe('reports as known at an instant', () => {
  const { pool, freshPrefix, start, stop, as } = projectionsTestHarness('known');

  describe('payables, the statement and the cash pool, after a back-dated correction', () => {
    const setUp = async () => {
      const t = await start(freshPrefix());
      // recorded 1 March: claim c1, 1000.00, certified 2019-01-15 (position 1); UNMISS's assessment (position 2)
      await t.append(
        'reimbursement',
        'claim-c1',
        [claimCertified('c1', 'IND', 'UNMISS', '1000.00', '2019-01-15')],
        FIRST,
      );
      await t.append(
        'reimbursement',
        'fund-UNMISS',
        [assessmentReceived('UNMISS', '5000.00', '2019-01-10')],
        FIRST,
      );
      await t.caughtUp();
      // recorded 1 April, back-dated: c1 corrected to 800.00 (position 3), a payment of 300.00 on 2019-02-01 (4)
      await t.append(
        'reimbursement',
        'claim-c1',
        [claimCertified('c1', 'IND', 'UNMISS', '800.00', '2019-01-15')],
        CORRECTED,
      );
      await t.append(
        'reimbursement',
        'payment-p1',
        [paymentMade('p1', 'IND', 'UNMISS', '2019-02-01', [['c1', '300.00']])],
        CORRECTED,
      );
      await t.caughtUp();
      return { finance: await as(t, ['finance-officer']), auditor: await as(t, ['auditor']) };
    };

    it('answers as known when the report was produced, and as known after the correction', async () => {
      const { finance } = await setUp();
      const payables = async (knownAt?: string) =>
        (
          await finance
            .get(`/v1/reports/payables?asOf=2019-03-31${knownAt ? `&knownAt=${knownAt}` : ''}`)
            .expect(200)
        ).body;

      // as produced: only 1000.00 certified, nothing paid; the last event payables holds is c1's (position 1;
      // the assessment, position 2, is the cash pool's)
      expect(await payables(PRODUCED)).toMatchObject({
        knownAt: PRODUCED,
        reflects: { source: 'reimbursement', globalPosition: '1', recordedAt: '2026-03-01T09:00:00.000Z' },
        certified: '1000.00',
        paid: '0.00',
        outstanding: '1000.00',
        contributors: [{ contributor: 'IND', certified: '1000.00', paid: '0.00', outstanding: '1000.00' }],
      });
      // the correction's own instant counts it (recorded at or before): 800.00 − 300.00 = 500.00
      const corrected = {
        reflects: { source: 'reimbursement', globalPosition: '4', recordedAt: '2026-04-01T09:00:00.000Z' },
        certified: '800.00',
        paid: '300.00',
        outstanding: '500.00',
        contributors: [{ contributor: 'IND', certified: '800.00', paid: '300.00', outstanding: '500.00' }],
      };
      expect(await payables(CORRECTED.toISOString())).toMatchObject({
        knownAt: CORRECTED.toISOString(),
        ...corrected,
      });
      // asked without an instant: as known now, the body as CONTRACT.md shows it, the instant in headers
      const now = await finance.get('/v1/reports/payables?asOf=2019-03-31').expect(200);
      const { reflects: _, ...figures } = corrected;
      expect(now.body).toMatchObject(figures);
      expect(now.body).not.toHaveProperty('knownAt');
      expect(now.body).not.toHaveProperty('reflects');
      expect(now.headers).toMatchObject({
        'coe-reflects-source': 'reimbursement',
        'coe-reflects-position': '4',
        'coe-reflects-recorded-at': '2026-04-01T09:00:00.000Z',
      });
      expect(Date.parse(now.headers['coe-known-at']!)).toBeGreaterThan(CORRECTED.getTime());
      // a millisecond before the correction: still the report as produced
      expect(await payables('2026-04-01T08:59:59.999Z')).toMatchObject({
        reflects: { globalPosition: '1' },
        outstanding: '1000.00',
      });
      // before anything was recorded: nothing, and no position
      expect(await payables(BEFORE_ANYTHING)).toMatchObject({
        reflects: { source: 'reimbursement', globalPosition: null, recordedAt: null },
        certified: '0.00',
        contributors: [],
      });
    });

    it('says what changed between the two instants, naming the events that moved the figures', async () => {
      const { finance, auditor } = await setUp();
      const path = `/v1/reports/changes?report=payables&asOf=2019-03-31&from=${PRODUCED}&to=${CORRECTED.toISOString()}`;
      const { body } = await auditor.get(path).expect(200);
      expect(body).toMatchObject({
        report: 'payables',
        asOf: '2019-03-31',
        from: { knownAt: PRODUCED, reflects: { globalPosition: '1' } },
        to: { knownAt: CORRECTED.toISOString(), reflects: { globalPosition: '4' } },
        events: [
          {
            source: 'reimbursement',
            globalPosition: '3',
            recordedAt: CORRECTED.toISOString(),
            kind: 'claim',
            key: 'c1',
          },
          {
            source: 'reimbursement',
            globalPosition: '4',
            recordedAt: CORRECTED.toISOString(),
            kind: 'payment',
            key: 'p1',
          },
        ],
      });
      // 1000.00 certified → 800.00; paid 0.00 → 300.00; outstanding 1000.00 → 500.00
      expect(body.figures).toEqual(
        expect.arrayContaining([
          { path: 'certified', from: '1000.00', to: '800.00' },
          { path: 'paid', from: '0.00', to: '300.00' },
          { path: 'outstanding', from: '1000.00', to: '500.00' },
          { path: 'contributors[IND].outstanding', from: '1000.00', to: '500.00' },
        ]),
      );
      // nothing was recorded in the second before the correction
      const quiet = await auditor
        .get(
          `/v1/reports/changes?report=payables&asOf=2019-03-31&from=2026-04-01T08:59:59Z&to=2026-04-01T08:59:59.999Z`,
        )
        .expect(200);
      expect(quiet.body).toMatchObject({ figures: [], events: [] });
      // reversed instants, and a role other than auditor
      expect(
        (
          await auditor
            .get(`/v1/reports/changes?report=payables&from=${CORRECTED.toISOString()}&to=${PRODUCED}`)
            .expect(400)
        ).body,
      ).toMatchObject({ code: 'INVALID_INSTANT_RANGE' });
      await finance.get(path).expect(403);
    });

    it("shows the contributor's statement and the cash pool as known then", async () => {
      const { finance } = await setUp();
      const statement = (knownAt: string) =>
        finance.get(`/v1/reports/contributors/IND/statement?asOf=2019-03-31&knownAt=${knownAt}`).expect(200);
      const before = (await statement(PRODUCED)).body;
      expect(before).toMatchObject({ knownAt: PRODUCED, certified: '1000.00', paid: '0.00', payments: [] });
      expect(before.claims).toEqual([
        expect.objectContaining({
          claimId: 'c1',
          amount: '1000.00',
          settled: '0.00',
          outstanding: '1000.00',
        }),
      ]);
      const after = (await statement(CORRECTED.toISOString())).body;
      expect(after.claims).toEqual([
        expect.objectContaining({
          claimId: 'c1',
          amount: '800.00',
          settled: '300.00',
          outstanding: '500.00',
        }),
      ]);
      expect(after.payments).toEqual([expect.objectContaining({ paymentId: 'p1', amount: '300.00' })]);

      // UNMISS's fund: 5000.00 received; as produced nothing paid, after the correction 5000.00 − 300.00
      const pool = async (knownAt: string) =>
        (await finance.get(`/v1/reports/cash-pool?asOf=2019-03-31&knownAt=${knownAt}`).expect(200)).body;
      expect(await pool(PRODUCED)).toMatchObject({
        funds: [{ mission: 'UNMISS', received: '5000.00', paidToContributors: '0.00', cash: '5000.00' }],
        outstandingPayables: '1000.00',
        reflects: { globalPosition: '2' },
      });
      expect(await pool(CORRECTED.toISOString())).toMatchObject({
        funds: [{ mission: 'UNMISS', received: '5000.00', paidToContributors: '300.00', cash: '4700.00' }],
        outstandingPayables: '500.00',
        reflects: { globalPosition: '4' },
      });
    });
  });

  describe('the MOU backlog, its series and days to signature, after a late signature', () => {
    it('counts the MOU pending as known before the signature was recorded, and signed after', async () => {
      const t = await start(freshPrefix());
      // recorded 1 March: drafted 2019-01-10, deployed 2019-05-01 (positions 1, 2)
      await t.append(
        'mou-negotiation',
        'mou-m1',
        [mouDrafted('m1', 'UNMISS', '2019-01-10'), unitDeployed('m1', '2019-05-01')],
        FIRST,
      );
      // recorded 1 April: signatures dated 2019-09-10 and 2019-09-15, in force 2019-09-15 (positions 3 to 5)
      await t.append('mou-negotiation', 'mou-m1', fullySigned('m1', '2019-09-10', '2019-09-15'), CORRECTED);
      await t.caughtUp();
      const clerk = await as(t, ['mou-clerk']);
      const get = async (path: string) => (await clerk.get(path).expect(200)).body;

      expect(await get(`/v1/reports/mou-backlog?asOf=2019-10-31&knownAt=${PRODUCED}`)).toMatchObject({
        knownAt: PRODUCED,
        reflects: { source: 'mou-negotiation', globalPosition: '2' },
        deployedUnits: 1,
        pendingSignature: 1,
      });
      expect(
        await get(`/v1/reports/mou-backlog?asOf=2019-10-31&knownAt=${CORRECTED.toISOString()}`),
      ).toMatchObject({
        reflects: { source: 'mou-negotiation', globalPosition: '5' },
        deployedUnits: 1,
        pendingSignature: 0,
      });

      const series = (knownAt: string) =>
        get(`/v1/reports/mou-backlog/series?from=2019-09&to=2019-10&knownAt=${knownAt}`);
      expect(
        (await series(PRODUCED)).points.map((p: { pendingSignature: number }) => p.pendingSignature),
      ).toEqual([1, 1]);
      expect(
        (await series(CORRECTED.toISOString())).points.map(
          (p: { pendingSignature: number }) => p.pendingSignature,
        ),
      ).toEqual([0, 0]);

      // only the UN's signature (position 4) moved the backlog: the contributor's alone left it pending, and
      // the entry into force changed nothing more
      const auditor = await as(t, ['auditor']);
      const changes = (
        await auditor
          .get(
            `/v1/reports/changes?report=mou-backlog&asOf=2019-10-31&from=${PRODUCED}&to=${CORRECTED.toISOString()}`,
          )
          .expect(200)
      ).body;
      expect(changes.events).toEqual([
        {
          source: 'mou-negotiation',
          globalPosition: '4',
          recordedAt: CORRECTED.toISOString(),
          kind: 'mou',
          key: 'm1',
        },
      ]);
      expect(changes.figures).toEqual([
        { path: 'pendingSignature', from: 1, to: 0 },
        { path: 'byMission[UNMISS].pendingSignature', from: 1, to: 0 },
      ]);

      expect(await get(`/v1/reports/days-to-signature?knownAt=${PRODUCED}`)).toMatchObject({ years: [] });
      // 2019-05-01 → 2019-09-15: 30 (rest of May) + 1 + 30 + 31 + 31 + 14 = 137 days
      expect(await get(`/v1/reports/days-to-signature?knownAt=${CORRECTED.toISOString()}`)).toMatchObject({
        years: [{ year: 2019, signed: 1, averageDays: 137, medianDays: 137, maxDays: 137 }],
      });
    });
  });

  it('refuses a bare date, an instant without offset, an impossible one and one in the future', async () => {
    const t = await start(freshPrefix());
    const auditor = await as(t, ['auditor']);
    for (const knownAt of [
      '2019-10-31',
      '2019-10-31T10:00:00',
      '2019-02-30T10:00:00Z',
      '2019-10-31T25:00:00Z',
      '2999-01-01T00:00:00Z',
    ]) {
      for (const path of ['mou-backlog', 'payables', 'cash-pool', 'days-to-signature']) {
        const { body } = await auditor
          .get(`/v1/reports/${path}?knownAt=${encodeURIComponent(knownAt)}`)
          .expect(400);
        expect(body).toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [expect.objectContaining({ field: 'knownAt' })],
        });
      }
    }
    // an offset is read as the instant it names, answered in UTC
    const { body } = await auditor
      .get(
        `/v1/reports/mou-backlog?asOf=2019-10-31&knownAt=${encodeURIComponent('2026-03-01T14:00:00+02:00')}`,
      )
      .expect(200);
    expect(body.knownAt).toBe('2026-03-01T12:00:00.000Z');
  });

  it('refills a read model kept before rows carried their recorded time, from the start, at the next start', async () => {
    const prefix = freshPrefix();
    const t = await start(prefix);
    for (let i = 0; i < 12; i++) await appendSample(t, 'old', i);
    await t.caughtUp();
    const before = (
      await (await as(t, ['auditor'])).get('/v1/reports/mou-backlog?asOf=2019-06-30').expect(200)
    ).body;
    await stop(t);
    // the shape of the tables before this change: no recorded time
    const schema = serviceSchema('projections', prefix);
    await pool().query(`alter table ${schema}.mous_v1 drop column known_from`);

    const restarted = await start(prefix);
    await restarted.caughtUp();
    const { rows } = await pool().query(
      `select version, status from ${schema}.projection_versions where projection = 'mou-milestones' order by version`,
    );
    expect(rows).toEqual([
      { version: 1, status: 'dropped' },
      { version: 2, status: 'active' },
    ]);
    const auditor = await as(restarted, ['auditor']);
    expect((await auditor.get('/v1/reports/mou-backlog?asOf=2019-06-30').expect(200)).body).toEqual(before);
  });
});
