import { Clock, SystemClock } from '@coe/event-store';
import { EventSourcingModule, serviceSchema } from '@coe/messaging';
import { DocumentsModule, type OpenApiOptions, type PlatformConfig } from '@coe/platform';
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
import { claimRunDecider } from './claim-run/claim-run.decider';
import { CertifyClaimRunHandler, RunMonthlyClaimsHandler } from './claim-run/claim-run.handlers';
import { ClaimRunHttpController } from './claim-run/claim-run.http.controller';
import { claimDecider } from './claim/claim.decider';
import {
  AdjustClaimHandler,
  CertifyClaimHandler,
  PrepareClaimHandler,
  VoidClaimHandler,
} from './claim/claim.handlers';
import { ClaimHttpController } from './claim/claim.http.controller';
import { ExportClaimsHandler, GetClaimHandler, ListClaimsHandler } from './claim/claim.queries';
import { ImportCertifiedClaimsHandler } from './imports/certified-claims.import';
import { ImportsHttpController } from './imports/imports.http.controller';
import { ImportPaymentsHandler } from './imports/payments.import';
import { ImportVerificationReportsHandler } from './imports/verification-reports.import';
import { ImportAssessmentsHandler } from './imports/assessments.import';
import { MouTermsHandler, MouTermsHttpController } from './mou-terms/mou-terms.http.controller';
import { paymentDecider } from './payment/payment.decider';
import { premiumDecider } from './premium/premium.decider';
import { GrantPremiumHandler, PremiumGrantsHandler } from './premium/premium.handlers';
import { PremiumHttpController } from './premium/premium.http.controller';
import { ListPaymentsHandler, PaymentHttpController } from './payment/payment.http.controller';
import { rateTableDecider } from './rate-table/rate-table.decider';
import { IssueRateTableVersionHandler } from './rate-table/rate-table.handlers';
import { RateTableHttpController } from './rate-table/rate-table.http.controller';
import {
  AffectedClaimsHandler,
  GetRateTableHandler,
  ListRateTablesHandler,
} from './rate-table/rate-table.queries';
import { RateTableSeeder } from './rate-table/rate-table.seeder';
import { ReimbursementStartup } from './reimbursement.startup';
import { deathAndDisabilityDecider } from './death-and-disability/death-and-disability.decider';
import {
  CertifyDeathAndDisabilityCaseHandler,
  RecordDeathAndDisabilityCaseHandler,
} from './death-and-disability/death-and-disability.handlers';
import { DeathAndDisabilityHttpController } from './death-and-disability/death-and-disability.http.controller';
import { hostileActionDecider } from './hostile-action/hostile-action.decider';
import {
  CertifyHostileActionIncidentHandler,
  RecordHostileActionIncidentHandler,
} from './hostile-action/hostile-action.handlers';
import { HostileActionHttpController } from './hostile-action/hostile-action.http.controller';
import { letterOfAssistDecider } from './letter-of-assist/letter-of-assist.decider';
import {
  CertifyLetterOfAssistInvoiceHandler,
  CloseLetterOfAssistHandler,
  IssueLetterOfAssistHandler,
  RecordLetterOfAssistInvoiceHandler,
} from './letter-of-assist/letter-of-assist.handlers';
import { LetterOfAssistHttpController } from './letter-of-assist/letter-of-assist.http.controller';
import { GetPayableRecordHandler, ListPayableRecordsHandler } from './payable-records/payable-record.queries';
import { REIMBURSEMENT_SCHEMA, ReimbursementDatabase } from './shared/reimbursement.database';
import { verificationDecider } from './verification/verification.decider';
import { VerificationDocumentReader } from './verification/verification.documents.reader';
import { RecordVerificationReportHandler } from './verification/verification.handlers';
import { VerificationHttpController } from './verification/verification.http.controller';
import {
  GetVerificationReportHandler,
  ListVerificationReportsHandler,
} from './verification/verification.queries';
import { reimbursementPublished } from './reimbursement.to-contracts';

export type ReimbursementModuleOptions = {
  config: PlatformConfig;
  /** Prefix of this service's schema, so tests can run on a fresh one. */
  schemaPrefix?: string;
};

export const REIMBURSEMENT_OPENAPI: OpenApiOptions = {
  title: 'COE Ledger: reimbursement',
  description:
    'Rate tables, verification reports, claims, certification, the cash pool, payment runs, payments, and legacy claims and payments.',
};

const AGGREGATES = [
  { streamPrefix: 'rate-table-', decider: rateTableDecider },
  { streamPrefix: 'verification-', decider: verificationDecider },
  { streamPrefix: 'claim-run-', decider: claimRunDecider },
  { streamPrefix: 'claim-', decider: claimDecider },
  { streamPrefix: 'payment-run-', decider: paymentRunDecider },
  { streamPrefix: 'payment-', decider: paymentDecider },
  { streamPrefix: 'fund-', decider: fundDecider },
  { streamPrefix: 'loan-', decider: loanDecider },
  { streamPrefix: 'premium-', decider: premiumDecider },
  { streamPrefix: 'letter-of-assist-', decider: letterOfAssistDecider },
  { streamPrefix: 'death-and-disability-', decider: deathAndDisabilityDecider },
  { streamPrefix: 'hostile-action-', decider: hostileActionDecider },
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
        EventSourcingModule.forService({
          service: 'reimbursement',
          schema,
          aggregates: AGGREGATES,
          toContracts: reimbursementPublished,
        }),
        // POST /v1/documents and GET /v1/documents/{sha256}: the inspectors' reports
        DocumentsModule,
      ],
      controllers: [
        RateTableHttpController,
        VerificationHttpController,
        MouTermsHttpController,
        ClaimHttpController,
        ClaimRunHttpController,
        CashPoolHttpController,
        PaymentHttpController,
        ImportsHttpController,
        PremiumHttpController,
        LetterOfAssistHttpController,
        DeathAndDisabilityHttpController,
        HostileActionHttpController,
      ],
      providers: [
        { provide: REIMBURSEMENT_SCHEMA, useValue: schema },
        { provide: Clock, useClass: SystemClock },
        ReimbursementDatabase,
        RateTableSeeder,
        ReimbursementStartup,
        IssueRateTableVersionHandler,
        ListRateTablesHandler,
        GetRateTableHandler,
        AffectedClaimsHandler,
        RecordVerificationReportHandler,
        VerificationDocumentReader,
        GetVerificationReportHandler,
        ListVerificationReportsHandler,
        MouTermsHandler,
        PrepareClaimHandler,
        AdjustClaimHandler,
        CertifyClaimHandler,
        VoidClaimHandler,
        RunMonthlyClaimsHandler,
        CertifyClaimRunHandler,
        ListClaimsHandler,
        ExportClaimsHandler,
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
        ImportVerificationReportsHandler,
        ImportAssessmentsHandler,
        GrantPremiumHandler,
        PremiumGrantsHandler,
        GetPayableRecordHandler,
        ListPayableRecordsHandler,
        IssueLetterOfAssistHandler,
        RecordLetterOfAssistInvoiceHandler,
        CertifyLetterOfAssistInvoiceHandler,
        CloseLetterOfAssistHandler,
        RecordDeathAndDisabilityCaseHandler,
        CertifyDeathAndDisabilityCaseHandler,
        RecordHostileActionIncidentHandler,
        CertifyHostileActionIncidentHandler,
      ],
    };
  }
}
