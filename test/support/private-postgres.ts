import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** initdb/pg_ctl of the machine's newest PostgreSQL (Debian keeps them off the PATH). */
const pgBin = (name: string): string => {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const path = join('/usr/lib/postgresql', version, 'bin', name);
    if (existsSync(path)) return path;
  }
  throw new Error(`${name} not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)`);
};

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** PostgreSQL refuses to run as root: as root, run its tools as the `postgres` user. */
const run = (command: string, args: string[]): string => {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}${result.stdout}`,
    );
  return result.stdout;
};

/**
 * A PostgreSQL cluster of its own (initdb in a temporary directory, a spare port, trust auth) for a test
 * that stops and restarts the server, so the shared server other test files use keeps running.
 */
export class PrivatePostgres {
  private readonly dir = mkdtempSync(join(tmpdir(), 'coe-pg-'));
  private readonly data = join(this.dir, 'data');
  private readonly log = join(this.dir, 'postgres.log');
  private initialised = false;

  constructor(readonly port: number) {}

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    if (!this.initialised) {
      if (isRoot()) {
        const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
        const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
        chownSync(this.dir, uid, gid);
      }
      run(pgBin('initdb'), ['-D', this.data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
      this.initialised = true;
    }
    // the socket directory is the cluster's own, so nothing collides with the machine's server
    const options = `-p ${this.port} -c listen_addresses=127.0.0.1 -k ${this.dir} -c fsync=off -c max_connections=100`;
    try {
      run(pgBin('pg_ctl'), ['-D', this.data, '-l', this.log, '-w', '-t', '60', '-o', options, 'start']);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${this.tail()}`);
    }
  }

  /** `pg_ctl stop -m fast`: every session is terminated (57P01), as in a restart by an operator. */
  async stop(): Promise<void> {
    if (!existsSync(join(this.data, 'postmaster.pid'))) return;
    run(pgBin('pg_ctl'), ['-D', this.data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  tail(): string {
    return existsSync(this.log) ? readFileSync(this.log, 'utf8').slice(-3000) : '';
  }
}
