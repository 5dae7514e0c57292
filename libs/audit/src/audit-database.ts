import {
  type DatabaseHandle,
  openDatabase,
  type PlatformConfig,
  runningEmbeddedDatabase,
} from '@coe/platform';
import type { LoggerService } from '@nestjs/common';
import { Pool } from 'pg';

/**
 * The database an audit command reads: `DATABASE_URL`; or the embedded one under `DATA_DIR`, through the
 * running system's loopback port when a live process holds it (PGlite is one process's files: opening them
 * a second time is refused), else opened directly. The commands only read, so they can run while it serves.
 */
export const openAuditDatabase = async (
  config: Pick<PlatformConfig, 'databaseUrl' | 'dataDir'>,
  logger: LoggerService,
): Promise<DatabaseHandle> => {
  const running = config.databaseUrl === undefined ? await runningEmbeddedDatabase(config.dataDir) : null;
  if (!running) return openDatabase(config, { logger, poolMax: 2 });
  logger.log(`Reading the running embedded database at ${running}`);
  const pool = new Pool({ connectionString: running, max: 1 });
  let closing: Promise<void> | undefined;
  return { pool, embedded: false, connectionString: running, close: () => (closing ??= pool.end()) };
};

/** A command's progress notes go to stderr: stdout is its answer (a checkpoint, a verdict). */
export const toStderr: LoggerService = {
  log: (message: unknown) => console.error(String(message)),
  error: (message: unknown) => console.error(String(message)),
  warn: (message: unknown) => console.error(String(message)),
};
