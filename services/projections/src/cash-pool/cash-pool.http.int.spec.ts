import type { Pool } from 'pg';
import request from 'supertest';
import { dropSchema, randomSchema, testPool } from '../../../../test/support/database';
import { type ProjectionsTestApp, startProjectionsTestApp } from '../testing/projections.test-app';
import {
  assessmentReceived,
  claimCertified,
  loanMade,
  loanRepaid,
  missionStatusRecorded,
  paymentMade,
  paymentRunExecuted,
} from '../testing/reimbursement-events';

// MINUSMA receives 1000.00 (2019-07-05) and 500.00 (2019-10-05), lends UNMISS 300.00 on 2019-08-01,
// repaid 100.00 on 2019-09-15 and 200.00 on 2019-10-20. UNMISS receives 200.00 (2019-07-10) and pays
// RWA 250.00 in run RUN-1 on 2019-08-15 (reserve 400.00), against a 400.00 claim certified 2019-07-20.
// RUN-2 on 2019-11-15 keeps a 300.00 reserve and pays nothing. UNMISS closes on 2019-11-20 overdrawn.
const run = (
  runId: string,
  executedOn: string,
  reserveUsd: string,
  paidUsd: string,
  paidWithoutPoolUsd: string,
) =>
  paymentRunExecuted({
    runId,
    quarter: `${executedOn.slice(0, 4)}-Q${Math.ceil(Number(executedOn.slice(5, 7)) / 3)}`,
    executedOn,
    availableCashUsd: '900.00',
    reserveUsd,
    paidUsd,
    paidWithoutPoolUsd,
  });

describe('cash pool and payment runs', () => {
  let pool: Pool;
  let prefix: string;
  let t: ProjectionsTestApp;
  let finance: string;

  beforeAll(async () => {
    pool = testPool(4);
    prefix = `${randomSchema('pc')}_`;
    t = await startProjectionsTestApp(pool, prefix, { projections: { cashReserveUsd: '50.00' } });
    await t.append('reimbursement', 'fund-MINUSMA', [
      assessmentReceived('MINUSMA', '1000.00', '2019-07-05'),
      assessmentReceived('MINUSMA', '500.00', '2019-10-05'),
    ]);
    await t.append('reimbursement', 'fund-UNMISS', [assessmentReceived('UNMISS', '200.00', '2019-07-10')]);
    await t.append('reimbursement', 'loan-L1', [
      loanMade({
        loanId: 'L1',
        lenderMission: 'MINUSMA',
        borrowerMission: 'UNMISS',
        amountUsd: '300.00',
        lentOn: '2019-08-01',
      }),
      loanRepaid({ loanId: 'L1', amountUsd: '100.00', repaidOn: '2019-09-15' }),
      loanRepaid({ loanId: 'L1', amountUsd: '200.00', repaidOn: '2019-10-20' }),
    ]);
    await t.append('reimbursement', 'claim-R1', [
      claimCertified('R1', 'RWA', 'UNMISS', '400.00', '2019-07-20'),
    ]);
    await t.append('reimbursement', 'payment-P1', [
      paymentMade('P1', 'RWA', 'UNMISS', '2019-08-15', [['R1', '250.00']], 'RUN-1'),
    ]);
    await t.append('reimbursement', 'run-RUN-1', [run('RUN-1', '2019-08-15', '400.00', '250.00', '150.00')]);
    await t.append('reimbursement', 'run-RUN-2', [run('RUN-2', '2019-11-15', '300.00', '0.00', '0.00')]);
    await t.append('reimbursement', 'mission-status-UNMISS', [
      missionStatusRecorded({ mission: 'UNMISS', status: 'closed', effectiveFrom: '2019-11-20' }),
    ]);
    await t.caughtUp();
    finance = await t.token({ roles: ['finance-officer'] });
  });

  afterAll(async () => {
    await t?.close();
    for (const s of ['projections', 'mou_negotiation', 'reimbursement'])
      await dropSchema(pool, `${prefix}${s}`);
    await pool?.end();
  });

  const get = (path: string, token = finance) =>
    request(t.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);

  it('gives each fund its cash and open loans, the pool, and what the next run could pay after the reserve', async () =>
    expect((await get('/v1/reports/cash-pool?asOf=2019-09-30').expect(200)).body).toEqual({
      asOf: '2019-09-30',
      currency: 'USD',
      funds: [
        {
          mission: 'MINUSMA',
          status: 'active',
          received: '1000.00',
          paidToContributors: '0.00',
          lent: '200.00',
          borrowed: '0.00',
          cash: '800.00',
          receivedUsd: '1000.00',
          paidUsd: '0.00',
          lentOutstandingUsd: '200.00',
          borrowedOutstandingUsd: '0.00',
          cashUsd: '800.00',
        },
        {
          mission: 'UNMISS',
          status: 'active',
          received: '200.00',
          paidToContributors: '250.00',
          lent: '0.00',
          borrowed: '200.00',
          cash: '150.00',
          receivedUsd: '200.00',
          paidUsd: '250.00',
          lentOutstandingUsd: '0.00',
          borrowedOutstandingUsd: '200.00',
          cashUsd: '150.00',
        },
      ],
      pool: { cash: '950.00', cashUsd: '950.00' },
      closedMissionsWithCashDeficit: [],
      reserve: {
        amount: '400.00',
        amountUsd: '400.00',
        source: 'payment-run',
        runId: 'RUN-1',
        quarter: '2019-Q3',
        executedOn: '2019-08-15',
      },
      outstandingPayables: '150.00',
      outstandingPayablesUsd: '150.00',
      nextRun: {
        availableAfterReserve: '550.00',
        couldPay: '150.00',
        availableAfterReserveUsd: '550.00',
        couldPayUsd: '150.00',
      },
    }));

  it('takes the configured reserve before any payment run', async () =>
    expect((await get('/v1/reports/cash-pool?asOf=2019-08-10').expect(200)).body).toMatchObject({
      funds: [
        { mission: 'MINUSMA', cash: '700.00', lent: '300.00' },
        { mission: 'UNMISS', cash: '500.00', borrowed: '300.00' },
      ],
      pool: { cash: '1200.00' },
      reserve: { amount: '50.00', source: 'config' },
      outstandingPayables: '400.00',
      nextRun: { availableAfterReserve: '1150.00', couldPay: '400.00' },
    }));

  it('takes the reserve of the latest run as of the date, and lists a closed mission’s deficit apart', async () =>
    // UNMISS: 200.00 − 250.00 = −50.00, closed on 2019-11-20: out of the pool (1,500.00 is MINUSMA's)
    expect((await get('/v1/reports/cash-pool?asOf=2019-11-30').expect(200)).body).toMatchObject({
      funds: [
        { mission: 'MINUSMA', status: 'active', cash: '1500.00', lent: '0.00' },
        { mission: 'UNMISS', status: 'closed', cash: '-50.00', borrowed: '0.00' },
      ],
      pool: { cash: '1500.00' },
      closedMissionsWithCashDeficit: [{ mission: 'UNMISS', closedOn: '2019-11-20', cash: '-50.00' }],
      reserve: { amount: '300.00', source: 'payment-run', runId: 'RUN-2' },
    }));

  it('lists payment runs oldest first with what the pool added', async () =>
    expect((await get('/v1/reports/payment-runs').expect(200)).body).toEqual({
      currency: 'USD',
      runs: [
        {
          runId: 'RUN-1',
          quarter: '2019-Q3',
          executedOn: '2019-08-15',
          availableCash: '900.00',
          reserve: '400.00',
          paid: '250.00',
          paidWithoutPool: '150.00',
          paidThanksToPool: '100.00',
          payments: 1,
          paymentsTotal: '250.00',
          availableCashUsd: '900.00',
          reserveUsd: '400.00',
          paidUsd: '250.00',
          paidWithoutPoolUsd: '150.00',
          paidThanksToPoolUsd: '100.00',
          paymentsTotalUsd: '250.00',
        },
        {
          runId: 'RUN-2',
          quarter: '2019-Q4',
          executedOn: '2019-11-15',
          availableCash: '900.00',
          reserve: '300.00',
          paid: '0.00',
          paidWithoutPool: '0.00',
          paidThanksToPool: '0.00',
          payments: 0,
          paymentsTotal: '0.00',
          availableCashUsd: '900.00',
          reserveUsd: '300.00',
          paidUsd: '0.00',
          paidWithoutPoolUsd: '0.00',
          paidThanksToPoolUsd: '0.00',
          paymentsTotalUsd: '0.00',
        },
      ],
      totals: {
        paid: '250.00',
        paidWithoutPool: '150.00',
        paidThanksToPool: '100.00',
        paidUsd: '250.00',
        paidWithoutPoolUsd: '150.00',
        paidThanksToPoolUsd: '100.00',
      },
    }));

  it('is for finance and auditors only', async () => {
    const clerk = await t.token({ roles: ['mou-clerk'] });
    await get('/v1/reports/cash-pool', clerk).expect(403);
    const representative = await t.token({ roles: ['contributor-representative'], contributor: 'RWA' });
    await get('/v1/reports/payment-runs', representative).expect(403);
    await get('/v1/reports/payment-runs', await t.token({ roles: ['auditor'] })).expect(200);
  });

  it('refuses a malformed date', async () =>
    expect((await get('/v1/reports/cash-pool?asOf=2019-09-31').expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    ));
});
