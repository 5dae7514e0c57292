import {
  CASH_POOL_SETTINGS,
  fundHistory,
  fundHistoryCsv,
  PAYMENT_RUN,
  POOL_GAIN_USD,
  pooledReceipts,
} from './cash-pool.demo';
import { DemoHttpError, type DemoHttp, demoHttp, subjectOf } from './demo.http';
import type { DemoTokens } from './demo.tokens';
import { mouRegisterCsv } from './mou-register.demo';
import { buildPayables, certifiedClaimsCsv, paymentsCsv, usd } from './payables.demo';

// Loads the demo through the public routes, in the order a finance office would: the legacy register,
// claims, the funds' history (the assessments before the pool) and payments, the cash-pool settings, the
// assessments since the pool started, then one payment run proposed by one
// officer and approved by another. Loading twice changes nothing: imports answer `unchanged`, and what
// the routes would record twice (settings, assessments, the run) is looked up first.

type ImportResult = {
  imported: number;
  unchanged: number;
  rejected: { line: number; ref: string; code: string; reason: string }[];
};
export type ImportCounts = { imported: number; unchanged: number };
type RunView = {
  runId: string;
  quarter: string;
  runOn: string;
  status: 'proposed' | 'executed';
  proposedBy: string;
  plan: { paidUsd: string; paidWithoutPoolUsd: string; loans: unknown[]; payments: unknown[] };
};

export type LoadReport = {
  register: ImportCounts;
  claims: ImportCounts;
  fundHistory: ImportCounts;
  payments: ImportCounts;
  cashPoolSettings: 'issued' | 'already issued';
  assessments: { posted: number; alreadyReceived: number };
  paymentRun: {
    runId: string;
    executedNow: boolean;
    paidUsd: string;
    paidWithoutPoolUsd: string;
    payments: number;
    loans: number;
  };
};

const cents = (amount: string): number => Number(amount.replace('.', ''));
const gainOf = (run: RunView): string => usd(cents(run.plan.paidUsd) - cents(run.plan.paidWithoutPoolUsd));

const importCsv = async (http: DemoHttp, path: string, token: string, csv: string): Promise<ImportCounts> => {
  const result = await http.postCsv<ImportResult>(path, token, csv);
  const [first] = result.rejected;
  if (first) {
    throw new Error(
      `${path} rejected ${result.rejected.length} row(s); first: line ${first.line} ${first.ref} ${first.code}: ${first.reason}`,
    );
  }
  return { imported: result.imported, unchanged: result.unchanged };
};

const issueCashPoolSettings = async (
  http: DemoHttp,
  token: string,
): Promise<LoadReport['cashPoolSettings']> => {
  const { effectiveFrom, pooled, operatingReservePct } = CASH_POOL_SETTINGS;
  const table = await http
    .get<{
      versions: { effectiveFrom: string; values: { pooled: boolean; operatingReservePct: string } }[];
    }>('/v1/rate-tables/cash-pool', token)
    .catch((error: unknown) => {
      if (error instanceof DemoHttpError && error.status === 404) return { versions: [] };
      throw error;
    });
  const issued = table.versions.some(
    (v) =>
      v.effectiveFrom === effectiveFrom &&
      v.values.pooled === pooled &&
      cents(v.values.operatingReservePct) === cents(operatingReservePct),
  );
  if (issued) return 'already issued';
  await http.postJson('/v1/rate-tables/cash-pool/versions', token, CASH_POOL_SETTINGS);
  return 'issued';
};

/**
 * Posts the assessments since the pool started that a fund has not received yet: what it received beyond its
 * imported history must be the first of the demo's, in order.
 */
const receiveAssessments = async (http: DemoHttp, token: string): Promise<LoadReport['assessments']> => {
  const funds = await http.get<{ mission: string; receivedUsd: string }[]>('/v1/funds', token);
  const left = new Map(funds.map((f) => [f.mission, cents(f.receivedUsd)]));
  for (const a of fundHistory()) left.set(a.mission, (left.get(a.mission) ?? 0) - cents(a.amountUsd));
  const all = pooledReceipts();
  const posting = new Set<string>();
  const toPost = all.filter((a) => {
    const received = left.get(a.mission) ?? 0;
    if (posting.has(a.mission) || received < cents(a.amountUsd)) {
      posting.add(a.mission);
      return true;
    }
    left.set(a.mission, received - cents(a.amountUsd));
    return false;
  });
  const unexplained = [...left].find(([, rest]) => rest !== 0);
  if (unexplained) {
    throw new Error(
      `the ${unexplained[0]} fund received assessments the demo did not make: load it on an empty ledger`,
    );
  }
  for (const a of toPost) {
    await http.postJson(`/v1/funds/${a.mission}/assessments`, token, {
      amountUsd: a.amountUsd,
      receivedOn: a.receivedOn,
    });
  }
  return { posted: toPost.length, alreadyReceived: all.length - toPost.length };
};

const executePaymentRun = async (http: DemoHttp, tokens: DemoTokens): Promise<LoadReport['paymentRun']> => {
  const { quarter, runOn, proposedOn, approvedOn } = PAYMENT_RUN;
  const runs = await http.get<RunView[]>(`/v1/payment-runs?quarter=${quarter}`, tokens.officerA);
  const ours = runs.filter((r) => r.runOn === runOn);
  const executed = ours.find((r) => r.status === 'executed');
  const summary = (run: RunView, executedNow: boolean): LoadReport['paymentRun'] => ({
    runId: run.runId,
    executedNow,
    paidUsd: run.plan.paidUsd,
    paidWithoutPoolUsd: run.plan.paidWithoutPoolUsd,
    payments: run.plan.payments.length,
    loans: run.plan.loans.length,
  });
  if (executed)
    return summary(await http.get<RunView>(`/v1/payment-runs/${executed.runId}`, tokens.officerA), false);

  const propose = () =>
    http.postJson<RunView>('/v1/payment-runs', tokens.officerA, { quarter, runOn, proposedOn });
  const waiting = ours.find((r) => r.status === 'proposed');
  let run = waiting
    ? await http.get<RunView>(`/v1/payment-runs/${waiting.runId}`, tokens.officerA)
    : await propose();
  // a proposal left by an interrupted load, made before all the cash was in: plan again
  if (waiting && gainOf(run) !== POOL_GAIN_USD) run = await propose();
  for (let attempt = 1; ; attempt++) {
    if (gainOf(run) !== POOL_GAIN_USD) {
      throw new Error(
        `the ${quarter} run would pay ${gainOf(run)} more through the pool, not ${POOL_GAIN_USD}: the ledger holds other data`,
      );
    }
    // four eyes: the officer who did not propose it approves
    const approver = run.proposedBy === subjectOf(tokens.officerB) ? tokens.officerA : tokens.officerB;
    try {
      return summary(
        await http.postJson<RunView>(`/v1/payment-runs/${run.runId}/approval`, approver, { approvedOn }),
        true,
      );
    } catch (error) {
      // the cash or payables changed since that proposal: propose it again, once
      if (!(error instanceof DemoHttpError && error.code === 'PAYMENT_RUN_STALE') || attempt > 1) throw error;
      run = await propose();
    }
  }
};

export const loadDemo = async (
  baseUrl: string,
  tokens: DemoTokens,
  options: { log?: (line: string) => void } = {},
): Promise<LoadReport> => {
  const http = demoHttp(baseUrl);
  const log = options.log ?? (() => undefined);
  const { claims, payments } = buildPayables();
  const timed = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await step();
    log(`${what}: ${JSON.stringify(result)} (${Date.now() - started} ms)`);
    return result;
  };
  const register = await timed('MOU register', () =>
    importCsv(http, '/v1/imports/mou-register', tokens.clerk, mouRegisterCsv()),
  );
  const claimCounts = await timed('certified claims', () =>
    importCsv(http, '/v1/imports/certified-claims', tokens.officerA, certifiedClaimsCsv(claims)),
  );
  const historyCounts = await timed('funds’ history', () =>
    importCsv(http, '/v1/imports/assessments', tokens.officerA, fundHistoryCsv()),
  );
  const paymentCounts = await timed('payments', () =>
    importCsv(http, '/v1/imports/payments', tokens.officerA, paymentsCsv(payments)),
  );
  const cashPoolSettings = await timed('cash-pool settings', () =>
    issueCashPoolSettings(http, tokens.officerA),
  );
  const assessments = await timed('assessments', () => receiveAssessments(http, tokens.officerA));
  const paymentRun = await timed('payment run', () => executePaymentRun(http, tokens));
  return {
    register,
    claims: claimCounts,
    fundHistory: historyCounts,
    payments: paymentCounts,
    cashPoolSettings,
    assessments,
    paymentRun,
  };
};
