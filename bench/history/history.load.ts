// Loads a planned history (history.plan.ts) once into a database of its own (`coe_bench_10y`,
// `coe_bench_1y`) through the public routes of the single-process composition, as a clerk and two finance
// officers would: the legacy MOU register, personnel amendments signed by both parties, then month by
// month the verification reports (import, a few corrected), the claims run of every mission certified by
// the second officer, a few credits (a report corrected down after certification, the claim adjusted),
// and each quarter the missions' assessments and a payment run proposed by one officer, approved by the
// other. A marker table records the plan's version; a database holding it is reused as it is.
import { AuditModule } from '@coe/audit';
import { MessagingModule } from '@coe/messaging';
import { buildHttpApp, parseConfig, signToken } from '@coe/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Pool } from 'pg';
import request from 'supertest';
import { ForceGenerationModule } from '../../services/force-generation/src/force-generation.module';
import { MouNegotiationModule } from '../../services/mou-negotiation/src/mou-negotiation.module';
import type { ProjectionsConfig } from '../../services/projections/src/config';
import { ProjectionsModule } from '../../services/projections/src/projections.module';
import { ReimbursementModule } from '../../services/reimbursement/src/reimbursement.module';
import { createDatabase, createPool, databaseUrlFor } from '../bench-infra';
import {
  dayAfter,
  drawFor,
  firstDay,
  HISTORY_VERSION,
  MISSIONS,
  planHistory,
  quarterOf,
  servedIn,
  strengthOf,
  type HistoryPlan,
  type PlannedUnit,
} from './history.plan';

export const HISTORY_PREFIX = 'hist_';
const SCHEMAS = ['force_generation', 'mou_negotiation', 'reimbursement', 'projections'];
const HEADER =
  'mou_ref,mission,contributor,unit,unit_type,personnel,negotiation_opened,deployed_on,repatriated_on,signed_by_contributor,signed_by_un';
const RATE_USD = 1428;

export type HistoryApp = {
  app: NestExpressApplication;
  pool: Pool;
  http: ReturnType<typeof request>;
  tokens: Record<'clerk' | 'officerA' | 'officerB' | 'auditor' | 'admin', string>;
  close(): Promise<void>;
};

/**
 * The single-process composition (test/support/whole-system.ts) on the history's schemas, in-process
 * delivery; `projections` overrides the projections' settings (a rebuild's check pace).
 */
export const openHistoryApp = async (
  databaseUrl: string,
  projections: Partial<ProjectionsConfig> = {},
): Promise<HistoryApp> => {
  const config = parseConfig(
    { NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET: 'bench-secret-0123456789abcdef0123' },
    { defaultPort: 0 },
  );
  const pool = createPool(databaseUrl, 6);
  const schemaPrefix = HISTORY_PREFIX;
  const app = await buildHttpApp(
    [
      MessagingModule.forRoot(config, 'in-process', 'bench'),
      AuditModule,
      ForceGenerationModule.register({ config, schemaPrefix }),
      MouNegotiationModule.register({ config, schemaPrefix }),
      ReimbursementModule.register({ config, schemaPrefix }),
      ProjectionsModule.register({ config, schemaPrefix, projections }),
    ],
    { config, database: { pool }, openApi: { title: 'COE Ledger', description: 'bench' }, logger: false },
  );
  await app.listen(0, '127.0.0.1');
  const token = async (role: string, sub: string) =>
    `Bearer ${await signToken(config, { roles: [role], sub })}`;
  return {
    app,
    pool,
    http: request(app.getHttpServer()),
    tokens: {
      clerk: await token('mou-clerk', 'history-clerk'),
      officerA: await token('finance-officer', 'history-officer-a'),
      officerB: await token('finance-officer', 'history-officer-b'),
      auditor: await token('auditor', 'history-auditor'),
      admin: await token('admin', 'history-admin'),
    },
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
};

type Http = HistoryApp['http'];

const send = async <T>(
  http: Http,
  method: 'get' | 'post',
  path: string,
  token: string,
  body?: unknown,
  csv = false,
): Promise<T> => {
  let req = http[method](path).set({ Authorization: token });
  if (csv) req = req.set('Content-Type', 'text/csv');
  const response = body === undefined ? await req : await req.send(body as object);
  if (response.status >= 300)
    throw new Error(
      `${method.toUpperCase()} ${path}: ${response.status} ${JSON.stringify(response.body).slice(0, 400)}`,
    );
  return response.body as T;
};

const registerCsv = (units: PlannedUnit[]): string =>
  [
    HEADER,
    ...units.map((u) =>
      [
        u.mouRef,
        u.mission,
        u.contributor,
        u.unit,
        u.unitType,
        u.personnel,
        u.negotiationOpened,
        u.deployedOn,
        u.repatriatedOn ?? '',
        u.signedByContributor ?? '',
        u.signedByUn ?? '',
      ].join(','),
    ),
  ].join('\n');

type ImportResult = {
  imported: number;
  unchanged: number;
  rejected: { line: number; code: string; reason: string }[];
};
const checked = (what: string, result: ImportResult): ImportResult => {
  const [first] = result.rejected;
  if (first) throw new Error(`${what}: ${result.rejected.length} rejected, first ${JSON.stringify(first)}`);
  return result;
};

const waitUntil = async (what: string, done: () => Promise<boolean>, timeoutMs = 600_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Every consumer of the process (reimbursement's policies, the projections) has applied every event. */
export const waitForConsumers = async ({ http, tokens }: HistoryApp): Promise<void> => {
  type Projections = {
    projections: {
      projection: string;
      versions: { status: string; parked: number; lag: { eventsBehind: number } | null }[];
    }[];
  };
  await waitUntil('the read models', async () => {
    const { projections } = await send<Projections>(http, 'get', '/v1/admin/projections', tokens.admin);
    const live = projections.flatMap((p) =>
      p.versions.filter((v) => v.status === 'active' || v.status === 'building'),
    );
    const parked = live.find((v) => v.parked > 0);
    if (parked) throw new Error('a read model parked an event');
    return live.every((v) => v.lag !== null && v.lag.eventsBehind === 0);
  });
};

/**
 * The month's verification reports of every serving unit whose terms are known, mission by mission, and
 * the few the mission corrects before the run; resolves to the reports sent.
 */
export const importReports = async (
  h: HistoryApp,
  serving: PlannedUnit[],
  period: string,
): Promise<number> => {
  const { http, tokens } = h;
  let reports = 0;
  for (const mission of MISSIONS) {
    // a report needs the MOU's terms: units never signed stay the claims run's exceptions
    const batch = serving.filter((u) => u.mission === mission && u.signedByUn !== undefined);
    if (batch.length === 0) continue;
    const body = batch.map((u) => ({
      mouRef: u.mouRef,
      period,
      reportedOn: dayAfter(period, 4),
      strength: strengthOf(u, period),
      equipment: [],
      selfSustainment: [],
    }));
    checked(
      `${mission} ${period} reports`,
      await send<ImportResult>(http, 'post', '/v1/imports/verification-reports', tokens.officerA, body),
    );
    // the mission corrects about one report in fifty before the run
    const corrected = body
      .filter((r) => drawFor(`correct|${r.mouRef}|${period}`) < 0.02)
      .map((r) => ({
        ...r,
        reportedOn: dayAfter(period, 6),
        strength: r.strength - 1,
        correctionReason: 'Strength return corrected by the mission',
      }));
    if (corrected.length > 0)
      checked(
        `${mission} ${period} corrections`,
        await send<ImportResult>(
          http,
          'post',
          '/v1/imports/verification-reports',
          tokens.officerA,
          corrected,
        ),
      );
    reports += body.length + corrected.length;
  }
  return reports;
};

type RunOutcome = { mouId?: string; mouRef?: string; outcome: string; claimId?: string };
type RunView = { runId: string; prepared: number; outcomes: RunOutcome[] };

const loadPlan = async (h: HistoryApp, plan: HistoryPlan, log: (m: string) => void): Promise<void> => {
  const { http, tokens } = h;
  const started = Date.now();
  checked(
    'register',
    await send<ImportResult>(
      http,
      'post',
      '/v1/imports/mou-register',
      tokens.clerk,
      registerCsv(plan.units),
      true,
    ),
  );
  log(`history: register of ${plan.units.length} MOUs imported`);
  // the amendments, as the clerk records them: proposed, then signed by both parties
  const mouIds = new Map<string, string>();
  for (const mission of MISSIONS) {
    const { items } = await send<{ items: { mouId: string; mouRef: string }[] }>(
      http,
      'get',
      `/v1/mous?mission=${mission}&pageSize=200`,
      tokens.clerk,
    );
    for (const m of items) mouIds.set(m.mouRef, m.mouId);
  }
  let amended = 0;
  for (const u of plan.units) {
    const a = u.amendment;
    const mouId = mouIds.get(u.mouRef);
    if (!a || !mouId) continue;
    await send(http, 'post', `/v1/mous/${mouId}/amendments`, tokens.clerk, {
      kind: 'personnel',
      description: 'Rotation with a changed personnel ceiling',
      proposedBy: 'contributor',
      proposedOn: a.proposedOn,
      effectiveOn: a.effectiveOn,
      changes: { personnelCeiling: a.personnelCeiling },
    });
    for (const party of ['contributor', 'un'])
      await send(http, 'post', `/v1/mous/${mouId}/amendments/1/signatures`, tokens.clerk, {
        party,
        signedOn: a.signedOn,
      });
    amended++;
  }
  log(`history: ${amended} amendments signed`);
  await waitForConsumers(h);
  let reports = 0;
  let claims = 0;
  let credits = 0;
  for (const [k, period] of plan.months.entries()) {
    const serving = plan.units.filter((u) => servedIn(u, period));
    reports += await importReports(h, serving, period);
    const run = await send<RunView>(http, 'post', '/v1/claim-runs', tokens.officerA, {
      period,
      preparedOn: dayAfter(period, 10),
    });
    await send(http, 'post', `/v1/claim-runs/${run.runId}/certification`, tokens.officerB, {
      certifiedOn: dayAfter(period, 14),
    });
    claims += run.prepared;
    // credits: a few certified claims whose report the mission corrects down afterwards, adjusted
    const byRef = new Map(serving.map((u) => [u.mouRef, u]));
    const view = await send<RunView>(http, 'get', `/v1/claim-runs/${run.runId}`, tokens.officerA);
    for (const o of view.outcomes) {
      if (
        o.outcome !== 'prepared' ||
        !o.claimId ||
        !o.mouRef ||
        drawFor(`credit|${o.mouRef}|${period}`) >= 0.005
      )
        continue;
      const u = byRef.get(o.mouRef)!;
      const strength = strengthOf(u, period) - 3 - (drawFor(`correct|${o.mouRef}|${period}`) < 0.02 ? 1 : 0);
      checked(
        `${o.mouRef} ${period} credit`,
        await send<ImportResult>(http, 'post', '/v1/imports/verification-reports', tokens.officerA, [
          {
            mouRef: o.mouRef,
            period,
            reportedOn: dayAfter(period, 20),
            strength,
            equipment: [],
            selfSustainment: [],
            correctionReason: 'Three repatriated early',
          },
        ]),
      );
      const adjustment = await send<{ claimId: string }>(
        http,
        'post',
        `/v1/claims/${o.claimId}/adjustments`,
        tokens.officerA,
        {
          adjustedOn: dayAfter(period, 22),
        },
      );
      await send(http, 'post', `/v1/claims/${adjustment.claimId}/certification`, tokens.officerB, {
        certifiedOn: dayAfter(period, 25),
      });
      credits++;
    }
    if (Number(period.slice(5, 7)) % 3 === 0) {
      // the quarter's assessments (about nine tenths of what the missions' units cost), then the run
      for (const mission of MISSIONS) {
        const persons = serving.filter((u) => u.mission === mission).reduce((s, u) => s + u.personnel, 0);
        if (persons === 0) continue;
        await send(http, 'post', `/v1/funds/${mission}/assessments`, tokens.officerA, {
          amountUsd: `${Math.round(persons * RATE_USD * 3 * 0.9)}.00`,
          receivedOn: firstDay(period),
        });
      }
      const proposal = await send<{ runId: string }>(http, 'post', '/v1/payment-runs', tokens.officerA, {
        quarter: quarterOf(period),
        runOn: `${period}-25`,
      });
      await send(http, 'post', `/v1/payment-runs/${proposal.runId}/approval`, tokens.officerB, {});
    }
    if ((k + 1) % 6 === 0 || k === plan.months.length - 1)
      log(
        `history: ${period} (${k + 1}/${plan.months.length} months): ${reports} reports, ${claims} claims, ` +
          `${credits} credits in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
  }
  await waitForConsumers(h);
};

export type LoadedHistory = { databaseUrl: string; months: number; events: number; loadedInSeconds: number };

const eventCount = async (pool: Pool): Promise<number> => {
  let total = 0;
  for (const schema of SCHEMAS) {
    const { rows } = await pool.query<{ n: string }>(
      `select count(*)::text as n from information_schema.tables where table_schema = $1 and table_name = 'events'`,
      [`${HISTORY_PREFIX}${schema}`],
    );
    if (rows[0]!.n === '0') continue;
    const count = await pool.query<{ n: string }>(
      `select count(*)::text as n from ${HISTORY_PREFIX}${schema}.events`,
    );
    total += Number(count.rows[0]!.n);
  }
  return total;
};

/**
 * The database holding the `months`-month history at this plan's version: reused when its marker says
 * so, otherwise (re)created and loaded through the routes, with progress.
 */
export const ensureHistory = async (
  serverUrl: string,
  months: number,
  log: (m: string) => void,
): Promise<LoadedHistory> => {
  // BENCH_HISTORY_PREFIX lets two people on one server keep histories apart (default `coe_bench_`).
  const prefix = process.env.BENCH_HISTORY_PREFIX || 'coe_bench_';
  const name = months % 12 === 0 ? `${prefix}${months / 12}y` : `${prefix}${months}m`;
  await createDatabase(serverUrl, name, { ifMissing: true });
  const databaseUrl = databaseUrlFor(serverUrl, name);
  const pool = createPool(databaseUrl, 2);
  try {
    await pool.query(
      `create table if not exists public.bench_history (version text not null, months int not null, events bigint not null, loaded_in_seconds numeric not null, loaded_at timestamptz not null default now())`,
    );
    const { rows } = await pool.query<{ events: string; loaded_in_seconds: string }>(
      `select events::text, loaded_in_seconds::text from public.bench_history where version = $1 and months = $2`,
      [HISTORY_VERSION, months],
    );
    if (rows[0]) {
      log(`history: reusing ${name} (${HISTORY_VERSION}, ${rows[0].events} events)`);
      return {
        databaseUrl,
        months,
        events: Number(rows[0].events),
        loadedInSeconds: Number(rows[0].loaded_in_seconds),
      };
    }
    log(`history: loading ${months} months into ${name} (${HISTORY_VERSION}); this takes minutes, once`);
    await pool.query('delete from public.bench_history');
    for (const schema of SCHEMAS)
      await pool.query(`drop schema if exists ${HISTORY_PREFIX}${schema} cascade`);
    const started = Date.now();
    const h = await openHistoryApp(databaseUrl);
    try {
      await loadPlan(h, planHistory(months), log);
    } finally {
      await h.close();
    }
    const seconds = (Date.now() - started) / 1000;
    const events = await eventCount(pool);
    await pool.query('vacuum analyze');
    await pool.query(
      `insert into public.bench_history (version, months, events, loaded_in_seconds) values ($1, $2, $3, $4)`,
      [HISTORY_VERSION, months, events, seconds],
    );
    log(`history: ${name} loaded: ${events} events in ${seconds.toFixed(0)} s`);
    return { databaseUrl, months, events, loadedInSeconds: seconds };
  } finally {
    await pool.end();
  }
};
