// The lock around up/down and the leases of processes (e.g. Jest runs) that use the servers.

import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INFRA, LOCK_DIR, LEASES_DIR, LOCK_TIMEOUT_MS, sleep, alive, readPid } from './common.mjs';

// ---------------------------------------------------------------------------------------------
// lock: one `up`/`down` at a time per .infra directory (mkdir is atomic)

export async function withLock(log, fn) {
  mkdirSync(INFRA, { recursive: true });
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  let told = false;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'owner'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const owner = readPid(join(LOCK_DIR, 'owner'));
      let age = 0;
      try {
        age = Date.now() - statSync(LOCK_DIR).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      const stale = owner !== undefined ? !alive(owner) : age > 10_000;
      if (stale) {
        // Break a lock left by a dead process. Rename first so two breakers cannot both succeed.
        const grave = `${LOCK_DIR}.stale.${process.pid}`;
        try {
          renameSync(LOCK_DIR, grave);
          rmSync(grave, { recursive: true, force: true });
        } catch {
          /* someone else broke it */
        }
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${LOCK_DIR} (held by pid ${owner ?? '?'})`);
      }
      if (!told) {
        log(`waiting for another infra command (pid ${owner ?? '?'}) to finish…`);
        told = true;
      }
      await sleep(200 + Math.floor(Math.random() * 100));
    }
  }
  const release = () => rmSync(LOCK_DIR, { recursive: true, force: true });
  const onSignal = (sig) => {
    release();
    process.kill(process.pid, sig);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn();
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (readPid(join(LOCK_DIR, 'owner')) === process.pid) release();
  }
}

// ---------------------------------------------------------------------------------------------
// leases: processes (test runs) currently relying on the servers

export function liveLeases() {
  let names = [];
  try {
    names = readdirSync(LEASES_DIR);
  } catch {
    return [];
  }
  const live = [];
  for (const name of names) {
    const pid = Number.parseInt(name, 10);
    if (alive(pid)) live.push(pid);
    else rmSync(join(LEASES_DIR, name), { force: true });
  }
  return live;
}

export function takeLease() {
  mkdirSync(LEASES_DIR, { recursive: true });
  writeFileSync(join(LEASES_DIR, String(process.pid)), new Date().toISOString());
}

export function dropLease() {
  rmSync(join(LEASES_DIR, String(process.pid)), { force: true });
}
