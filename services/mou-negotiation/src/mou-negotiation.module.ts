import { Clock, EventStore, SystemClock, runMigrations } from '@coe/event-store';
import { EventSourcingModule, serviceSchema } from '@coe/messaging';
import { DocumentsModule, type OpenApiOptions, PG_POOL, type PlatformConfig } from '@coe/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { mouNegotiationMigrations } from './mou-negotiation.migrations';
import { MOU_SCHEMA } from './mou-negotiation.options';
import { mouDecider } from './mou/mou.decider';
import { MouDocumentReader } from './mou/mou.documents.reader';
import {
  ProposeMouAmendmentHandler,
  ProposeMouAmendmentTermsHandler,
  SignMouAmendmentHandler,
  WithdrawMouAmendmentHandler,
} from './mou/mou.amendments.handlers';
import {
  CloseMouHandler,
  DraftMouCommandHandler,
  ProposeMouTermsHandler,
  SendMouToPermanentMissionHandler,
  SignMouHandler,
  WithdrawMouHandler,
} from './mou/mou.handlers';
import { MouAmendmentsHttpController } from './mou/mou.amendments.http.controller';
import { MouHttpController } from './mou/mou.http.controller';
import { GetMouQueryHandler, ListMousQueryHandler } from './mou/mou.queries';
import { MouWriter } from './mou/mou.writer';
import { UnitPolicies } from './policies/unit-policies';
import { CoeCodesHttpController } from './reference/coe-codes.http.controller';
import { ImportMouRegisterHandler } from './register-import/register-import.handler';
import { RegisterImportHttpController } from './register-import/register-import.http.controller';
import { mouNegotiationPublished } from './mou-negotiation.to-contracts';

export type MouNegotiationModuleOptions = {
  config: PlatformConfig;
  /** Prefix of this service's schema, so tests can run on a fresh one. */
  schemaPrefix?: string;
};

const MOU_READ_TABLES = Symbol('MOU_READ_TABLES');

export const MOU_NEGOTIATION_OPENAPI: OpenApiOptions = {
  title: 'COE Ledger: MOU negotiation',
  description:
    'Memoranda of understanding: drafting, negotiation, signatures, amendments and the legacy MOU register.',
};

/**
 * Composition root of mou-negotiation. Imported next to the global PlatformModule, which provides the
 * config, the pg pool (PG_POOL), health and metrics, so the single-process app can compose all four.
 */
@Module({})
export class MouNegotiationModule {
  static register(options: MouNegotiationModuleOptions): DynamicModule {
    const schema = serviceSchema('mou-negotiation', options.schemaPrefix);
    return {
      module: MouNegotiationModule,
      imports: [
        CqrsModule.forRoot(),
        EventSourcingModule.forService({
          service: 'mou-negotiation',
          schema,
          aggregates: [{ streamPrefix: 'mou-', decider: mouDecider }],
          toContracts: mouNegotiationPublished,
        }),
        // POST /v1/documents and GET /v1/documents/{sha256}: the signed MOU, a note verbale
        DocumentsModule,
      ],
      controllers: [
        MouHttpController,
        MouAmendmentsHttpController,
        RegisterImportHttpController,
        CoeCodesHttpController,
      ],
      providers: [
        { provide: MOU_SCHEMA, useValue: schema },
        { provide: Clock, useClass: SystemClock },
        {
          // the read tables live next to the events (the store creates the schema first)
          provide: MOU_READ_TABLES,
          inject: [PG_POOL, EventStore],
          useFactory: (pool: Pool) => runMigrations(pool, schema, mouNegotiationMigrations),
        },
        MouWriter,
        DraftMouCommandHandler,
        ProposeMouTermsHandler,
        SendMouToPermanentMissionHandler,
        SignMouHandler,
        WithdrawMouHandler,
        CloseMouHandler,
        ProposeMouAmendmentHandler,
        ProposeMouAmendmentTermsHandler,
        SignMouAmendmentHandler,
        WithdrawMouAmendmentHandler,
        ListMousQueryHandler,
        GetMouQueryHandler,
        MouDocumentReader,
        ImportMouRegisterHandler,
        UnitPolicies,
      ],
    };
  }
}
