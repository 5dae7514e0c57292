import { type DynamicModule, Module } from '@nestjs/common';
import type { OpenApiOptions, PlatformConfig } from '@coe/platform';

export type ProjectionsModuleOptions = {
  config: PlatformConfig;
  /** Prefix of the read models' schema, so tests can run on a fresh one. */
  schemaPrefix?: string;
};

export const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');

export const PROJECTIONS_OPENAPI: OpenApiOptions = {
  title: 'COE Ledger: projections',
  description: 'Read models and reports built from the events of every service.',
};

/**
 * Composition root of projections. Imported next to the global PlatformModule, which provides the
 * config, the pg pool (PG_POOL), health and metrics, so the single-process app can compose all four.
 */
@Module({})
export class ProjectionsModule {
  static register(options: ProjectionsModuleOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      providers: [{ provide: PROJECTIONS_OPTIONS, useValue: options }],
      exports: [PROJECTIONS_OPTIONS],
    };
  }
}
