import { cashPoolReport, type FundMovements } from './cash-pool.report';

const fund = (mission: string, movements: Partial<FundMovements>): FundMovements => ({
  mission,
  receivedUsd: '0.00',
  paidUsd: '0.00',
  lentUsd: '0.00',
  borrowedUsd: '0.00',
  repaidToItUsd: '0.00',
  repaidByItUsd: '0.00',
  ...movements,
});

describe('cash pool', () => {
  // MINUSMA lent 300 to UNMISS, which repaid 100 of it and paid a contributor 250
  const movements = [
    fund('UNMISS', {
      receivedUsd: '200.00',
      paidUsd: '250.00',
      borrowedUsd: '300.00',
      repaidByItUsd: '100.00',
    }),
    fund('MINUSMA', { receivedUsd: '1000.00', lentUsd: '300.00', repaidToItUsd: '100.00' }),
  ];

  it('gives each fund its cash and open loans, missions sorted, loans cancelling out in the pool', () =>
    expect(
      cashPoolReport('2019-09-30', movements, { amountUsd: '400.00', source: 'config' }, '10000.00'),
    ).toEqual({
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
        },
        {
          mission: 'UNMISS',
          status: 'active',
          received: '200.00',
          paidToContributors: '250.00',
          lent: '0.00',
          borrowed: '200.00',
          cash: '150.00',
        },
      ],
      pool: { cash: '950.00' },
      closedMissionsWithCashDeficit: [],
      reserve: { amount: '400.00', source: 'config' },
      outstandingPayables: '10000.00',
      nextRun: { availableAfterReserve: '550.00', couldPay: '550.00' },
    }));

  it('could pay no more than is owed', () =>
    expect(
      cashPoolReport('2019-09-30', movements, { amountUsd: '0.00', source: 'config' }, '120.50').nextRun,
    ).toEqual({ availableAfterReserve: '950.00', couldPay: '120.50' }));

  it('could pay nothing when the reserve exceeds the pool, and says which run set the reserve', () => {
    const reserve = {
      amountUsd: '5000.00',
      source: 'payment-run',
      runId: 'r-1',
      quarter: '2019-Q3',
      executedOn: '2019-09-15',
    } as const;
    const report = cashPoolReport('2019-09-30', movements, reserve, '100.00');
    expect(report.nextRun).toEqual({ availableAfterReserve: '0.00', couldPay: '0.00' });
    expect(report.reserve).toEqual({
      amount: '5000.00',
      source: 'payment-run',
      runId: 'r-1',
      quarter: '2019-Q3',
      executedOn: '2019-09-15',
    });
  });

  it('lists a closed mission with a cash deficit apart, outside the pool; an overdrawn fund adds nothing to spend', () => {
    // UNAMID closed on 2019-06-30 with 50.00 received and 80.00 paid: −30.00.
    // pool = 800.00 + 150.00 (UNAMID left out) = 950.00; spendable 800.00 + 150.00 + 0.00 = 950.00 − 100.00
    const report = cashPoolReport(
      '2019-09-30',
      [...movements, fund('UNAMID', { receivedUsd: '50.00', paidUsd: '80.00' })],
      { amountUsd: '100.00', source: 'config' },
      '10000.00',
      [{ mission: 'UNAMID', status: 'closed', since: '2019-06-30' }],
    );
    expect(report.pool).toEqual({ cash: '950.00' });
    expect(report.closedMissionsWithCashDeficit).toEqual([
      { mission: 'UNAMID', closedOn: '2019-06-30', cash: '-30.00' },
    ]);
    expect(report.funds.find((f) => f.mission === 'UNAMID')).toMatchObject({
      status: 'closed',
      cash: '-30.00',
    });
    expect(report.nextRun).toEqual({ availableAfterReserve: '850.00', couldPay: '850.00' });
  });
});
