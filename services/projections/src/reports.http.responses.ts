import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// The report answers CONTRACT.md section 5 shows, with its examples. Their money fields first had the names
// the contract gives them (`certified`, `paid`, `outstanding`), in USD as `currency` says; the payables
// report and the statement now give each also under its `Usd` name (docs/api-conventions.md), the first
// name deprecated.

const usd = (example: string, description?: string) =>
  ApiProperty({ example, description: description ? `USD. ${description}` : 'USD' });
const deprecatedFor = (name: string, example: string) =>
  ApiProperty({ example, deprecated: true, description: `Deprecated: read ${name}.` });

export class MissionBacklogResponse {
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 60 }) deployedUnits!: number;
  @ApiProperty({ example: 3 }) pendingSignature!: number;
  @ApiProperty({ example: 1 }) pendingSignatureBeforeDeployment!: number;
}

export class MouBacklogResponse {
  @ApiProperty({ example: '2019-10-31' }) asOf!: string;
  @ApiProperty({ example: 356, description: 'Deployed on or before asOf and not repatriated by then' })
  deployedUnits!: number;
  @ApiProperty({ example: 13, description: 'Of those, MOUs not signed by both parties by asOf' })
  pendingSignature!: number;
  @ApiProperty({ example: 4, description: 'Negotiation opened, not signed, unit not deployed by asOf' })
  pendingSignatureBeforeDeployment!: number;
  @ApiProperty({
    type: [MissionBacklogResponse],
    description: 'By mission; missions with all counts 0 omitted',
  })
  byMission!: MissionBacklogResponse[];
}

export class BacklogPointResponse {
  @ApiProperty({ example: '2019-10' }) month!: string;
  @ApiProperty({ example: '2019-10-31', description: 'The month’s last day, the date it is counted on' })
  asOf!: string;
  @ApiProperty({ example: 356 }) deployedUnits!: number;
  @ApiProperty({ example: 13 }) pendingSignature!: number;
  @ApiProperty({ example: 4 }) pendingSignatureBeforeDeployment!: number;
}

export class MouBacklogSeriesResponse {
  @ApiProperty({ example: '2017-01' }) from!: string;
  @ApiProperty({ example: '2019-12' }) to!: string;
  @ApiProperty({ nullable: true, example: null, description: 'null: every mission' }) mission!: string | null;
  @ApiProperty({ type: [BacklogPointResponse], description: 'One point per month end' })
  points!: BacklogPointResponse[];
}

export class DaysToSignatureYearResponse {
  @ApiProperty({ example: 2019 }) year!: number;
  @ApiProperty({ example: 41 }) signed!: number;
  @ApiProperty({ example: 375 }) averageDays!: number;
  @ApiProperty({ example: 350 }) medianDays!: number;
  @ApiProperty({ example: 911 }) maxDays!: number;
}

export class DaysToSignatureResponse {
  @ApiProperty({ enum: ['deployment', 'negotiation'] }) from!: string;
  @ApiProperty({ type: [DaysToSignatureYearResponse] }) years!: DaysToSignatureYearResponse[];
}

export class AgingResponse {
  @ApiProperty({ name: '0-90', example: '20000000.00' }) d0to90!: string;
  @ApiProperty({ name: '91-180', example: '10000000.00' }) d91to180!: string;
  @ApiProperty({ name: '181-365', example: '5000000.00' }) d181to365!: string;
  @ApiProperty({ name: 'over-365', example: '3000000.00' }) over365!: string;
}

const BY_CATEGORY = {
  type: 'object',
  additionalProperties: { type: 'string' },
  description: '`certified` split by component: personnel, major_equipment, self_sustainment, …',
} as const;

export class PayablesFiguresResponse {
  @usd('52000000.00', 'Claims certified on or before asOf') certifiedUsd!: string;
  @usd('14000000.00', 'Payments made on or before asOf') paidUsd!: string;
  @usd('38000000.00', 'certifiedUsd − paidUsd') outstandingUsd!: string;
  @usd('0.00', 'Credits no payable of their mission has absorbed yet') creditsUsd!: string;
  @usd('38000000.00', 'What runs have yet to pay, credits offset') owedUsd!: string;
  @deprecatedFor('certifiedUsd', '52000000.00') certified!: string;
  @deprecatedFor('paidUsd', '14000000.00') paid!: string;
  @deprecatedFor('outstandingUsd', '38000000.00') outstanding!: string;
  @deprecatedFor('creditsUsd', '0.00') credits!: string;
  @deprecatedFor('owedUsd', '38000000.00') owed!: string;
}

export class ContributorPayablesResponse extends PayablesFiguresResponse {
  @ApiProperty({ example: 'IND' }) contributor!: string;
  @ApiProperty({ type: AgingResponse, description: 'The outstanding amount by the age of each claim' })
  aging!: AgingResponse;
  @ApiProperty({ ...BY_CATEGORY, example: { personnel: '40000000.00', major_equipment: '12000000.00' } })
  certifiedByCategory!: Record<string, string>;
}

export class PayablesReportResponse extends PayablesFiguresResponse {
  @ApiProperty({ example: '2019-03-31' }) asOf!: string;
  @ApiProperty({ enum: ['USD'] }) currency!: string;
  @ApiProperty({ ...BY_CATEGORY, example: { personnel: '900000000.00', major_equipment: '365000000.00' } })
  certifiedByCategory!: Record<string, string>;
  @ApiProperty({ type: [ContributorPayablesResponse], description: 'By outstanding, descending' })
  contributors!: ContributorPayablesResponse[];
}

export class ComponentAmountResponse {
  @ApiProperty({ example: 'personnel' }) component!: string;
  @usd('1213800.00') amountUsd!: string;
  @deprecatedFor('amountUsd', '1213800.00') amount!: string;
}

export class StatementClaimResponse {
  @ApiProperty({ example: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d' }) claimId!: string;
  @ApiProperty({ example: 'CLM-2019-001' }) claimRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'personnel' }) category!: string;
  @ApiProperty({ type: [ComponentAmountResponse], description: 'Its amount by component' })
  components!: ComponentAmountResponse[];
  @ApiProperty({ example: '2019-01' }) period!: string;
  @ApiProperty({ example: '2019-02-20' }) certifiedOn!: string;
  @usd('1428000.00') amountUsd!: string;
  @usd('0.00', 'What payments settled on it') settledUsd!: string;
  @usd('1428000.00', 'amountUsd − settledUsd: negative for a credit') outstandingUsd!: string;
  @usd('1428000.00', 'Owed once credits are offset') owedUsd!: string;
  @usd('0.00', 'For a credit: what no payable has absorbed yet') unusedCreditUsd!: string;
  @deprecatedFor('amountUsd', '1428000.00') amount!: string;
  @deprecatedFor('settledUsd', '0.00') settled!: string;
  @deprecatedFor('outstandingUsd', '1428000.00') outstanding!: string;
  @deprecatedFor('owedUsd', '1428000.00') owed!: string;
  @deprecatedFor('unusedCreditUsd', '0.00') unusedCredit!: string;
  @ApiProperty({ example: 39 }) ageDays!: number;
  @ApiProperty({ enum: ['0-90', '91-180', '181-365', 'over-365'] }) agingBucket!: string;
}

export class SettledStatementClaimResponse extends StatementClaimResponse {
  @ApiProperty({ example: '2019-03-15', description: 'The day the last payment that settled it was made' })
  settledOn!: string;
}

export class StatementAllocationResponse {
  @ApiProperty({ example: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d' }) claimId!: string;
  @ApiProperty({ example: 'CLM-2018-044' }) claimRef!: string;
  @usd('500000.00') amountUsd!: string;
  @deprecatedFor('amountUsd', '500000.00') amount!: string;
}

export class StatementPaymentResponse {
  @ApiProperty({ example: '0d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a' }) paymentId!: string;
  @ApiProperty({ example: 'PAY-2019-Q1-MINUSMA-BGD' }) paymentRef!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @usd('500000.00') amountUsd!: string;
  @deprecatedFor('amountUsd', '500000.00') amount!: string;
  @ApiProperty({ example: '2019-03-15' }) paidOn!: string;
  @ApiProperty({ nullable: true, example: null }) paymentRunId!: string | null;
  @ApiProperty({ type: [StatementAllocationResponse] }) allocations!: StatementAllocationResponse[];
}

export class StatementSplitResponse extends PayablesFiguresResponse {
  @ApiProperty({ type: AgingResponse }) aging!: AgingResponse;
}

export class StatementByMissionResponse extends StatementSplitResponse {
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
}

export class StatementByCategoryResponse extends StatementSplitResponse {
  @ApiProperty({ example: 'personnel' }) category!: string;
}

export class ContributorStatementResponse extends PayablesFiguresResponse {
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: '2019-03-31' }) asOf!: string;
  @ApiProperty({ enum: ['USD'] }) currency!: string;
  @ApiProperty({ type: AgingResponse }) aging!: AgingResponse;
  @ApiProperty({ ...BY_CATEGORY, example: { personnel: '40000000.00', major_equipment: '12000000.00' } })
  certifiedByCategory!: Record<string, string>;
  @ApiProperty({ type: [StatementByMissionResponse] }) byMission!: StatementByMissionResponse[];
  @ApiProperty({ type: [StatementByCategoryResponse] }) byCategory!: StatementByCategoryResponse[];
  @ApiProperty({
    type: [StatementClaimResponse],
    description: 'Every claim with something outstanding at asOf (owed, or a credit), oldest first',
  })
  claims!: StatementClaimResponse[];
  @ApiProperty({
    type: [SettledStatementClaimResponse],
    description: 'A page of the claims payments had settled in full by asOf, the most recently settled first',
  })
  settledClaims!: SettledStatementClaimResponse[];
  @ApiProperty({ example: 1, description: 'How many claims were settled by asOf, on every page' })
  settledClaimCount!: number;
  @ApiProperty({
    nullable: true,
    example: null,
    description: '`settledCursor` of the next page of settled claims; null on the last',
  })
  nextSettledCursor!: string | null;
  @ApiProperty({
    type: [StatementPaymentResponse],
    description: 'A page of the payments made by asOf, the latest first',
  })
  payments!: StatementPaymentResponse[];
  @ApiProperty({ example: 1, description: 'How many payments were made by asOf, on every page' })
  paymentCount!: number;
  @ApiProperty({
    nullable: true,
    example: null,
    description: '`paymentCursor` of the next page of payments; null on the last',
  })
  nextPaymentCursor!: string | null;
}

export class ReflectsResponse {
  @ApiProperty({ example: 'reimbursement' }) source!: string;
  @ApiProperty({ nullable: true, example: '1042', description: 'The last event the read model had applied' })
  globalPosition!: string | null;
  @ApiProperty({ nullable: true, example: '2019-06-04T08:12:44.310Z' }) recordedAt!: string | null;
}

export class KnownAtResponse {
  @ApiProperty({ example: '2019-06-04T09:00:00.000Z' }) knownAt!: string;
  @ApiProperty({ type: ReflectsResponse }) reflects!: ReflectsResponse;
}

export class FigureChangeResponse {
  @ApiProperty({ example: 'contributors[IND].outstanding' }) path!: string;
  @ApiProperty({ example: '38000000.00' }) from!: string;
  @ApiProperty({ example: '37500000.00' }) to!: string;
}

export class MovingEventResponse {
  @ApiProperty({ example: 'reimbursement' }) source!: string;
  @ApiProperty({ example: '1042' }) globalPosition!: string;
  @ApiProperty({ example: '2019-06-04T08:12:44.310Z' }) recordedAt!: string;
  @ApiProperty({
    enum: ['claim', 'payment', 'mou', 'receipt', 'loan', 'repayment', 'payment-run', 'mission-status'],
  })
  kind!: string;
  @ApiProperty({ example: 'PAY-2019-Q2-MINUSMA-IND', description: 'Whose: the claim, payment, MOU…' })
  key!: string;
}

export class ReportChangesResponse {
  @ApiProperty({
    enum: ['mou-backlog', 'mou-backlog-series', 'days-to-signature', 'payables', 'cash-pool', 'statement'],
  })
  report!: string;
  @ApiPropertyOptional({ example: '2019-03-31', description: 'As the report’s own route asks it' })
  asOf?: string;
  @ApiProperty({ type: KnownAtResponse }) from!: KnownAtResponse;
  @ApiProperty({ type: KnownAtResponse }) to!: KnownAtResponse;
  @ApiProperty({ type: [FigureChangeResponse], description: 'The figures that differ' })
  figures!: FigureChangeResponse[];
  @ApiProperty({ type: [MovingEventResponse], description: 'Events recorded in between that changed them' })
  events!: MovingEventResponse[];
}

export const CSV_EXAMPLES = {
  backlog: 'mission,deployedUnits,pendingSignature,pendingSignatureBeforeDeployment\r\nMINUSMA,60,3,1\r\n',
  daysToSignature: 'year,signed,averageDays,medianDays,maxDays\r\n2019,41,375,350,911\r\n',
  payables:
    'contributor,certified,paid,outstanding,aging 0-90,aging 91-180,aging 181-365,aging over-365\r\n' +
    'IND,52000000.00,14000000.00,38000000.00,20000000.00,10000000.00,5000000.00,3000000.00\r\n',
  statement:
    'claimRef,mission,category,period,certifiedOn,amount,settled,outstanding,ageDays,agingBucket\r\n' +
    'CLM-2019-001,MINUSMA,personnel,2019-01,2019-02-20,1428000.00,0.00,1428000.00,39,0-90\r\n',
};
