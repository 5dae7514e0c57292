import { PAYMENT_RUN, POOL_GAIN_USD } from './cash-pool.demo';
import { demoHttp } from './demo.http';
import { BACKLOG_AS_OF, DAYS_TARGETS, EXPECTED } from './mou-register.demo';
import { PAYABLES_AS_OF } from './payables.demo';

// The figures of the 2019 report (DOMAIN.md) as the reports answer them, each with the request that asks.

export const FIGURE_PATHS = {
  backlog: `/v1/reports/mou-backlog?asOf=${BACKLOG_AS_OF}`,
  daysToSignature: '/v1/reports/days-to-signature?from=deployment',
  payables: `/v1/reports/payables?asOf=${PAYABLES_AS_OF}`,
  paymentRuns: '/v1/reports/payment-runs',
  cashPool: `/v1/reports/cash-pool?asOf=${PAYMENT_RUN.runOn}`,
} as const;

type Backlog = { deployedUnits: number; pendingSignature: number; pendingSignatureBeforeDeployment: number };
type DaysToSignature = { years: { year: number; signed: number; averageDays: number }[] };
type Payables = { outstanding: string; contributors: { contributor: string; outstanding: string }[] };
type PaymentRuns = {
  runs: {
    quarter: string;
    executedOn: string;
    paid: string;
    paidWithoutPool: string;
    paidThanksToPool: string;
  }[];
};

export type DemoFigures = {
  backlog: Backlog;
  averageDays: Record<string, number | undefined>;
  signedIn2019: number;
  payables: { outstanding: string; topFive: { contributor: string; outstanding: string }[] };
  paymentRun: { paid: string; paidWithoutPool: string; paidThanksToPool: string } | undefined;
};

export const readFigures = async (baseUrl: string, token: string): Promise<DemoFigures> => {
  const http = demoHttp(baseUrl);
  const backlog = await http.get<Backlog>(FIGURE_PATHS.backlog, token);
  const days = await http.get<DaysToSignature>(FIGURE_PATHS.daysToSignature, token);
  const payables = await http.get<Payables>(FIGURE_PATHS.payables, token);
  const runs = await http.get<PaymentRuns>(FIGURE_PATHS.paymentRuns, token);
  const yearOf = (year: number) => days.years.find((y) => y.year === year);
  const run = runs.runs.find((r) => r.quarter === PAYMENT_RUN.quarter && r.executedOn === PAYMENT_RUN.runOn);
  return {
    backlog: {
      deployedUnits: backlog.deployedUnits,
      pendingSignature: backlog.pendingSignature,
      pendingSignatureBeforeDeployment: backlog.pendingSignatureBeforeDeployment,
    },
    averageDays: Object.fromEntries(
      Object.keys(DAYS_TARGETS).map((year) => [year, yearOf(Number(year))?.averageDays]),
    ),
    signedIn2019: yearOf(2019)?.signed ?? 0,
    payables: {
      outstanding: payables.outstanding,
      topFive: payables.contributors
        .slice(0, 5)
        .map(({ contributor, outstanding }) => ({ contributor, outstanding })),
    },
    paymentRun: run && {
      paid: run.paid,
      paidWithoutPool: run.paidWithoutPool,
      paidThanksToPool: run.paidThanksToPool,
    },
  };
};

/** What the report says, as the reports should answer it. */
export const REPORT_FIGURES = {
  backlog: { ...EXPECTED },
  averageDays: { ...DAYS_TARGETS },
  payables: {
    outstanding: '265000000.00',
    topFive: [
      { contributor: 'IND', outstanding: '38000000.00' },
      { contributor: 'RWA', outstanding: '31000000.00' },
      { contributor: 'PAK', outstanding: '28000000.00' },
      { contributor: 'BGD', outstanding: '25000000.00' },
      { contributor: 'NPL', outstanding: '23000000.00' },
    ],
  },
  paidThanksToPool: POOL_GAIN_USD,
};

/** The figures that differ from the report's, empty when the ledger reproduces it. */
export const mismatches = (figures: DemoFigures): string[] => {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const out: string[] = [];
  const check = (what: string, actual: unknown, expected: unknown) => {
    if (!same(actual, expected))
      out.push(`${what}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  };
  check('backlog', figures.backlog, REPORT_FIGURES.backlog);
  check('average days to signature', figures.averageDays, REPORT_FIGURES.averageDays);
  check('payables', figures.payables, REPORT_FIGURES.payables);
  check('paid thanks to the pool', figures.paymentRun?.paidThanksToPool, REPORT_FIGURES.paidThanksToPool);
  return out;
};

const curl = (baseUrl: string, path: string) =>
  `curl -s -H "Authorization: Bearer $TOKEN" '${baseUrl.replace(/\/+$/, '')}${path}'`;

const dollars = (usd: string) => `$${Number(usd).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

/** The figures, each followed by the request that answers it (TOKEN: `npm run -s token -- --role auditor`). */
export const figureLines = (figures: DemoFigures, baseUrl: string): string[] => {
  const { backlog, averageDays, payables, paymentRun } = figures;
  return [
    `MOUs pending signature on ${BACKLOG_AS_OF}: ${backlog.pendingSignature} of ${backlog.deployedUnits} deployed units (${backlog.pendingSignatureBeforeDeployment} more before deployment)`,
    `  ${curl(baseUrl, FIGURE_PATHS.backlog)}`,
    `Average days from deployment to signature: ${Object.entries(averageDays)
      .map(([year, days]) => `${days ?? '-'} (${year})`)
      .join(', ')}; ${figures.signedIn2019} MOUs fully signed in 2019 by ${BACKLOG_AS_OF}`,
    `  ${curl(baseUrl, FIGURE_PATHS.daysToSignature)}`,
    `Owed to T/PCCs on ${PAYABLES_AS_OF}: ${dollars(payables.outstanding)}; ${payables.topFive
      .map((c) => `${c.contributor} ${dollars(c.outstanding)}`)
      .join(', ')}`,
    `  ${curl(baseUrl, FIGURE_PATHS.payables)}`,
    paymentRun
      ? `The ${PAYMENT_RUN.quarter} payment run paid ${dollars(paymentRun.paid)}, ${dollars(paymentRun.paidThanksToPool)} more than the missions' own cash allowed (${dollars(paymentRun.paidWithoutPool)})`
      : `No ${PAYMENT_RUN.quarter} payment run yet`,
    `  ${curl(baseUrl, FIGURE_PATHS.paymentRuns)}`,
    `The funds and inter-mission loans after it: ${curl(baseUrl, FIGURE_PATHS.cashPool)}`,
  ];
};

type ProjectionsList = {
  projections: {
    projection: string;
    versions: { status: string; lag: { eventsBehind: number } | null; parked: number }[];
  }[];
};

/** Resolves once every live read model has applied every event (GET /v1/admin/projections); fails on a parked event. */
export const waitForProjections = async (
  baseUrl: string,
  token: string,
  timeoutMs = 120_000,
): Promise<void> => {
  const http = demoHttp(baseUrl);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { projections } = await http.get<ProjectionsList>('/v1/admin/projections', token);
    const live = projections.flatMap((p) =>
      p.versions
        .filter((v) => v.status === 'active' || v.status === 'building')
        .map((v) => ({ ...v, projection: p.projection })),
    );
    const parked = live.find((v) => v.parked > 0);
    if (parked) throw new Error(`the ${parked.projection} read model parked ${parked.parked} event(s)`);
    const behind = live.filter((v) => v.lag === null || v.lag.eventsBehind > 0);
    if (behind.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `read models still behind after ${timeoutMs} ms: ${behind.map((v) => v.projection).join(', ')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
