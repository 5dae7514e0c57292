import { ApiProperty } from '@nestjs/swagger';
import type { FundPosition, LoanView } from './cash-pool.read-model';
import type { PaymentRunView } from './payment-run.read-model';
import type { PaymentView } from '../payment/payment.read-model';

const RUN_ID = 'e3b0c442-98fc-4c14-9afb-f4c8996fb924';
const LOAN_ID = '5f2b8c1e-3a4d-4e6f-8a9b-0c1d2e3f4a5b';
const CLAIM_ID = '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d';

export class FundPositionResponse implements FundPosition {
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: '125000000.00', description: 'Assessments received' }) receivedUsd!: string;
  @ApiProperty({ example: '98000000.00', description: 'Paid to contributors' }) paidUsd!: string;
  @ApiProperty({ example: '0.00', description: 'Lent to other missions, not yet repaid' })
  lentOutstandingUsd!: string;
  @ApiProperty({ example: '5000000.00', description: 'Borrowed from other missions, not yet repaid' })
  borrowedOutstandingUsd!: string;
  @ApiProperty({ example: '32000000.00' }) cashUsd!: string;
}

export class LoanRepaymentResponse {
  @ApiProperty({ example: LOAN_ID }) loanId!: string;
  @ApiProperty({ example: 'UNMISS' }) lenderMission!: string;
  @ApiProperty({ example: '5000000.00' }) amountUsd!: string;
}

export class AssessmentReceivedResponse {
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: '125000000.00' }) amountUsd!: string;
  @ApiProperty({ example: '2019-08-15' }) receivedOn!: string;
  @ApiProperty({ type: [LoanRepaymentResponse], description: 'What it repaid first, oldest loan first' })
  repayments!: LoanRepaymentResponse[];
}

export class MissionStatusChangeResponse {
  @ApiProperty({ enum: ['active', 'closing', 'closed'] }) status!: string;
  @ApiProperty({ example: '2019-11-20' }) effectiveFrom!: string;
}

export class MissionStatusResponse {
  @ApiProperty({ example: 'UNMISS' }) mission!: string;
  @ApiProperty({ example: '2019-11-30' }) asOf!: string;
  @ApiProperty({ enum: ['active', 'closing', 'closed'], description: 'On asOf' }) status!: string;
  @ApiProperty({ type: [MissionStatusChangeResponse], description: 'Every recorded change, oldest first' })
  history!: MissionStatusChangeResponse[];
}

export class LoanResponse implements LoanView {
  @ApiProperty({ example: LOAN_ID }) loanId!: string;
  @ApiProperty({ example: 'UNMISS' }) lenderMission!: string;
  @ApiProperty({ example: 'MINUSMA' }) borrowerMission!: string;
  @ApiProperty({ example: '2019-09-25' }) lentOn!: string;
  @ApiProperty({ example: '5000000.00' }) amountUsd!: string;
  @ApiProperty({ example: '0.00' }) repaidUsd!: string;
  @ApiProperty({ example: '5000000.00' }) outstandingUsd!: string;
  @ApiProperty({ example: RUN_ID }) paymentRunId!: string;
}

export class AllocationResponse {
  @ApiProperty({ example: CLAIM_ID }) claimId!: string;
  @ApiProperty({ example: 'CLM-MINUSMA-BGD-2019-06' }) claimRef!: string;
  @ApiProperty({ example: '1428000.00' }) amountUsd!: string;
}

export class PlannedPaymentResponse {
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: '1428000.00' }) amountUsd!: string;
  @ApiProperty({ type: [AllocationResponse], description: 'The claims it settles, oldest first' })
  allocations!: AllocationResponse[];
}

export class PlannedLoanResponse {
  @ApiProperty({ example: 'UNMISS' }) lenderMission!: string;
  @ApiProperty({ example: 'MINUSMA' }) borrowerMission!: string;
  @ApiProperty({ example: '5000000.00' }) amountUsd!: string;
}

export class PaymentRunPlanResponse {
  @ApiProperty({ example: true, description: 'Whether the cash pool was in force' }) pooled!: boolean;
  @ApiProperty({ example: '1100000.00' }) availableCashUsd!: string;
  @ApiProperty({ example: '110000.00' }) reserveUsd!: string;
  @ApiProperty({ example: '990000.00' }) paidUsd!: string;
  @ApiProperty({ example: '490000.00', description: 'What each mission’s own cash alone would have paid' })
  paidWithoutPoolUsd!: string;
  @ApiProperty({ type: [PlannedPaymentResponse] }) payments!: PlannedPaymentResponse[];
  @ApiProperty({ type: [PlannedLoanResponse] }) loans!: PlannedLoanResponse[];
}

export class PaymentRunSummaryResponse implements Omit<PaymentRunView, 'plan'> {
  @ApiProperty({ example: RUN_ID }) runId!: string;
  @ApiProperty({ example: '2019-Q3' }) quarter!: string;
  @ApiProperty({ example: '2019-09-25', description: 'The payment date' }) runOn!: string;
  @ApiProperty({ enum: ['proposed', 'executed'] }) status!: 'proposed' | 'executed';
  @ApiProperty({ example: '2019-09-20' }) proposedOn!: string;
  @ApiProperty({ example: 'officer-a' }) proposedBy!: string;
  @ApiProperty({ nullable: true, example: '2019-09-25' }) approvedOn!: string | null;
  @ApiProperty({ nullable: true, example: 'officer-b' }) approvedBy!: string | null;
  @ApiProperty({
    nullable: true,
    example: '2026-12-04T09:12:03.000Z',
    description: 'When the proposal was recorded (null only on a row the migration could not date)',
  })
  proposedAt!: string | null;
  @ApiProperty({
    nullable: true,
    example: '2026-12-04T09:30:41.000Z',
    description: 'When the approval was recorded',
  })
  approvedAt!: string | null;
  @ApiProperty({ example: 2, description: 'The stream version, also the ETag' }) version!: number;
}

export class PaymentRunResponse extends PaymentRunSummaryResponse implements PaymentRunView {
  @ApiProperty({ type: PaymentRunPlanResponse }) plan!: PaymentRunPlanResponse;
}

export class PaymentResponse implements PaymentView {
  @ApiProperty({ example: '0d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a' }) paymentId!: string;
  @ApiProperty({ example: 'PAY-2019-Q3-MINUSMA-BGD' }) paymentRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: '1428000.00' }) amountUsd!: string;
  @ApiProperty({ example: '2019-09-25' }) paidOn!: string;
  @ApiProperty({ nullable: true, example: RUN_ID, description: 'Set when a payment run made it' })
  paymentRunId!: string | null;
  @ApiProperty({ nullable: true, example: null, description: 'The claim an imported payment named' })
  requestedClaimRef!: string | null;
  @ApiProperty({ type: [AllocationResponse] }) allocations!: AllocationResponse[];
}

export class PaymentPageResponse {
  @ApiProperty({ type: [PaymentResponse] }) items!: PaymentResponse[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}
