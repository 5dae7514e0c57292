import { Clock, SystemClock } from '@coe/event-store';
import { EventSourcingModule } from '@coe/messaging';
import { DocumentsModule, type OpenApiOptions } from '@coe/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  FORCE_GENERATION_OPTIONS,
  type ForceGenerationModuleOptions,
  forceGenerationSchema,
} from './force-generation.options';
import { ReadTables } from './force-generation.read-tables';
import {
  ElevatePledgeCommandHandler,
  PledgeWrite,
  RecordAssessmentVisitHandler,
  RecordRdlVerificationVisitHandler,
  RegisterPledgeCommandHandler,
  WithdrawPledgeHandler,
} from './pledge/pledge.handlers';
import { pledgeDecider } from './pledge/pledge.decider';
import { PledgeHttpController } from './pledge/pledge.http.controller';
import { GetPledgeQueryHandler, ListPledgesQueryHandler } from './pledge/pledge.queries';
import { AgreeSurVariationHandler, IssueSurHandler, ReviseSurHandler, SurWrite } from './sur/sur.handlers';
import { surDecider } from './sur/sur.decider';
import { SurHttpController } from './sur/sur.http.controller';
import { GetSurQueryHandler, ListSursQueryHandler } from './sur/sur.queries';
import { UnitDocumentReader } from './unit/unit.documents.reader';
import {
  DeployUnitHandler,
  RecordArrivalInspectionHandler,
  RecordPreDeploymentVisitHandler,
  RecordRepatriationInspectionHandler,
  RepatriateUnitHandler,
  RotateUnitHandler,
  UnitWrite,
} from './unit/unit.handlers';
import { unitDecider } from './unit/unit.decider';
import { UnitMouProjection } from './unit/unit.mou.projection';
import { UnitHttpController } from './unit/unit.http.controller';
import { GetUnitQueryHandler, ListUnitsQueryHandler } from './unit/unit.queries';
import { SelectUnitCommandHandler } from './unit/unit.selection.handler';
import { forceGenerationPublished } from './force-generation.to-contracts';

export { FORCE_GENERATION_OPTIONS, type ForceGenerationModuleOptions } from './force-generation.options';

export const FORCE_GENERATION_OPENAPI: OpenApiOptions = {
  title: 'COE Ledger: force generation',
  description:
    'Statements of unit requirement, PCRS pledges, assessment visits, unit selection, deployment, rotation and repatriation.',
};

/**
 * Composition root of force-generation. Imported next to the global PlatformModule, which provides the
 * config, the pg pool (PG_POOL), health and metrics, so the single-process app can compose all four.
 */
@Module({})
export class ForceGenerationModule {
  static register(options: ForceGenerationModuleOptions): DynamicModule {
    return {
      module: ForceGenerationModule,
      imports: [
        CqrsModule.forRoot(),
        EventSourcingModule.forService({
          service: 'force-generation',
          schema: forceGenerationSchema(options),
          aggregates: [
            { streamPrefix: 'sur-', decider: surDecider },
            { streamPrefix: 'pledge-', decider: pledgeDecider },
            { streamPrefix: 'unit-', decider: unitDecider },
          ],
          toContracts: forceGenerationPublished,
        }),
        // POST /v1/documents and GET /v1/documents/{sha256}: the inspection reports
        DocumentsModule,
      ],
      controllers: [SurHttpController, PledgeHttpController, UnitHttpController],
      providers: [
        { provide: FORCE_GENERATION_OPTIONS, useValue: options },
        { provide: Clock, useClass: SystemClock },
        ReadTables,
        SurWrite,
        IssueSurHandler,
        ReviseSurHandler,
        AgreeSurVariationHandler,
        GetSurQueryHandler,
        ListSursQueryHandler,
        PledgeWrite,
        RecordAssessmentVisitHandler,
        RecordRdlVerificationVisitHandler,
        WithdrawPledgeHandler,
        ElevatePledgeCommandHandler,
        RegisterPledgeCommandHandler,
        GetPledgeQueryHandler,
        ListPledgesQueryHandler,
        UnitWrite,
        RecordPreDeploymentVisitHandler,
        DeployUnitHandler,
        RecordArrivalInspectionHandler,
        RotateUnitHandler,
        RepatriateUnitHandler,
        RecordRepatriationInspectionHandler,
        UnitDocumentReader,
        SelectUnitCommandHandler,
        GetUnitQueryHandler,
        ListUnitsQueryHandler,
        UnitMouProjection,
      ],
      exports: [FORCE_GENERATION_OPTIONS],
    };
  }
}
