import { type DynamicModule, Inject, Module } from '@nestjs/common';
import type { Pool } from 'pg';
import type { PlatformConfig } from './config';
import { DatabaseModule } from './database';
import { HealthController, HealthRegistry } from './health';
import { MetricsController, MetricsRegistry } from './metrics';
import { ErrorStatusRegistry } from './problem.filter';

/** DI token of the parsed {@link PlatformConfig}; inject with `@InjectConfig() config: PlatformConfig`. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const InjectConfig = (): ParameterDecorator & PropertyDecorator => Inject(PLATFORM_CONFIG);

export type PlatformModuleOptions = {
  config: PlatformConfig;
  pool: Pool;
  /** Runs once the HTTP server has stopped; `createHttpApp` passes the database's `close`. */
  onShutdown?: () => Promise<void>;
};

/**
 * The shared edges of every app, imported once at the root (global): config, pool, health, metrics,
 * error-code registry, and the `/health` and `/metrics` routes.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [DatabaseModule.forRoot({ pool: options.pool, onShutdown: options.onShutdown })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: options.config },
        HealthRegistry,
        MetricsRegistry,
        ErrorStatusRegistry,
      ],
      exports: [PLATFORM_CONFIG, HealthRegistry, MetricsRegistry, ErrorStatusRegistry, DatabaseModule],
    };
  }
}
