// Jest global teardown of the integration project: stops what test/global-setup.ts started.
// Containers are stopped; the local Kafka (and a PostgreSQL that infra/infra.mjs started) is stopped
// unless KEEP_INFRA=1, a CLI `npm run infra:up` asked for it to stay, or another test run still uses it.
import { loadInfra, startedInfra } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const started = startedInfra();
  const containers = started.containers;
  started.containers = [];
  const results = await Promise.allSettled(containers.map((c) => c.stop()));
  for (const r of results) {
    if (r.status === 'rejected')
      process.stderr.write(`[integration] stopping a container failed: ${String(r.reason)}\n`);
  }
  if (started.infraLease && process.env.KEEP_INFRA !== '1') {
    started.infraLease = false;
    const infra = await loadInfra();
    await infra.down({ lease: true, log: (msg) => process.stderr.write(`[integration] ${msg}\n`) });
  }
}
