import { type DynamicModule, Inject, Logger, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import type { Pool } from 'pg';
import type { PlatformConfig } from './config';
import { DatabaseModule } from './database';
import { DEV_SIGN_IN_CONFIG, DevSignInController, devSignInEnabled } from './dev-sign-in';
import { HealthController, HealthRegistry } from './health';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyStore } from './idempotency.store';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtVerifier } from './jwt-verifier';
import { MetricsController, MetricsRegistry } from './metrics';
import { OIDC_SIGN_IN_CONFIG, OidcSignInController } from './oidc-sign-in';
import { ErrorStatusRegistry } from './problem.filter';
import { RouteRolesAudit } from './route-roles';

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
 * error-code registry, the `/health` and `/metrics` routes, and, for every route, the JWT guard
 * ({@link JwtAuthGuard}) and the Idempotency-Key interceptor ({@link IdempotencyInterceptor}).
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [
        DiscoveryModule,
        DatabaseModule.forRoot({ pool: options.pool, onShutdown: options.onShutdown }),
      ],
      controllers: [
        HealthController,
        MetricsController,
        ...(devSignInEnabled(options.config) ? [DevSignInController] : []),
        ...(options.config.oidc !== undefined ? [OidcSignInController] : []),
      ],
      providers: [
        { provide: PLATFORM_CONFIG, useValue: options.config },
        { provide: DEV_SIGN_IN_CONFIG, useValue: options.config },
        { provide: OIDC_SIGN_IN_CONFIG, useValue: options.config },
        HealthRegistry,
        MetricsRegistry,
        ErrorStatusRegistry,
        {
          provide: JwtVerifier,
          useFactory: () => JwtVerifier.create(options.config, new Logger('Auth')),
        },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        IdempotencyStore,
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        RouteRolesAudit,
      ],
      exports: [
        PLATFORM_CONFIG,
        HealthRegistry,
        MetricsRegistry,
        ErrorStatusRegistry,
        DatabaseModule,
        JwtVerifier,
        IdempotencyStore,
      ],
    };
  }
}
