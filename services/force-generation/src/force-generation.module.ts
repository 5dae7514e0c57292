import { type DynamicModule, Module } from '@nestjs/common';
import { EventSourcingModule, serviceSchema } from '@coe/messaging';
import type { OpenApiOptions, PlatformConfig } from '@coe/platform';

export type ForceGenerationModuleOptions = {
  config: PlatformConfig;
  /** Prefix of this service's schema, so tests can run on a fresh one. */
  schemaPrefix?: string;
};

export const FORCE_GENERATION_OPTIONS = Symbol('FORCE_GENERATION_OPTIONS');

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
        EventSourcingModule.forService({
          service: 'force-generation',
          schema: serviceSchema('force-generation', options.schemaPrefix),
        }),
      ],
      providers: [{ provide: FORCE_GENERATION_OPTIONS, useValue: options }],
      exports: [FORCE_GENERATION_OPTIONS],
    };
  }
}
