import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  type LoggerService,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { Pool } from 'pg';
import type { PlatformConfig } from './config';
import { openEmbeddedDatabase } from './embedded-database';
import { HealthRegistry } from './health';

/** DI token of the `pg.Pool`; inject with `@InjectPool() pool: Pool`. */
export const PG_POOL = Symbol('PG_POOL');
export const InjectPool = (): ParameterDecorator & PropertyDecorator => Inject(PG_POOL);

export type DatabaseHandle = {
  pool: Pool;
  /** True when this process runs PGlite itself: ONE session, transactions one at a time. */
  embedded: boolean;
  /** Where a separate client (migrations, psql) can connect; for PGlite, a loopback port of this process. */
  connectionString: string;
  /** Ends the pool, then stops PGlite cleanly (checkpoint) when embedded. Safe to call twice. */
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  logger?: LoggerService;
  /** Pool size against a real PostgreSQL; the embedded database always uses 1. */
  poolMax?: number;
  /** First and longest wait between attempts while PostgreSQL is not reachable yet (default 250, 5000 ms). */
  retryDelayMs?: { initial: number; max: number };
};

// Errors of a server that is not up yet (or restarting, or full), not of a wrong configuration: a
// refused or reset connection, 57P03 cannot_connect_now, 53300 too_many_connections, 08xxx.
const STARTING_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', '57P03', '53300']);
const isServerStarting = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (STARTING_CODES.has(code) || code.startsWith('08'));
};

/**
 * Waits, with backoff, until PostgreSQL answers: started together (compose, an orchestrator), a service
 * must not exit because the database came up a few seconds later. A wrong password or database name
 * still fails at once.
 */
const waitForDatabase = async (
  pool: Pool,
  logger: LoggerService,
  delays = { initial: 250, max: 5000 },
): Promise<void> => {
  for (let failures = 0; ; failures += 1) {
    try {
      await pool.query('select 1');
      if (failures > 0) logger.log('PostgreSQL answers', 'Database');
      return;
    } catch (error) {
      if (!isServerStarting(error)) throw error;
      const delay = Math.min(delays.max, delays.initial * 2 ** failures);
      const message = error instanceof Error ? error.message : String(error);
      logger.warn(`waiting for PostgreSQL: ${message}; retrying in ${delay} ms`, 'Database');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
};

/**
 * Settings of every session the services open. JIT compilation off: it pays off on long analytical
 * queries, and here it compiled the statements a read model applies on each batch whenever PostgreSQL
 * over-estimated their cost (tables filled by a rebuild are not analysed while they fill): 800 ms of
 * compiling for a 44 ms statement, every batch of the rebuild.
 */
export const SESSION_OPTIONS = '-c jit=off';

/**
 * Opens the database the config names: `DATABASE_URL` as a `pg.Pool`, or, without it, PGlite with its
 * files under `DATA_DIR/pg`, served on a loopback port so the same `pg` code runs against it.
 */
export const openDatabase = async (
  config: Pick<PlatformConfig, 'databaseUrl' | 'dataDir'>,
  options: OpenDatabaseOptions = {},
): Promise<DatabaseHandle> => {
  const logger = options.logger ?? new Logger();
  if (config.databaseUrl === undefined) {
    return { ...(await openEmbeddedDatabase(config.dataDir, logger)), embedded: true };
  }

  const pool = new Pool({
    connectionString: config.databaseUrl,
    max: options.poolMax ?? 10,
    options: SESSION_OPTIONS,
  });
  pool.on('error', (error) =>
    logger.error(`Idle database client failed: ${error.message}`, undefined, 'Database'),
  );
  try {
    await waitForDatabase(pool, logger, options.retryDelayMs);
  } catch (error) {
    await pool.end();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    pool,
    embedded: false,
    connectionString: config.databaseUrl,
    close: () => (closing ??= pool.end()),
  };
};

const DATABASE_MODULE_OPTIONS = Symbol('DATABASE_MODULE_OPTIONS');

export type DatabaseModuleOptions = {
  pool: Pool;
  /** Called once the app has stopped serving (e.g. `DatabaseHandle.close`); omit when the caller owns the pool. */
  onShutdown?: () => Promise<void>;
};

@Injectable()
class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DATABASE_MODULE_OPTIONS) private readonly options: DatabaseModuleOptions,
    @Optional() private readonly health?: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health?.register('database', async () => {
      await this.options.pool.query('select 1');
      return { ok: true };
    });
  }

  // Runs after the HTTP server has closed, so in-flight requests finish their transactions first.
  async onApplicationShutdown(): Promise<void> {
    await this.options.onShutdown?.();
  }
}

/** Provides the pool under {@link PG_POOL} to every module and registers the `database` health check. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        { provide: DATABASE_MODULE_OPTIONS, useValue: options },
        { provide: PG_POOL, useValue: options.pool },
        DatabaseLifecycle,
      ],
      exports: [PG_POOL],
    };
  }
}
