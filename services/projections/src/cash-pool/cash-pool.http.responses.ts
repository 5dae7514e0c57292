import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CashPoolReport } from './cash-pool.report';
import type { PaymentRunView, PaymentRuns } from './payment-runs.query';

// Money fields end in `Usd` in every answer (docs/api-conventions.md), as /v1/funds and /v1/payment-runs
// name them. These reports first named them without the suffix: those names stay, deprecated, until a
// client no longer reads them.

const usd = (example: string, description?: string) =>
  ApiProperty({ example, description: description ? `USD. ${description}` : 'USD' });
const deprecatedFor = (name: string, example: string) =>
  ApiProperty({ example, deprecated: true, description: `Deprecated: read ${name}.` });

/** The cash-pool report with the `Usd` names added next to the first ones. */
export const cashPoolAnswer = <R extends CashPoolReport>(report: R) => ({
  ...report,
  funds: report.funds.map((f) => ({
    ...f,
    receivedUsd: f.received,
    paidUsd: f.paidToContributors,
    lentOutstandingUsd: f.lent,
    borrowedOutstandingUsd: f.borrowed,
    cashUsd: f.cash,
  })),
  pool: { ...report.pool, cashUsd: report.pool.cash },
  closedMissionsWithCashDeficit: report.closedMissionsWithCashDeficit.map((c) => ({ ...c, cashUsd: c.cash })),
  reserve: { ...report.reserve, amountUsd: report.reserve.amount },
  outstandingPayablesUsd: report.outstandingPayables,
  nextRun: {
    ...report.nextRun,
    availableAfterReserveUsd: report.nextRun.availableAfterReserve,
    couldPayUsd: report.nextRun.couldPay,
  },
});

const runWithUsdNames = (run: Omit<PaymentRunView, 'runId' | 'quarter' | 'executedOn' | 'payments'>) => ({
  availableCashUsd: run.availableCash,
  reserveUsd: run.reserve,
  paidUsd: run.paid,
  paidWithoutPoolUsd: run.paidWithoutPool,
  paidThanksToPoolUsd: run.paidThanksToPool,
  paymentsTotalUsd: run.paymentsTotal,
});

/** The payment-runs report with the `Usd` names added next to the first ones. */
export const paymentRunsAnswer = (report: PaymentRuns) => ({
  ...report,
  runs: report.runs.map((run) => ({ ...run, ...runWithUsdNames(run) })),
  totals: {
    ...report.totals,
    paidUsd: report.totals.paid,
    paidWithoutPoolUsd: report.totals.paidWithoutPool,
    paidThanksToPoolUsd: report.totals.paidThanksToPool,
  },
});

export class CashPoolFundResponse {
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ enum: ['active', 'closing', 'closed'], description: 'On asOf' }) status!: string;
  @usd('1000.00', 'Assessments received') receivedUsd!: string;
  @usd('250.00', 'Paid to contributors') paidUsd!: string;
  @usd('200.00', 'Lent to other missions and not yet repaid') lentOutstandingUsd!: string;
  @usd('0.00', 'Borrowed from other missions and not yet repaid') borrowedOutstandingUsd!: string;
  @usd('550.00') cashUsd!: string;
  @deprecatedFor('receivedUsd', '1000.00') received!: string;
  @deprecatedFor('paidUsd', '250.00') paidToContributors!: string;
  @deprecatedFor('lentOutstandingUsd', '200.00') lent!: string;
  @deprecatedFor('borrowedOutstandingUsd', '0.00') borrowed!: string;
  @deprecatedFor('cashUsd', '550.00') cash!: string;
}

export class CashPoolTotalResponse {
  @usd('950.00', 'The cash of the missions not closed') cashUsd!: string;
  @deprecatedFor('cashUsd', '950.00') cash!: string;
}

export class ClosedMissionDeficitResponse {
  @ApiProperty({ example: 'UNMISS' }) mission!: string;
  @ApiProperty({ example: '2019-11-20' }) closedOn!: string;
  @usd('-50.00') cashUsd!: string;
  @deprecatedFor('cashUsd', '-50.00') cash!: string;
}

export class CashReserveResponse {
  @usd('400.00', 'The operating reserve') amountUsd!: string;
  @deprecatedFor('amountUsd', '400.00') amount!: string;
  @ApiProperty({ enum: ['payment-run', 'config'], description: 'The latest payment run’s, or the setting' })
  source!: string;
  @ApiPropertyOptional({ example: 'RUN-1' }) runId?: string;
  @ApiPropertyOptional({ example: '2019-Q3' }) quarter?: string;
  @ApiPropertyOptional({ example: '2019-08-15' }) executedOn?: string;
}

export class NextRunResponse {
  @usd('550.00') availableAfterReserveUsd!: string;
  @usd('150.00', 'At most what is owed') couldPayUsd!: string;
  @deprecatedFor('availableAfterReserveUsd', '550.00') availableAfterReserve!: string;
  @deprecatedFor('couldPayUsd', '150.00') couldPay!: string;
}

export class CashPoolReportResponse {
  @ApiProperty({ example: '2019-09-30' }) asOf!: string;
  @ApiProperty({ enum: ['USD'] }) currency!: string;
  @ApiProperty({ type: [CashPoolFundResponse] }) funds!: CashPoolFundResponse[];
  @ApiProperty({ type: CashPoolTotalResponse }) pool!: CashPoolTotalResponse;
  @ApiProperty({ type: [ClosedMissionDeficitResponse] })
  closedMissionsWithCashDeficit!: ClosedMissionDeficitResponse[];
  @ApiProperty({ type: CashReserveResponse }) reserve!: CashReserveResponse;
  @usd('150.00', 'Owed once credits are offset') outstandingPayablesUsd!: string;
  @deprecatedFor('outstandingPayablesUsd', '150.00') outstandingPayables!: string;
  @ApiProperty({ type: NextRunResponse }) nextRun!: NextRunResponse;
}

export class PaymentRunTotalsResponse {
  @usd('990.00') paidUsd!: string;
  @usd('490.00') paidWithoutPoolUsd!: string;
  @usd('500.00', 'What the pool let the runs pay beyond the missions’ own cash') paidThanksToPoolUsd!: string;
  @deprecatedFor('paidUsd', '990.00') paid!: string;
  @deprecatedFor('paidWithoutPoolUsd', '490.00') paidWithoutPool!: string;
  @deprecatedFor('paidThanksToPoolUsd', '500.00') paidThanksToPool!: string;
}

export class PaymentRunSummaryResponse extends PaymentRunTotalsResponse {
  @ApiProperty({ example: 'RUN-1' }) runId!: string;
  @ApiProperty({ example: '2019-Q3' }) quarter!: string;
  @ApiProperty({ example: '2019-09-25' }) executedOn!: string;
  @usd('1100.00') availableCashUsd!: string;
  @usd('110.00') reserveUsd!: string;
  @usd('990.00', 'The sum of its payments') paymentsTotalUsd!: string;
  @ApiProperty({ example: 3, description: 'How many payments it made' }) payments!: number;
  @deprecatedFor('availableCashUsd', '1100.00') availableCash!: string;
  @deprecatedFor('reserveUsd', '110.00') reserve!: string;
  @deprecatedFor('paymentsTotalUsd', '990.00') paymentsTotal!: string;
}

export class PaymentRunsReportResponse {
  @ApiProperty({ enum: ['USD'] }) currency!: string;
  @ApiProperty({ type: [PaymentRunSummaryResponse] }) runs!: PaymentRunSummaryResponse[];
  @ApiProperty({ type: PaymentRunTotalsResponse }) totals!: PaymentRunTotalsResponse;
}
