// A quarter end to end through the public API, in both transports (in-process delivery as `npm start`
// runs it, and Kafka): a fund's history, claims computed, corrected into a credit and imported, a letter of
// assist, a death-and-disability case and a hostile-action incident certified, a mission closed, a run
// proposed by one officer and approved by another, executed with a loan; then every figure to the cent.
//
// By hand (reserve 10 %, pool from 2019-07-01, run on 2019-09-30):
//   MINUSMA/BGD C1 2019-04: 100 persons × 1,428.00 × 30/30 = 142,800.00, certified 2019-05-10, paid 2019-06-01
//     from the fund's imported history (142,800.00 received 2019-05-20). Corrected to 90 persons: an
//     adjustment of −10 × 1,428.00 = −14,280.00 certified 2019-06-05, after C1 was paid: a credit.
//   Q-1 MINUSMA/BGD 50,000.00 (07-02): owed 50,000.00 − 14,280.00 = 35,720.00; Q-2 UNMISS/NPL 80,000.00 (07-03);
//   Q-3 UNISFA/ETH 20,000.00 (07-04); LOA UNMISS/NPL invoice 30,000.00 (07-10); D&D UNMISS/NPL 40 % of
//   70,000.00 = 28,000.00 (07-12); hostile action MINUSMA/BGD 2 × 150,000.00 = 300,000.00 (07-15).
//   Assessments 2019-08-01: MINUSMA 100,000.00, UNMISS 600,000.00, UNISFA 10,000.00. UNISFA closed 2019-08-15.
//   Spare cash: MINUSMA 100,000 − 10,000 = 90,000.00; UNMISS 600,000 − 60,000 = 540,000.00; UNISFA 9,000.00.
//   Pool (MINUSMA, UNMISS): 630,000.00 ≥ 35,720 + 80,000 + 30,000 + 28,000 + 300,000 = 473,720.00, all paid.
//   MINUSMA's share 335,720.00: 90,000.00 its own, 245,720.00 borrowed from UNMISS. UNISFA alone pays
//   9,000.00 of 20,000.00; 11,000.00 stays owed. Paid 482,720.00; without the pool 90,000 + 138,000 + 9,000
//   = 237,000.00. Funds after: MINUSMA 10,000.00, UNMISS 600,000 − 245,720 − 138,000 = 216,280.00, UNISFA 1,000.00.
//   Certified 142,800 − 14,280 + 50,000 + 80,000 + 20,000 + 30,000 + 28,000 + 300,000 = 636,520.00;
//   paid 142,800 + 482,720 = 625,520.00; outstanding 11,000.00, all ETH's.
import { Kafka, logLevel } from 'kafkajs';
import { randomBytes } from 'node:crypto';
import { waitForProjections } from '../demo/demo.figures';
import { readContractTopics } from './support/contract-topics';
import { testBrokers } from './support/kafka';
import { startWholeSystem, type WholeSystem } from './support/whole-system';

const STARTUP_MS = 90_000;

describe.each(['in-process', 'kafka'] as const)('a quarter end to end (%s)', (transport) => {
  let system: WholeSystem;
  let url: string;
  const run = randomBytes(4).toString('hex');
  const tokens: Record<'clerk' | 'officerA' | 'officerB' | 'auditor' | 'admin', string> = {} as never;

  beforeAll(async () => {
    const env: Record<string, string> =
      transport === 'kafka'
        ? {
            KAFKA_BROKERS: testBrokers().join(','),
            KAFKA_TOPIC_PREFIX: `quarter-${run}`,
            KAFKA_PARTITIONS: '1',
          }
        : {};
    system = await startWholeSystem(env, { transport });
    await system.app.listen(0, '127.0.0.1');
    url = await system.app.getUrl();
    tokens.clerk = await system.token({ sub: 'clerk', roles: ['mou-clerk'] });
    tokens.officerA = await system.token({ sub: 'officer-a', roles: ['finance-officer'] });
    tokens.officerB = await system.token({ sub: 'officer-b', roles: ['finance-officer'] });
    tokens.auditor = await system.token({ sub: 'auditor', roles: ['auditor'] });
    tokens.admin = await system.token({ sub: 'admin', roles: ['admin'] });
  }, STARTUP_MS);

  afterAll(async () => {
    await system?.close();
    if (transport === 'kafka') {
      const admin = new Kafka({ brokers: testBrokers(), logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(`quarter-${run}.`));
      await admin.deleteTopics({ topics }).catch(() => undefined);
      await admin.disconnect();
    }
  }, STARTUP_MS);

  const send = async (token: string, path: string, body: object, status = [200, 201]) => {
    const response = await system.http().post(path).auth(token, { type: 'bearer' }).send(body);
    if (!status.includes(response.status)) throw new Error(`${path}: ${response.status} ${response.text}`);
    return response.body;
  };
  const csv = async (token: string, path: string, lines: string[]) => {
    const response = await system
      .http()
      .post(path)
      .auth(token, { type: 'bearer' })
      .type('text/csv')
      .send(`${lines.join('\n')}\n`);
    expect(response.body.rejected).toEqual([]);
    return response.body;
  };
  const get = async (path: string) =>
    (await system.http().get(path).auth(tokens.auditor, { type: 'bearer' }).expect(200)).body;
  // policies deliver the MOU's terms to reimbursement asynchronously (through Kafka in that mode)
  const eventually = async <T>(attempt: () => Promise<T>): Promise<T> => {
    const deadline = Date.now() + 45_000;
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!String(error).includes('MOU_TERMS_NOT_FOUND') || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };

  it('pays the quarter from the pool with a loan and reports every figure to the cent', async () => {
    const mouRef = `DOS/MINUSMA/BGD/${run.slice(0, 2).toUpperCase()}`;
    await csv(tokens.clerk, '/v1/imports/mou-register', [
      'mou_ref,mission,contributor,unit,unit_type,personnel,negotiation_opened,deployed_on,signed_by_contributor,signed_by_un',
      `${mouRef},MINUSMA,BGD,BGD infantry,INF,100,2018-10-01,2019-01-01,2019-01-10,2019-01-10`,
    ]);
    const mous = await get('/v1/mous?contributor=BGD&pageSize=50');
    const mouId = (mous.items as { mouId: string; mouRef: string }[]).find((m) => m.mouRef === mouRef)!.mouId;
    const report = (strength: number) => ({
      reportedOn: '2019-05-03',
      strength,
      equipment: [],
      selfSustainment: [],
    });

    await send(tokens.officerA, '/v1/rate-tables/cash-pool/versions', {
      ...{ effectiveFrom: '2019-07-01', issuedOn: '2019-06-30' },
      ...{ pooled: true, operatingReservePct: '10' },
    });
    await eventually(() =>
      send(tokens.officerA, '/v1/verification-reports', { mouId, period: '2019-04', ...report(100) }),
    );
    const c1 = await send(tokens.officerA, '/v1/claims', {
      mouId,
      period: '2019-04',
      preparedOn: '2019-05-05',
    });
    expect(c1.amountUsd).toBe('142800.00');
    await send(tokens.officerB, `/v1/claims/${c1.claimId}/certification`, { certifiedOn: '2019-05-10' });
    await csv(tokens.officerA, '/v1/imports/assessments', [
      'assessment_ref,mission,amount,received_on',
      'MINUSMA/2019-05,MINUSMA,142800.00,2019-05-20',
    ]);
    await csv(tokens.officerA, '/v1/imports/payments', [
      'payment_ref,mission,contributor,amount,paid_on,claim_ref',
      `P-C1-${run},MINUSMA,BGD,142800.00,2019-06-01,${c1.claimRef}`,
    ]);
    await send(tokens.officerA, `/v1/verification-reports/${mouId}/2019-04/corrections`, {
      ...report(90),
      reason: 'Ten were on leave',
    });
    const adj = await send(tokens.officerA, `/v1/claims/${c1.claimId}/adjustments`, {
      adjustedOn: '2019-06-03',
    });
    expect(adj.amountUsd).toBe('-14280.00');
    await send(tokens.officerB, `/v1/claims/${adj.claimId}/certification`, { certifiedOn: '2019-06-05' });

    await csv(tokens.officerA, '/v1/imports/certified-claims', [
      'claim_ref,mission,contributor,category,period,amount,certified_on',
      'Q-1,MINUSMA,BGD,personnel,2019-06,50000.00,2019-07-02',
      'Q-2,UNMISS,NPL,personnel,2019-06,80000.00,2019-07-03',
      'Q-3,UNISFA,ETH,personnel,2019-06,20000.00,2019-07-04',
    ]);
    const loa = await send(tokens.officerA, '/v1/letters-of-assist', {
      ...{ loaRef: `LOA/UNMISS/NPL/${run}`, mission: 'UNMISS', contributor: 'NPL' },
      ...{ description: 'Airlift', notToExceedUsd: '100000.00', issuedOn: '2019-07-01' },
    });
    await send(tokens.officerA, `/v1/letters-of-assist/${loa.loaId}/invoices`, {
      ...{ invoiceRef: 'INV-1', period: '2019-07', amountUsd: '30000.00', recordedOn: '2019-07-08' },
    });
    await send(tokens.officerB, `/v1/letters-of-assist/${loa.loaId}/invoices/INV-1/certification`, {
      certifiedOn: '2019-07-10',
    });
    const dd = await send(tokens.officerA, '/v1/death-and-disability-cases', {
      ...{
        mission: 'UNMISS',
        contributor: 'NPL',
        personRef: `NPL-${run.toUpperCase()}`,
        incidentOn: '2019-07-05',
      },
      ...{ type: 'disability', degreePct: '40.00', recordedOn: '2019-07-08' },
    });
    await send(tokens.officerB, `/v1/death-and-disability-cases/${dd.caseId}/certification`, {
      certifiedOn: '2019-07-12',
    });
    const incident = await send(tokens.officerA, '/v1/hostile-action-incidents', {
      ...{ incidentRef: `HA/${run}`, mouId, cause: 'hostile-action' },
      ...{ occurredOn: '2019-07-02', recordedOn: '2019-07-06' },
      items: [{ category: 'armoured-personnel-carrier', item: 'apc-wheeled', quantity: 2, gfmvEachUsd: '150000.00' }],
    });
    expect(incident.totalGfmvUsd).toBe('300000.00');
    await send(tokens.officerB, `/v1/hostile-action-incidents/${incident.incidentId}/certification`, {
      certifiedOn: '2019-07-15',
    });

    for (const [mission, amountUsd] of [
      ['MINUSMA', '100000.00'],
      ['UNMISS', '600000.00'],
      ['UNISFA', '10000.00'],
    ])
      await send(tokens.officerA, `/v1/funds/${mission}/assessments`, {
        amountUsd,
        receivedOn: '2019-08-01',
      });
    await send(tokens.officerA, '/v1/missions/UNISFA/status', {
      status: 'closed',
      effectiveFrom: '2019-08-15',
    });

    const proposed = await send(tokens.officerA, '/v1/payment-runs', {
      quarter: '2019-Q3',
      runOn: '2019-09-30',
    });
    expect(proposed.plan).toMatchObject({
      ...{ paidUsd: '482720.00', paidWithoutPoolUsd: '237000.00' },
      loans: [{ lenderMission: 'UNMISS', borrowerMission: 'MINUSMA', amountUsd: '245720.00' }],
    });
    await send(tokens.officerB, `/v1/payment-runs/${proposed.runId}/approval`, {});

    // the read models' lag counts what Kafka holds: in that transport the relay may not have published the
    // run's payments yet when the lag first reads zero, so wait for the report to show the run paid
    const deadline = Date.now() + 60_000;
    for (;;) {
      await waitForProjections(url, tokens.admin, 60_000);
      const { paid } = await get('/v1/reports/payables?asOf=2019-09-30');
      if (paid !== '142800.00' || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await waitForProjections(url, tokens.admin, 60_000);
    const funds = await get('/v1/funds?asOf=2019-09-30');
    expect(funds.map((f: { mission: string; cashUsd: string }) => [f.mission, f.cashUsd])).toEqual([
      ['MINUSMA', '10000.00'],
      ['UNISFA', '1000.00'],
      ['UNMISS', '216280.00'],
    ]);
    const payables = await get('/v1/reports/payables?asOf=2019-09-30');
    expect(payables).toMatchObject({ certified: '636520.00', paid: '625520.00', outstanding: '11000.00' });
    expect(
      payables.contributors.map((c: { contributor: string; outstanding: string }) => [
        c.contributor,
        c.outstanding,
      ]),
    ).toEqual([
      ['ETH', '11000.00'],
      ['BGD', '0.00'],
      ['NPL', '0.00'],
    ]);
    // BGD: 142,800 − 14,280 + 50,000 + 300,000 = 478,520.00 certified, all paid (142,800 + 335,720)
    const statement = await get('/v1/reports/contributors/BGD/statement?asOf=2019-09-30');
    expect(statement).toMatchObject({
      certified: '478520.00',
      paid: '478520.00',
      outstanding: '0.00',
      credits: '0.00',
    });
    const cashPool = await get('/v1/reports/cash-pool?asOf=2019-09-30');
    expect(
      cashPool.funds.map((f: { mission: string; status: string; cash: string }) => [
        f.mission,
        f.status,
        f.cash,
      ]),
    ).toEqual([
      ['MINUSMA', 'active', '10000.00'],
      ['UNISFA', 'closed', '1000.00'],
      ['UNMISS', 'active', '216280.00'],
    ]);
    // the pool counts the active missions' cash only: 10,000.00 + 216,280.00
    expect(cashPool.pool.cash).toBe('226280.00');
    const runs = await get('/v1/reports/payment-runs');
    expect(runs.runs[0]).toMatchObject({
      paid: '482720.00',
      paidWithoutPool: '237000.00',
      paidThanksToPool: '245720.00',
    });
  }, 180_000);

  // Stored events are not the published contract: each topic carries the service's contract events only,
  // every one in its contract's shape (libs/contracts), and the rest of the quarter stays in the stores.
  if (transport === 'kafka')
    it('publishes on its topics only contract events, each in its contract shape', async () => {
      const { counts, problems } = await readContractTopics(
        system.pool,
        system.schemaPrefix,
        `quarter-${run}`,
      );
      expect(problems).toEqual([]);
      for (const { stored, published } of Object.values(counts)) expect(published).toBe(stored);
      // claims, payments, the fund, loans, the run, the incident and the closing were all published
      expect(counts.reimbursement!.published).toBeGreaterThan(0);
      // verification reports, the letter of assist, the D&D case and the run's proposal were not
      expect(counts.reimbursement!.privateStored).toBeGreaterThan(0);
      expect(counts['mou-negotiation']!.published).toBeGreaterThan(0);
    }, 120_000);
});
