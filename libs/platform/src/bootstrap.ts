import {
  ConsoleLogger,
  type DynamicModule,
  type LogLevel,
  type LoggerService,
  Module,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, type PlatformConfig, enabledLogLevels } from './config';
import { serveConsole } from './console-static';
import type { DatabaseHandle } from './database';
import { boundHeapGrowth } from './heap-growth';
import { httpMetricsMiddleware, MetricsRegistry } from './metrics';
import { type OpenApiOptions, setupOpenApi } from './openapi';
import { documentBodyMiddleware } from './documents.body';
import { PLATFORM_CONFIG, PlatformModule } from './platform.module';
import { jsonDepthMiddleware, mediaTypeMiddleware, verifyUtf8 } from './hostile-body';
import { ErrorStatusRegistry, ProblemFilter, bodyParserErrorMiddleware } from './problem.filter';
import { currentCorrelationId, requestContextMiddleware } from './request-context';
import { createValidationPipe } from './validation.pipe';

export const JSON_BODY_LIMIT = '1mb';
export const CSV_BODY_LIMIT = '20mb';
// Longer than any request should take; past it, a stuck shutdown exits non-zero rather than hanging.
const SHUTDOWN_TIMEOUT_MS = 15_000;

type RootModule = Type<unknown> | DynamicModule;

@Module({})
class HttpAppModule {}

/** The app's root: {@link PlatformModule} (global) next to the given modules. Use it in tests too. */
export const httpAppModule = (
  modules: RootModule | RootModule[],
  options: {
    config: PlatformConfig;
    database: Pick<DatabaseHandle, 'pool'> & Partial<Pick<DatabaseHandle, 'close'>>;
  },
): DynamicModule => ({
  module: HttpAppModule,
  imports: [
    PlatformModule.forRoot({
      config: options.config,
      pool: options.database.pool,
      onShutdown: options.database.close,
    }),
    ...(Array.isArray(modules) ? modules : [modules]),
  ],
});

/** Nest's console logger, with the correlation id of the request being served on each line it writes. */
class CorrelatedLogger extends ConsoleLogger {
  protected override formatContext(context: string): string {
    const id = currentCorrelationId();
    return id === undefined ? super.formatContext(context) : `${super.formatContext(context)}[${id}] `;
  }

  protected override getJsonLogObject(
    message: unknown,
    options: {
      context: string;
      logLevel: LogLevel;
      writeStreamType?: 'stdout' | 'stderr';
      errorStack?: unknown;
    },
  ): ReturnType<ConsoleLogger['getJsonLogObject']> & { correlationId?: string } {
    const id = currentCorrelationId();
    const line = super.getJsonLogObject(message, options);
    return id === undefined ? line : { ...line, correlationId: id };
  }
}

/** Nest's console logger at LOG_LEVEL; one JSON object a line in production; each line of a request has its correlation id. */
export const createLogger = (config: Pick<PlatformConfig, 'logLevel' | 'nodeEnv'>): LoggerService =>
  new CorrelatedLogger({
    logLevels: enabledLogLevels(config.logLevel),
    json: config.nodeEnv === 'production',
    colors: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  });

/**
 * Everything every app does to its HTTP layer, short of listening: request metrics, body parsers
 * (JSON up to 1 MB, `text/csv` up to 20 MB as a string), problem+json errors, validation, OpenAPI.
 * Call before `app.init()`; the app must be created with `{ bodyParser: false }`.
 */
export const configureHttpApp = (
  app: NestExpressApplication,
  openApi: OpenApiOptions,
  consoleDir?: string,
): void => {
  app.disable('x-powered-by');
  // The console's files first: API routes never share their paths (see serveConsole).
  if (consoleDir !== undefined) serveConsole(app, consoleDir);
  app.use(httpMetricsMiddleware(app.get(MetricsRegistry)));
  app.use(mediaTypeMiddleware);
  app.use(documentBodyMiddleware(app.get<PlatformConfig>(PLATFORM_CONFIG).documentMaxBytes));
  app.useBodyParser('json', {
    limit: JSON_BODY_LIMIT,
    type: ['application/json', 'application/*+json'],
    verify: verifyUtf8,
  });
  app.useBodyParser('text', { limit: CSV_BODY_LIMIT, type: 'text/csv', verify: verifyUtf8 });
  app.use(bodyParserErrorMiddleware);
  app.use(jsonDepthMiddleware);
  app.use(requestContextMiddleware);
  app.useGlobalFilters(new ProblemFilter({}, app.get(ErrorStatusRegistry)));
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app, openApi);
};

// Nest's enableShutdownHooks() re-raises the signal after closing, so the process ends "killed by
// SIGTERM"; this closes the app (HTTP server first, then the database) and exits 0.
const exitOnSignals = (app: NestExpressApplication, logger: LoggerService): void => {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.warn(`${signal} received again: exiting without waiting`, 'Shutdown');
      process.exit(1);
    }
    closing = true;
    logger.log(`${signal} received: shutting down`, 'Shutdown');
    const timer = setTimeout(() => {
      logger.error(`Shutdown did not finish within ${SHUTDOWN_TIMEOUT_MS} ms`, undefined, 'Shutdown');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('Shutdown failed', error instanceof Error ? error.stack : String(error), 'Shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
};

export type BuildHttpAppOptions = {
  config: PlatformConfig;
  /** Closed when the app closes; pass `{ pool }` alone when the caller (a test) owns the pool. */
  database: Pick<DatabaseHandle, 'pool'> & Partial<Pick<DatabaseHandle, 'close'>>;
  openApi: OpenApiOptions;
  logger?: LoggerService | false;
  /** The console's build (`dist/console`), served at `/` when it holds one. */
  consoleDir?: string;
};

/**
 * A configured, initialised app that is not listening: what tests drive with supertest
 * (`request(app.getHttpServer())`), identical to what `createHttpApp` serves.
 */
export const buildHttpApp = async (
  modules: RootModule | RootModule[],
  options: BuildHttpAppOptions,
): Promise<NestExpressApplication> => {
  const { config, database, openApi } = options;
  const app = await NestFactory.create<NestExpressApplication>(httpAppModule(modules, { config, database }), {
    bodyParser: false,
    logger: options.logger ?? createLogger(config),
    abortOnError: false,
  });
  try {
    configureHttpApp(app, openApi, options.consoleDir);
    return await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
};

export type CreateHttpAppOptions = BuildHttpAppOptions & {
  /** Owned by the app from here on: closed on shutdown, or at once if the app fails to start. */
  database: DatabaseHandle;
};

/**
 * Creates, configures and starts an app on HOST:PORT; SIGINT/SIGTERM close it and exit the process. The
 * process keeps its heap within a bound of its live data from here on (boundHeapGrowth).
 */
export const createHttpApp = async (
  modules: RootModule | RootModule[],
  options: CreateHttpAppOptions,
): Promise<NestExpressApplication> => {
  boundHeapGrowth();
  const logger = options.logger || createLogger(options.config);
  let app: NestExpressApplication | undefined;
  try {
    app = await buildHttpApp(modules, { ...options, logger });
    exitOnSignals(app, logger);
    await app.listen(options.config.port, options.config.host);
    return app;
  } catch (error) {
    await app?.close().catch(() => undefined);
    await options.database.close();
    throw error;
  }
};

/** Runs a `main.ts` body: a bad config prints its list of problems, any failure exits 1. */
export const runMain = (main: () => Promise<unknown>): void => {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
};
