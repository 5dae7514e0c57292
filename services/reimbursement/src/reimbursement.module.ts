import { type DynamicModule, Module } from '@nestjs/common';
import { EventSourcingModule, serviceSchema } from '@coe/messaging';
import type { OpenApiOptions, PlatformConfig } from '@coe/platform';

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

/**
 * Composition root of reimbursement. Imported next to the global PlatformModule, which provides the
 * config, the pg pool (PG_POOL), health and metrics, so the single-process app can compose all four.
 */
@Module({})
export class ReimbursementModule {
  static register(options: ReimbursementModuleOptions): DynamicModule {
    return {
      module: ReimbursementModule,
      imports: [
        EventSourcingModule.forService({
          service: 'reimbursement',
          schema: serviceSchema('reimbursement', options.schemaPrefix),
        }),
      ],
      providers: [{ provide: REIMBURSEMENT_OPTIONS, useValue: options }],
      exports: [REIMBURSEMENT_OPTIONS],
    };
  }
}
