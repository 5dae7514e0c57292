import { type DynamicModule, Module } from '@nestjs/common';
import { EventSourcingModule, serviceSchema } from '@coe/messaging';
import type { OpenApiOptions, PlatformConfig } from '@coe/platform';

export type MouNegotiationModuleOptions = {
  config: PlatformConfig;
  /** Prefix of this service's schema, so tests can run on a fresh one. */
  schemaPrefix?: string;
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
      imports: [
        EventSourcingModule.forService({
          service: 'mou-negotiation',
          schema: serviceSchema('mou-negotiation', options.schemaPrefix),
        }),
      ],
      providers: [{ provide: MOU_NEGOTIATION_OPTIONS, useValue: options }],
      exports: [MOU_NEGOTIATION_OPTIONS],
    };
  }
}
