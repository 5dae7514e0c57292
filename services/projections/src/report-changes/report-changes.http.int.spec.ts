import request from 'supertest';
import { fullySigned, mouDrafted, unitDeployed } from '../testing/mou-events';
import { projectionsTestHarness } from '../testing/projections.test-harness';
import type { ProjectionsTestApp } from '../testing/projections.test-app';
import { assessmentReceived, claimCertified, paymentMade } from '../testing/reimbursement-events';

// Hand-built histories: the first facts recorded on 1 March, a report produced at noon, and what was
// recorded a month later (back-dated corrections, an adjustment claim, a late signature).
const FIRST = new Date('2026-03-01T09:00:00.000Z');
const PRODUCED = '2026-03-01T12:00:00.000Z';
const LATER = new Date('2026-04-01T09:00:00.000Z');
const SEEN = LATER.toISOString();

describe('what changed in every report between two instants', () => {
  const { freshPrefix, start, as } = projectionsTestHarness('changes');

  const representative = async (t: ProjectionsTestApp, contributor: string) => {
    const token = await t.token({ roles: ['contributor-representative'], contributor });
    return {
      get: (path: string) => request(t.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`),
    };
  };
  const changes = (query: string) => `/v1/reports/changes?${query}&from=${PRODUCED}&to=${SEEN}`;

  describe('the statement and the cash pool, after a back-dated correction', () => {
    const setUp = async () => {
      const t = await start(freshPrefix());
      // recorded 1 March: IND's claim c1, 1000.00 certified 2019-01-15 (position 1); UNMISS's assessment (2)
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
      // recorded 1 April, back-dated: c1 corrected to 800.00 (3), 300.00 paid on it 2019-02-01 (4), and
      // Rwanda's claim r1, 50.00 certified 2019-02-10 (5)
      await t.append(
        'reimbursement',
        'claim-c1',
        [claimCertified('c1', 'IND', 'UNMISS', '800.00', '2019-01-15')],
        LATER,
      );
      await t.append(
        'reimbursement',
        'payment-p1',
        [paymentMade('p1', 'IND', 'UNMISS', '2019-02-01', [['c1', '300.00']])],
        LATER,
      );
      await t.append(
        'reimbursement',
        'claim-r1',
        [claimCertified('r1', 'RWA', 'UNMISS', '50.00', '2019-02-10')],
        LATER,
      );
      await t.caughtUp();
      return t;
    };
    const event = (globalPosition: string, kind: string, key: string) => ({
      source: 'reimbursement',
      globalPosition,
      recordedAt: SEEN,
      kind,
      key,
    });

    it("names the correction and the payment in India's statement, and nothing of Rwanda's", async () => {
      const t = await setUp();
      const auditor = await as(t, ['auditor']);
      const { body } = await auditor
        .get(changes('report=statement&contributor=IND&asOf=2019-03-31'))
        .expect(200);
      expect(body).toMatchObject({
        report: 'statement',
        asOf: '2019-03-31',
        contributor: 'IND',
        from: { knownAt: PRODUCED, reflects: { globalPosition: '1' } },
        // India's own rows only: Rwanda's claim (5) is not what India's statement reflects
        to: { knownAt: SEEN, reflects: { globalPosition: '4' } },
      });
      expect(body.events).toEqual([event('3', 'claim', 'c1'), event('4', 'payment', 'p1')]);
      // certified 1000.00 → 800.00; paid 0.00 → 300.00; outstanding 1000.00 → 800.00 − 300.00 = 500.00
      expect(body.figures).toEqual(
        expect.arrayContaining([
          { path: 'certified', from: '1000.00', to: '800.00' },
          { path: 'paid', from: '0.00', to: '300.00' },
          { path: 'outstanding', from: '1000.00', to: '500.00' },
          { path: 'claims[c1].amount', from: '1000.00', to: '800.00' },
          { path: 'claims[c1].settled', from: '0.00', to: '300.00' },
          { path: 'claims[c1].outstanding', from: '1000.00', to: '500.00' },
          {
            path: 'payments[p1]',
            from: null,
            to: expect.objectContaining({ paymentId: 'p1', amount: '300.00' }),
          },
        ]),
      );
      expect(JSON.stringify(body)).not.toContain('RWA');
      expect(JSON.stringify(body)).not.toContain('r1');
    });

    it('names every event that moved the cash pool: the correction, the payment and the new claim', async () => {
      const t = await setUp();
      const auditor = await as(t, ['auditor']);
      const { body } = await auditor.get(changes('report=cash-pool&asOf=2019-03-31')).expect(200);
      expect(body).toMatchObject({
        report: 'cash-pool',
        asOf: '2019-03-31',
        to: { reflects: { globalPosition: '5' } },
      });
      // the payment wrote payables' row and the fund's: one event, named once
      expect(body.events).toEqual([
        event('3', 'claim', 'c1'),
        event('4', 'payment', 'p1'),
        event('5', 'claim', 'r1'),
      ]);
      // UNMISS's fund: 5000.00 − 300.00 paid = 4700.00; owed: (800.00 − 300.00) + 50.00 = 550.00
      expect(body.figures).toEqual(
        expect.arrayContaining([
          { path: 'funds[UNMISS].paidToContributors', from: '0.00', to: '300.00' },
          { path: 'funds[UNMISS].cash', from: '5000.00', to: '4700.00' },
          { path: 'pool.cash', from: '5000.00', to: '4700.00' },
          { path: 'outstandingPayables', from: '1000.00', to: '550.00' },
        ]),
      );
      // as of a date before all of it (certified 2019-01-15 and later, paid 2019-02-01): nothing moved
      const early = await auditor.get(changes('report=cash-pool&asOf=2019-01-12')).expect(200);
      expect(early.body).toMatchObject({ figures: [], events: [] });
    });

    it("lets a representative compare only their own statement, and refuses what is not a report's", async () => {
      const t = await setUp();
      const rwanda = await representative(t, 'RWA');
      const own = await rwanda.get(changes('report=statement&contributor=RWA&asOf=2019-03-31')).expect(200);
      expect(own.body.events).toEqual([event('5', 'claim', 'r1')]);
      // 0.00 → 50.00 certified and outstanding
      expect(own.body.figures).toEqual(
        expect.arrayContaining([
          { path: 'certified', from: '0.00', to: '50.00' },
          { path: 'outstanding', from: '0.00', to: '50.00' },
        ]),
      );
      for (const query of ['report=statement&contributor=IND', 'report=payables', 'report=cash-pool']) {
        const { body } = await rwanda.get(changes(query)).expect(403);
        expect(body).toMatchObject({ code: 'CONTRIBUTOR_SCOPE' });
      }
      await (await as(t, ['finance-officer'])).get(changes('report=statement&contributor=IND')).expect(403);
      const auditor = await as(t, ['auditor']);
      for (const [query, field] of [
        ['report=statement', 'contributor'],
        ['report=statement&contributor=india', 'contributor'],
        ['report=mou-backlog-series&firstMonth=2019-01', 'lastMonth'],
        ['report=days-to-signature&start=signature', 'start'],
        ['report=arrears', 'report'],
      ]) {
        const { body } = await auditor.get(changes(query!)).expect(400);
        expect(body).toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [expect.objectContaining({ field })],
        });
      }
    });
  });

  it("names a corrected verification report's adjustment claim in the statement, as of a date after it", async () => {
    const t = await start(freshPrefix());
    // recorded 1 March: c1, 1000.00 certified 2019-01-15 (1), paid in full 2019-02-01 (2)
    await t.append(
      'reimbursement',
      'claim-c1',
      [claimCertified('c1', 'IND', 'UNMISS', '1000.00', '2019-01-15')],
      FIRST,
    );
    await t.append(
      'reimbursement',
      'payment-p1',
      [paymentMade('p1', 'IND', 'UNMISS', '2019-02-01', [['c1', '1000.00']])],
      FIRST,
    );
    // recorded 1 April: the corrected report's adjustment claim a1, −200.00, certified 2019-03-10 (3)
    await t.append(
      'reimbursement',
      'claim-a1',
      [claimCertified('a1', 'IND', 'UNMISS', '-200.00', '2019-03-10')],
      LATER,
    );
    await t.caughtUp();
    const auditor = await as(t, ['auditor']);

    const { body } = await auditor
      .get(changes('report=statement&contributor=IND&asOf=2019-03-31'))
      .expect(200);
    expect(body.events).toEqual([
      { source: 'reimbursement', globalPosition: '3', recordedAt: SEEN, kind: 'claim', key: 'a1' },
    ]);
    // certified 1000.00 → 1000.00 − 200.00 = 800.00; paid stays 1000.00; outstanding 0.00 → 800.00 − 1000.00
    // = −200.00; the credit no payable absorbs: 200.00; owed stays 0.00
    expect(body.figures).toEqual(
      expect.arrayContaining([
        { path: 'certified', from: '1000.00', to: '800.00' },
        { path: 'outstanding', from: '0.00', to: '-200.00' },
        { path: 'credits', from: '0.00', to: '200.00' },
        {
          path: 'claims[a1]',
          from: null,
          to: expect.objectContaining({ amount: '-200.00', unusedCredit: '200.00' }),
        },
      ]),
    );
    expect(body.figures.map((f: { path: string }) => f.path)).not.toContain('owed');
    expect(body.figures.map((f: { path: string }) => f.path)).not.toContain('paid');
    // as of 2019-03-09, before the adjustment's certification, the statement did not move
    const before = await auditor.get(changes('report=statement&contributor=IND&asOf=2019-03-09')).expect(200);
    expect(before.body).toMatchObject({ figures: [], events: [] });
  });

  describe('days to signature and the backlog series, after a late signature', () => {
    const setUp = async () => {
      const t = await start(freshPrefix());
      // recorded 1 March: drafted 2019-01-10, deployed 2019-05-01 (positions 1, 2)
      await t.append(
        'mou-negotiation',
        'mou-m1',
        [mouDrafted('m1', 'UNMISS', '2019-01-10'), unitDeployed('m1', '2019-05-01')],
        FIRST,
      );
      // recorded 1 April: signatures dated 2019-09-10 and 2019-09-15, in force 2019-09-15 (positions 3 to 5)
      await t.append('mou-negotiation', 'mou-m1', fullySigned('m1', '2019-09-10', '2019-09-15'), LATER);
      await t.caughtUp();
      return as(t, ['auditor']);
    };
    // the UN's signature (4) made the MOU fully signed; the contributor's (3) and the entry into force (5) did not
    const signature = {
      source: 'mou-negotiation',
      globalPosition: '4',
      recordedAt: SEEN,
      kind: 'mou',
      key: 'm1',
    };

    it('names the signature that added a year to days to signature', async () => {
      const auditor = await setUp();
      const { body } = await auditor.get(changes('report=days-to-signature')).expect(200);
      expect(body).toMatchObject({ report: 'days-to-signature', start: 'deployment' });
      expect(body).not.toHaveProperty('asOf');
      expect(body.events).toEqual([signature]);
      // 2019-05-01 → 2019-09-15: 30 (rest of May) + 1 + 30 (June) + 31 + 31 + 14 = 137 days
      expect(body.figures).toEqual([
        {
          path: 'years[2019]',
          from: null,
          to: { year: 2019, signed: 1, averageDays: 137, medianDays: 137, maxDays: 137 },
        },
      ]);
      // from negotiation: 2019-01-10 → 2019-09-15: 21 + 28 + 31 + 30 + 31 + 30 + 31 + 31 + 15 = 248 days
      const negotiation = await auditor
        .get(changes('report=days-to-signature&start=negotiation'))
        .expect(200);
      expect(negotiation.body.events).toEqual([signature]);
      expect(negotiation.body.figures).toEqual([
        { path: 'years[2019]', from: null, to: expect.objectContaining({ signed: 1, maxDays: 248 }) },
      ]);
    });

    it('names the signature in the months it moved, and nothing in months before it or another mission', async () => {
      const auditor = await setUp();
      const { body } = await auditor
        .get(changes('report=mou-backlog-series&firstMonth=2019-08&lastMonth=2019-10'))
        .expect(200);
      expect(body).toMatchObject({
        report: 'mou-backlog-series',
        firstMonth: '2019-08',
        lastMonth: '2019-10',
        mission: null,
      });
      expect(body).not.toHaveProperty('points');
      expect(body.events).toEqual([signature]);
      // signed in full 2019-09-15: pending at the end of August either way, signed at the ends of September and October
      expect(body.figures).toEqual([
        { path: 'points[2019-09].pendingSignature', from: 1, to: 0 },
        { path: 'points[2019-10].pendingSignature', from: 1, to: 0 },
      ]);
      for (const query of [
        'report=mou-backlog-series&firstMonth=2019-06&lastMonth=2019-08',
        'report=mou-backlog-series&firstMonth=2019-08&lastMonth=2019-10&mission=MINUSMA',
      ]) {
        const quiet = await auditor.get(changes(query)).expect(200);
        expect(quiet.body).toMatchObject({ figures: [], events: [] });
      }
      const { body: reversed } = await auditor
        .get(changes('report=mou-backlog-series&firstMonth=2019-10&lastMonth=2019-08'))
        .expect(400);
      expect(reversed).toMatchObject({ code: 'INVALID_MONTH_RANGE' });
    });
  });
});
