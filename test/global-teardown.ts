// Jest global teardown of the integration project: stops what test/global-setup.ts started.
// Containers are stopped; the local Kafka (and a PostgreSQL that infra/infra.mjs started) is stopped
// unless KEEP_INFRA=1, a CLI `npm run infra:up` asked for it to stay, or another test run still uses it.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadInfra, startedInfra } from './global-setup';

/** The 4xx problems routes answered that their OpenAPI documents do not list (global-setup.ts). */
const undocumentedProblems = (): string[] => {
  const file = process.env.COE_PROBLEM_RECORD;
  if (file === undefined || !existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  rmSync(file, { force: true });
  const seen = new Map<string, string>();
  for (const line of lines) {
    const { method, route, status, code, listed } = JSON.parse(line) as {
      method: string;
      route: string;
      status: number;
      code: string;
      listed: string[];
    };
    seen.set(
      `${method} ${route} ${status} ${code}`,
      `${method} ${route} answered ${status} ${code}; its document lists ${status}: [${listed.join(', ')}]`,
    );
  }
  return [...seen.values()].sort();
};

export default async function globalTeardown(): Promise<void> {
  const undocumented = undocumentedProblems();
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
  if (undocumented.length > 0) {
    throw new Error(
      `Routes answered error codes their OpenAPI document does not list (add them to the route's ApiProblem, or answer a listed code):\n  ${undocumented.join('\n  ')}`,
    );
  }
}
