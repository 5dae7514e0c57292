import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingRuntime, serviceSchema } from '@coe/messaging';
import { type OpenApiOptions, PG_POOL, type PlatformConfig } from '@coe/platform';
import type { Pool } from 'pg';
import { CashPoolHttpController } from './cash-pool/cash-pool.http.controller';
import { GetCashPoolHandler } from './cash-pool/cash-pool.query';
import { GetPaymentRunsHandler } from './cash-pool/payment-runs.query';
import { parseProjectionsConfig, type ProjectionsConfig } from './config';
import { GetDaysToSignatureHandler } from './mou-backlog/days-to-signature.query';
import { GetMouBacklogSeriesHandler } from './mou-backlog/mou-backlog-series.query';
import { MouBacklogHttpController } from './mou-backlog/mou-backlog.http.controller';
import { GetMouBacklogHandler } from './mou-backlog/mou-backlog.query';
import { GetContributorStatementHandler } from './payables/contributor-statement.query';
import { PayablesHttpController } from './payables/payables.http.controller';
import { GetPayablesHandler } from './payables/payables.query';
import { AuditReplaysHttpController } from './projection/audit-replays.http.controller';
import { ReportChangesHttpController } from './report-changes/report-changes.http.controller';
import { GetReportChangesHandler } from './report-changes/report-changes.query';
import {
  ProjectionConsumers,
  ProjectionEngineContext,
  ProjectionRebuilds,
  ProjectionReplays,
  ProjectionStatus,
  ProjectionVersions,
  ProjectionsBoot,
} from '@coe/projection-engine';
import { ProjectionsAdminHttpController } from './projection/projections-admin.http.controller';
import { ProjectionsContext } from './projections.context';

export type ProjectionsModuleOptions = {
  config: PlatformConfig;
  /** Prefix of the read models' schema, so tests can run on a fresh one. */
  schemaPrefix?: string;
  /** This service's own settings; parsed from the environment when absent. */
  projections?: Partial<ProjectionsConfig>;
};

export const PROJECTIONS_OPENAPI: OpenApiOptions = {
  title: 'COE Ledger: projections',
  description: 'Read models and reports built from the events of every service.',
};

/**
 * Composition root of projections. Imported next to the global PlatformModule (config, pool, health,
 * metrics) and MessagingModule (the transport), so the single-process app can compose all four.
 */
@Module({})
export class ProjectionsModule {
  static register(options: ProjectionsModuleOptions): DynamicModule {
    const config = { ...parseProjectionsConfig(process.env), ...options.projections };
    const schema = serviceSchema('projections', options.schemaPrefix);
    return {
      module: ProjectionsModule,
      imports: [CqrsModule],
      controllers: [
        MouBacklogHttpController,
        PayablesHttpController,
        CashPoolHttpController,
        ProjectionsAdminHttpController,
        AuditReplaysHttpController,
        ReportChangesHttpController,
      ],
      providers: [
        {
          provide: ProjectionsContext,
          inject: [PG_POOL, MessagingRuntime],
          useFactory: (pool: Pool, runtime: MessagingRuntime) =>
            new ProjectionsContext(
              schema,
              new ProjectionVersions(pool, schema),
              new ProjectionConsumers(runtime, pool, schema, options.config),
              options.config,
              config,
            ),
        },
        { provide: ProjectionEngineContext, useExisting: ProjectionsContext },
        ProjectionStatus,
        ProjectionRebuilds,
        ProjectionReplays,
        ProjectionsBoot,
        GetMouBacklogHandler,
        GetMouBacklogSeriesHandler,
        GetDaysToSignatureHandler,
        GetPayablesHandler,
        GetReportChangesHandler,
        GetContributorStatementHandler,
        GetCashPoolHandler,
        GetPaymentRunsHandler,
      ],
    };
  }
}
