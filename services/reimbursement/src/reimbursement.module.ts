import { Clock, SystemClock } from '@coe/event-store';
import { EventSourcingModule, serviceSchema } from '@coe/messaging';
import type { OpenApiOptions, PlatformConfig } from '@coe/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CashPoolHttpController } from './cash-pool/cash-pool.http.controller';
import {
  FundPositionsHandler,
  LoansHandler,
  PaymentRunHandler,
  PaymentRunsHandler,
} from './cash-pool/cash-pool.queries';
import { fundDecider, loanDecider } from './cash-pool/fund.decider';
import { ReceiveAssessmentHandler } from './cash-pool/fund.handlers';
import { MissionStatusQueryHandler, RecordMissionStatusHandler } from './cash-pool/mission-status.handlers';
import { paymentRunDecider } from './cash-pool/payment-run.decider';
import { ApprovePaymentRunHandler, ProposePaymentRunHandler } from './cash-pool/payment-run.handlers';
import { claimDecider } from './claim/claim.decider';
import { AdjustClaimHandler, CertifyClaimHandler, PrepareClaimHandler } from './claim/claim.handlers';
import { RecordPayableHandler } from './claim/payable.handlers';
import { ClaimHttpController } from './claim/claim.http.controller';
import { GetClaimHandler, ListClaimsHandler } from './claim/claim.queries';
import { ImportCertifiedClaimsHandler } from './imports/certified-claims.import';
import { ImportsHttpController } from './imports/imports.http.controller';
import { ImportPaymentsHandler } from './imports/payments.import';
import { MouTermsHandler, MouTermsHttpController } from './mou-terms/mou-terms.http.controller';
import { paymentDecider } from './payment/payment.decider';
import { ListPaymentsHandler, PaymentHttpController } from './payment/payment.http.controller';
import { rateTableDecider } from './rate-table/rate-table.decider';
import { IssueRateTableVersionHandler } from './rate-table/rate-table.handlers';
import { RateTableHttpController } from './rate-table/rate-table.http.controller';
import { GetRateTableHandler, ListRateTablesHandler } from './rate-table/rate-table.queries';
import { RateTableSeeder } from './rate-table/rate-table.seeder';
import { ReimbursementStartup } from './reimbursement.startup';
import { REIMBURSEMENT_SCHEMA, ReimbursementDatabase } from './shared/reimbursement.database';
import { verificationDecider } from './verification/verification.decider';
import { RecordVerificationReportHandler } from './verification/verification.handlers';
import { VerificationHttpController } from './verification/verification.http.controller';
import {
  GetVerificationReportHandler,
  ListVerificationReportsHandler,
} from './verification/verification.queries';

export type ReimbursementModuleOptions = {
  config: PlatformConfig;
  /** Prefix of this service's schema, so tests can run on a fresh one. */
  schemaPrefix?: string;
};

export const REIMBURSEMENT_OPTIONS = Symbol('REIMBURSEMENT_OPTIONS');

export const REIMBURSEMENT_OPENAPI: OpenApiOptions = {
  title: 'COE Ledger: reimbursement',
  description:
    'Rate tables, verification reports, claims, certification, the cash pool, payment runs, payments, and legacy claims and payments.',
};

const AGGREGATES = [
  { streamPrefix: 'rate-table-', decider: rateTableDecider },
  { streamPrefix: 'verification-', decider: verificationDecider },
  { streamPrefix: 'claim-', decider: claimDecider },
  { streamPrefix: 'payment-run-', decider: paymentRunDecider },
  { streamPrefix: 'payment-', decider: paymentDecider },
  { streamPrefix: 'fund-', decider: fundDecider },
  { streamPrefix: 'loan-', decider: loanDecider },
];

/**
 * Composition root of reimbursement. Imported next to the global PlatformModule, which provides the
 * config, the pg pool (PG_POOL), health and metrics, so the single-process app can compose all four.
 */
@Module({})
export class ReimbursementModule {
  static register(options: ReimbursementModuleOptions): DynamicModule {
    const schema = serviceSchema('reimbursement', options.schemaPrefix);
    return {
      module: ReimbursementModule,
      imports: [
        CqrsModule.forRoot(),
        EventSourcingModule.forService({ service: 'reimbursement', schema, aggregates: AGGREGATES }),
      ],
      controllers: [
        RateTableHttpController,
        VerificationHttpController,
        MouTermsHttpController,
        ClaimHttpController,
        CashPoolHttpController,
        PaymentHttpController,
        ImportsHttpController,
      ],
      providers: [
        { provide: REIMBURSEMENT_OPTIONS, useValue: options },
        { provide: REIMBURSEMENT_SCHEMA, useValue: schema },
        { provide: Clock, useClass: SystemClock },
        ReimbursementDatabase,
        RateTableSeeder,
        ReimbursementStartup,
        IssueRateTableVersionHandler,
        ListRateTablesHandler,
        GetRateTableHandler,
        RecordVerificationReportHandler,
        GetVerificationReportHandler,
        ListVerificationReportsHandler,
        MouTermsHandler,
        PrepareClaimHandler,
        AdjustClaimHandler,
        CertifyClaimHandler,
        RecordPayableHandler,
        ListClaimsHandler,
        GetClaimHandler,
        ReceiveAssessmentHandler,
        RecordMissionStatusHandler,
        MissionStatusQueryHandler,
        ProposePaymentRunHandler,
        ApprovePaymentRunHandler,
        FundPositionsHandler,
        LoansHandler,
        PaymentRunsHandler,
        PaymentRunHandler,
        ListPaymentsHandler,
        ImportCertifiedClaimsHandler,
        ImportPaymentsHandler,
      ],
      exports: [REIMBURSEMENT_OPTIONS],
    };
  }
}
