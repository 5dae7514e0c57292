// PostgreSQL: the one that answers, the machine's cluster, or a private one under .infra/pg.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, chownSync } from 'node:fs';
import { join } from 'node:path';
import {
  PG_DIR,
  PG_DATA,
  PG_RUN,
  PG_LOG,
  HOST,
  PG_PRIVATE_PORT,
  SYSTEM_PG_URL,
  answers,
  tail,
  which,
  run,
  waitFor,
} from './common.mjs';

// ---------------------------------------------------------------------------------------------
// PostgreSQL

export function urlHostPort(url) {
  try {
    const u = new URL(url);
    return { host: u.hostname || 'localhost', port: Number(u.port || 5432) };
  } catch {
    return undefined;
  }
}

export function pgBin(name) {
  const onPath = which(name);
  if (onPath) return onPath;
  let versions = [];
  try {
    versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  } catch {
    /* none */
  }
  for (const v of versions) {
    const p = join('/usr/lib/postgresql', v, 'bin', name);
    if (existsSync(p)) return p;
  }
  return undefined;
}

export function asPostgresUser(cmd, args) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return run(cmd, args);
  const runuser = which('runuser');
  if (runuser) return run(runuser, ['-u', 'postgres', '--', cmd, ...args]);
  const quoted = [cmd, ...args].map((a) => `'${String(a).replace(/'/g, `'\\''`)}'`).join(' ');
  return run('su', ['postgres', '-s', '/bin/sh', '-c', quoted]);
}

export function chownToPostgres(dir) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) return;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) throw new Error('running as root and there is no postgres user to run initdb as');
  const uid = Number(id.stdout.trim());
  const g = Number(gid.stdout.trim());
  const walk = (p) => {
    chownSync(p, uid, g);
    if (statSync(p).isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
  };
  walk(dir);
}

export async function startSystemCluster(log) {
  const ctl = which('pg_ctlcluster');
  let versions = [];
  try {
    versions = readdirSync('/etc/postgresql').sort((a, b) => Number(b) - Number(a));
  } catch {
    /* no Debian clusters */
  }
  if (!ctl || versions.length === 0) return undefined;
  for (const v of versions) {
    if (!existsSync(join('/etc/postgresql', v, 'main'))) continue;
    log(`PostgreSQL: starting the machine's cluster ${v}/main (pg_ctlcluster)`);
    const r = spawnSync(ctl, ['--skip-systemctl-redirect', v, 'main', 'start'], { encoding: 'utf8' });
    if (r.status !== 0) {
      log(`PostgreSQL: pg_ctlcluster ${v} main start failed: ${(r.stderr || r.stdout || '').trim()}`);
      continue;
    }
    if (await waitFor('pg', 30_000, () => answers(HOST, 5432))) return v;
  }
  return undefined;
}

export async function startPrivateCluster(log) {
  const initdb = pgBin('initdb');
  const pgCtl = pgBin('pg_ctl');
  if (!initdb || !pgCtl) {
    throw new Error('no PostgreSQL answers and initdb/pg_ctl are not installed (apt-get install postgresql)');
  }
  mkdirSync(PG_RUN, { recursive: true });
  if (!existsSync(join(PG_DATA, 'PG_VERSION'))) {
    rmSync(PG_DATA, { recursive: true, force: true });
    mkdirSync(PG_DATA, { recursive: true });
    chownToPostgres(PG_DIR);
    log(`PostgreSQL: creating a private cluster in ${PG_DATA}`);
    asPostgresUser(initdb, ['-D', PG_DATA, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  }
  chownToPostgres(PG_DIR);
  log(`PostgreSQL: starting the private cluster on ${HOST}:${PG_PRIVATE_PORT}`);
  const opts = `-p ${PG_PRIVATE_PORT} -c listen_addresses=${HOST} -k ${PG_RUN}`;
  try {
    asPostgresUser(pgCtl, ['-D', PG_DATA, '-l', PG_LOG, '-w', '-t', '60', '-o', opts, 'start']);
  } catch (e) {
    throw new Error(`${e.message}\nlast lines of ${PG_LOG}:\n${tail(PG_LOG)}`);
  }
  if (!(await waitFor('pg', 30_000, () => answers(HOST, PG_PRIVATE_PORT)))) {
    throw new Error(`private PostgreSQL does not answer on ${PG_PRIVATE_PORT}:\n${tail(PG_LOG)}`);
  }
}

export async function ensurePostgres(log, state) {
  const envUrl = process.env.DATABASE_URL;
  if (envUrl) {
    const hp = urlHostPort(envUrl);
    if (hp && (await answers(hp.host, hp.port))) {
      log(`PostgreSQL: using DATABASE_URL (${hp.host}:${hp.port})`);
      return { url: envUrl, mode: 'env', owned: false, startedNow: false };
    }
    log(
      `PostgreSQL: DATABASE_URL is set but ${hp ? `${hp.host}:${hp.port}` : 'it'} does not answer; looking further`,
    );
  }
  const forcePrivate = process.env.INFRA_PG === 'private';
  const privateUrl = `postgres://postgres@${HOST}:${PG_PRIVATE_PORT}/postgres`;
  if (!forcePrivate) {
    if (await answers(HOST, 5432)) {
      // Owned when an earlier `up` started the machine's cluster and nobody stopped it since.
      const owned = state.postgres?.mode === 'system' && !!state.postgres.owned;
      log(`PostgreSQL: using the server on ${HOST}:5432`);
      return {
        url: SYSTEM_PG_URL,
        mode: 'system',
        owned,
        startedNow: false,
        cluster: state.postgres?.cluster,
      };
    }
    const cluster = await startSystemCluster(log);
    if (cluster) return { url: SYSTEM_PG_URL, mode: 'system', owned: true, startedNow: true, cluster };
  }
  if (await answers(HOST, PG_PRIVATE_PORT)) {
    if (existsSync(join(PG_DATA, 'postmaster.pid'))) {
      log(`PostgreSQL: the private cluster already runs on ${HOST}:${PG_PRIVATE_PORT}`);
      return { url: privateUrl, mode: 'private', owned: true, startedNow: false };
    }
    throw new Error(`port ${PG_PRIVATE_PORT} is taken by another program; set INFRA_PG_PORT`);
  }
  await startPrivateCluster(log);
  return { url: privateUrl, mode: 'private', owned: true, startedNow: true };
}

export async function stopPostgres(pg, log) {
  if (!pg?.owned) return;
  if (pg.mode === 'private') {
    const pgCtl = pgBin('pg_ctl');
    if (pgCtl && existsSync(join(PG_DATA, 'postmaster.pid'))) {
      log('PostgreSQL: stopping the private cluster');
      try {
        asPostgresUser(pgCtl, ['-D', PG_DATA, '-m', 'fast', '-w', '-t', '60', 'stop']);
      } catch (e) {
        log(`PostgreSQL: ${e.message}`);
      }
    }
  } else if (pg.mode === 'system' && pg.cluster) {
    const ctl = which('pg_ctlcluster');
    if (ctl) {
      log(`PostgreSQL: stopping the machine's cluster ${pg.cluster}/main (infra up had started it)`);
      spawnSync(ctl, ['--skip-systemctl-redirect', pg.cluster, 'main', 'stop'], { stdio: 'ignore' });
    }
  }
}
