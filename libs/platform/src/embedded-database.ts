import type { LoggerService } from '@nestjs/common';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Pool } from 'pg';

// pglite-socket multiplexes connections onto the one PGlite session and keeps an open transaction's
// queries together, so a few extra clients (a migration runner, psql) are safe next to the pool of 1.
const MAX_CONNECTIONS = 4;

// PGlite runs on a worker thread: it executes SQL synchronously, so on the main thread every query
// would stall HTTP; and its CommonJS build loads Node built-ins with import(), which Jest's module
// sandbox rejects. Plain JavaScript, evaluated as is; module paths come resolved from the main thread.
//
// Durability (issue 17 item 8). PGlite 0.5.14 starts PostgreSQL with `-F` (fsync off), and even without
// it nothing reaches the disk: Emscripten's NODEFS has no `fsync` stream operation (so `fsync()` in the
// WebAssembly build returns 0 and does nothing) and its `fdatasync()` is a no-op. So the worker
//   - starts PostgreSQL without `-F` and with `wal_sync_method=fsync` (the default, fdatasync, would
//     land in the no-op), so each commit's XLogFlush calls fsync() on the WAL segment before the
//     commit is acknowledged, and checkpoints fsync the data files and directories;
//   - gives NODEFS the missing `fsync` operation: fs.fsyncSync on the real file descriptor. A failure
//     throws EIO, which PostgreSQL turns into a PANIC, as a real server does when fsync fails;
//   - on a fresh data directory, fsyncs every file initdb wrote (they are copied in by PGlite, not by
//     PostgreSQL, so PostgreSQL never syncs them) before the database is reported ready.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { PGlite } = require(workerData.pglitePath);
const { NodeFS } = require(workerData.nodefsPath);
const { PGLiteSocketServer } = require(workerData.socketPath);
const EIO = 29; // Emscripten's errno for EIO
let fileSyncs = 0;
class DurableNodeFS extends NodeFS {
  async init(pg, options) {
    const result = await super.init(pg, options);
    const preRun = result.emscriptenOpts.preRun || [];
    result.emscriptenOpts.preRun = [(mod) => {
      mod.FS.filesystems.NODEFS.stream_ops.fsync = (stream) => {
        try {
          fs.fsyncSync(stream.nfd);
        } catch (error) {
          throw new mod.FS.ErrnoError(EIO);
        }
        fileSyncs += 1;
        return 0;
      };
    }, ...preRun];
    return result;
  }
}
const syncTree = (directory) => {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const child = path.join(directory, entry.name);
    if (entry.isDirectory()) syncTree(child);
    else if (entry.isFile()) syncFile(child);
  }
  syncFile(directory);
};
const syncFile = (file) => {
  const fd = fs.openSync(file, 'r');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
};
(async () => {
  const fresh = !fs.existsSync(path.join(workerData.directory, 'PG_VERSION'));
  const db = await PGlite.create({
    fs: new DurableNodeFS(workerData.directory),
    startParams: [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'],
  });
  if (fresh) {
    syncTree(workerData.directory);
    syncFile(path.dirname(workerData.directory));
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: workerData.maxConnections });
  await server.start();
  parentPort.on('message', async (message) => {
    if (message === 'fileSyncs') {
      parentPort.postMessage({ type: 'fileSyncs', count: fileSyncs });
      return;
    }
    if (message !== 'stop') return;
    try {
      await server.stop();
      await db.close();
      parentPort.postMessage({ type: 'stopped' });
    } catch (error) {
      parentPort.postMessage({ type: 'failed', message: String(error && error.stack || error) });
    }
    parentPort.close();
  });
  parentPort.postMessage({ type: 'ready', address: server.getServerConn() });
})().catch((error) => {
  parentPort.postMessage({ type: 'failed', message: String(error && error.stack || error) });
  parentPort.close();
});
`;

type WorkerMessage =
  | { type: 'ready'; address: string }
  | { type: 'stopped' }
  | { type: 'fileSyncs'; count: number }
  | { type: 'failed'; message: string };

const nextMessage = (worker: Worker): Promise<WorkerMessage> =>
  new Promise((resolveMessage, reject) => {
    const onExit = (code: number): void => reject(new Error(`The PGlite worker exited with code ${code}`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.once('message', (message: WorkerMessage) => {
      worker.off('error', reject);
      worker.off('exit', onExit);
      resolveMessage(message);
    });
  });

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

// PGlite does not lock its data directory; two processes writing one directory would corrupt it.
const lockDataDir = async (dataDir: string): Promise<() => Promise<void>> => {
  const file = resolve(dataDir, 'pg.lock');
  try {
    await writeFile(file, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number((await readFile(file, 'utf8')).trim());
    if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
      throw new Error(`The embedded database in ${dataDir} is in use by process ${holder} (${file})`);
    }
    await writeFile(file, String(process.pid));
  }
  return () => rm(file, { force: true });
};

// Where the process holding the data directory serves it, so that a read-only tool (audit:verify) can
// connect to the running database instead of being refused by the lock.
const addressFile = (dataDir: string) => resolve(dataDir, 'pg.address');

/**
 * The connection string of the embedded database another live process is serving from `dataDir`, or null
 * when none is (the directory is then free to open).
 */
export const runningEmbeddedDatabase = async (dataDir: string): Promise<string | null> => {
  const holder = Number((await readFile(resolve(dataDir, 'pg.lock'), 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(holder) || holder <= 0 || holder === process.pid || !isAlive(holder)) return null;
  const address = (await readFile(addressFile(dataDir), 'utf8').catch(() => '')).trim();
  return address.startsWith('postgres://') ? address : null;
};

export type EmbeddedDatabase = {
  pool: Pool;
  connectionString: string;
  /** How many fsync() calls PostgreSQL asked for and the worker made on real files (for tests and diagnosis). */
  fileSyncs(): Promise<number>;
  close(): Promise<void>;
};

/** PGlite with its files in `DATA_DIR/pg`, served on a loopback port, and a `pg.Pool` of 1 to it. */
export const openEmbeddedDatabase = async (
  dataDir: string,
  logger: LoggerService,
): Promise<EmbeddedDatabase> => {
  const directory = resolve(dataDir, 'pg');
  await mkdir(directory, { recursive: true });
  const unlock = await lockDataDir(dataDir);
  const started = Date.now();
  logger.log(`Starting embedded PostgreSQL (PGlite) in ${directory}`, 'Database');

  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      directory,
      maxConnections: MAX_CONNECTIONS,
      pglitePath: require.resolve('@electric-sql/pglite'),
      nodefsPath: require.resolve('@electric-sql/pglite/nodefs'),
      socketPath: require.resolve('@electric-sql/pglite-socket'),
    },
  });
  const ready = await nextMessage(worker).catch(
    (error: Error) => ({ type: 'failed', message: error.message }) as const,
  );
  if (ready.type !== 'ready') {
    await worker.terminate();
    await unlock();
    throw new Error(
      `The embedded database did not start: ${ready.type === 'failed' ? ready.message : ready.type}`,
    );
  }
  let closing: Promise<void> | undefined;
  worker.on('error', (error) =>
    logger.error(`The PGlite worker failed: ${error.message}`, error.stack, 'Database'),
  );
  worker.on('exit', (code) => {
    if (!closing) logger.error(`The PGlite worker exited unexpectedly (code ${code})`, undefined, 'Database');
  });

  const port = Number(ready.address.split(':').pop());
  const connectionString = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // One client: PGlite runs one transaction at a time, and a pool of 1 makes callers queue for it.
  const pool = new Pool({ connectionString, max: 1, idleTimeoutMillis: 0 });
  pool.on('error', (error) =>
    logger.error(`Idle database client failed: ${error.message}`, undefined, 'Database'),
  );
  await writeFile(addressFile(dataDir), connectionString);
  logger.log(`Embedded PostgreSQL ready on 127.0.0.1:${port} in ${Date.now() - started} ms`, 'Database');

  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await rm(addressFile(dataDir), { force: true });
      await pool.end();
      const stopped = nextMessage(worker);
      worker.postMessage('stop');
      // PGlite's close() checkpoints, so every committed transaction is in the data files.
      const outcome = await stopped.catch(
        (error: Error) => ({ type: 'failed', message: error.message }) as const,
      );
      await worker.terminate();
      await unlock();
      if (outcome.type === 'failed')
        throw new Error(`The embedded database did not stop cleanly: ${outcome.message}`);
      logger.log('Embedded PostgreSQL stopped', 'Database');
    })());
  const fileSyncs = async (): Promise<number> => {
    const answer = nextMessage(worker);
    worker.postMessage('fileSyncs');
    const message = await answer;
    if (message.type !== 'fileSyncs')
      throw new Error(`Unexpected answer from the PGlite worker: ${message.type}`);
    return message.count;
  };
  return { pool, connectionString, fileSyncs, close };
};
