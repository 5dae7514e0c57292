import { type DynamicModule, Module } from '@nestjs/common';
import type { OpenApiOptions, PlatformConfig } from '@coe/platform';

export type MouNegotiationModuleOptions = {
  config: PlatformConfig;
};

export const MOU_NEGOTIATION_OPTIONS = Symbol('MOU_NEGOTIATION_OPTIONS');

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
    return {
      module: MouNegotiationModule,
      providers: [{ provide: MOU_NEGOTIATION_OPTIONS, useValue: options }],
      exports: [MOU_NEGOTIATION_OPTIONS],
    };
  }
}
