import { buildPayables, usd } from './payables.demo';
import { addDays } from './random';

// The cash pool of the demo (resolution 73/307; DOMAIN.md): assessments into the mission funds and one
// quarterly payment run after the pool started that pays exactly $216M more than the missions' own cash
// would have allowed. Amounts are integer cents until they are written out.
//
// The planner (services/reimbursement/src/cash-pool/payment-run.plan.ts) gives each fund a budget of its
// cash less its reserve (a percentage of that fund, rounded half-up to the cent). Without the pool a
// mission pays min(budget, its payables); with it, all budgets pay the oldest payables of any mission.
// When the budgets together stay below the payables, the pool pays every budget, so it pays
// sum(budget - payables) over the missions whose budget exceeds their payables more: the lenders' surplus.

/** The 2019-Q3 run: proposed and approved on 2019 business dates (recorded whenever the demo is loaded). */
export const PAYMENT_RUN = {
  quarter: '2019-Q3',
  runOn: '2019-09-30',
  proposedOn: '2019-09-23',
  approvedOn: '2019-09-26',
} as const;
export const POOL_GAIN_USD = '216000000.00';

/** Finance keeps 5 % of each fund as operating reserve from the 2019-Q3 run on (the pool itself started 2019-07-01). */
export const CASH_POOL_SETTINGS = {
  effectiveFrom: '2019-09-01',
  issuedOn: '2019-08-15',
  pooled: true,
  operatingReservePct: '5.00',
} as const;
// the percentage in hundredths of a percent: '5.00' -> 500
const RESERVE_BASIS_POINTS = Number(CASH_POOL_SETTINGS.operatingReservePct.replace('.', ''));

/** Cash-rich missions: what their budget holds beyond their own payables on the run date, in dollars. */
const LENDER_SURPLUS: Record<string, number> = {
  UNMISS: 120_000_000,
  UNIFIL: 80_000_000,
  UNISFA: 16_000_000,
};
/** Missions short of cash: their whole budget on the run date, in dollars, well below what they owe. */
const BORROWER_BUDGET: Record<string, number> = {
  MONUSCO: 12_000_000,
  MINUSCA: 10_000_000,
  UNAMID: 9_000_000,
  MINUSMA: 8_000_000,
};
// after the pool started, each mission's cash for the run arrives in two instalments
const POOLED_RECEIPTS: [string, number][] = [
  ['2019-07-16', 0.6],
  ['2019-08-16', 0.4],
];

export type Assessment = { mission: string; amountUsd: string; receivedOn: string };
/** The day the pool started (resolution 73/307): what a fund received before it is the fund's history. */
export const POOL_STARTED_ON = '2019-07-01';

/** The reserve the planner keeps of a fund holding `cents`: the percentage, rounded half-up to the cent. */
export const reserveCents = (cents: number): number =>
  Math.floor((cents * RESERVE_BASIS_POINTS + 5_000) / 10_000);

/** The least cash whose budget (cash less reserve) is exactly `budget` cents: budgets grow by 0 or 1 a cent. */
const cashForBudget = (budget: number): number => {
  let cash = Math.floor((budget * 10_000) / (10_000 - RESERVE_BASIS_POINTS)) - 2;
  while (cash - reserveCents(cash) < budget) cash++;
  if (cash - reserveCents(cash) !== budget) throw new Error(`no cash leaves a budget of ${budget} cents`);
  return cash;
};

const cents = (amount: string): number => Number(amount.replace('.', ''));

/** Per mission, in cents: what the legacy payments took out of its fund (by date) and what it owes on the run date. */
export const fundsBeforeRun = () => {
  const { claims, payments } = buildPayables();
  const missions = new Map<string, { paidOn: Map<string, number>; owed: number }>();
  const of = (mission: string) =>
    missions.get(mission) ?? missions.set(mission, { paidOn: new Map(), owed: 0 }).get(mission)!;
  for (const claim of claims)
    if (claim.certified_on <= PAYMENT_RUN.runOn) of(claim.mission).owed += cents(claim.amount);
  for (const payment of payments) {
    const fund = of(payment.mission);
    fund.paidOn.set(payment.paid_on, (fund.paidOn.get(payment.paid_on) ?? 0) + cents(payment.amount));
    fund.owed -= cents(payment.amount);
  }
  return new Map([...missions].sort(([a], [b]) => (a < b ? -1 : 1)));
};

/** Each mission's cash on the run date, in cents, and the run the planner must come up with. */
export const plannedRun = () => {
  const funds = fundsBeforeRun();
  const budgets = new Map<string, number>();
  for (const [mission, { owed }] of funds) {
    const surplus = LENDER_SURPLUS[mission];
    const own = BORROWER_BUDGET[mission];
    if (surplus === undefined && own === undefined) throw new Error(`the demo gives ${mission} no cash`);
    const budget = surplus !== undefined ? owed + surplus * 100 : own! * 100;
    if (surplus === undefined && budget >= owed) throw new Error(`${mission} would not need the pool`);
    budgets.set(mission, budget);
  }
  const owed = [...funds.values()].reduce((sum, f) => sum + f.owed, 0);
  const paid = [...budgets.values()].reduce((sum, b) => sum + b, 0);
  // the pool must spend every budget, or it pays less than the lenders' surplus more
  if (paid > owed) throw new Error('the demo funds hold more than the payables');
  const cash = new Map([...budgets].map(([mission, budget]) => [mission, cashForBudget(budget)]));
  const available = [...cash.values()].reduce((sum, c) => sum + c, 0);
  const gain = Object.values(LENDER_SURPLUS).reduce((sum, s) => sum + s * 100, 0);
  return {
    cash,
    availableCashUsd: usd(available),
    reserveUsd: usd([...cash.values()].reduce((sum, c) => sum + reserveCents(c), 0)),
    paidUsd: usd(paid),
    paidWithoutPoolUsd: usd(paid - gain),
    outstandingUsd: usd(owed),
  };
};

/**
 * The assessments, in the order to post them: before the pool each mission received, two weeks ahead of
 * each quarterly payment, what that payment took (so no fund is ever overdrawn); after it, the cash the run
 * finds, in two instalments.
 */
export const buildAssessments = (): Assessment[] => {
  const funds = fundsBeforeRun();
  const { cash } = plannedRun();
  const assessments: Assessment[] = [];
  for (const [mission, fund] of funds) {
    for (const [paidOn, amount] of [...fund.paidOn].sort(([a], [b]) => (a < b ? -1 : 1)))
      assessments.push({ mission, amountUsd: usd(amount), receivedOn: addDays(paidOn, -14) });
    let left = cash.get(mission)!;
    POOLED_RECEIPTS.forEach(([receivedOn, share], i) => {
      const amount = i === POOLED_RECEIPTS.length - 1 ? left : Math.round(cash.get(mission)! * share);
      left -= amount;
      assessments.push({ mission, amountUsd: usd(amount), receivedOn });
    });
  }
  return assessments.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0));
};

/**
 * The funds' history: the assessments received before the pool started, imported (POST /v1/imports/assessments)
 * before the legacy payments they paid for, so no fund is overdrawn at any moment of the load either.
 */
export const fundHistory = (): (Assessment & { assessmentRef: string })[] =>
  buildAssessments()
    .filter((a) => a.receivedOn < POOL_STARTED_ON)
    .map((a) => ({ ...a, assessmentRef: `${a.mission}/ASSESSMENT/${a.receivedOn}` }));

/** The assessments received once the pool started, posted through POST /v1/funds/{mission}/assessments. */
export const pooledReceipts = (): Assessment[] =>
  buildAssessments().filter((a) => a.receivedOn >= POOL_STARTED_ON);

export const fundHistoryCsv = (): string =>
  [
    'assessment_ref,mission,amount,received_on',
    ...fundHistory().map((a) => `${a.assessmentRef},${a.mission},${a.amountUsd},${a.receivedOn}`),
  ].join('\n') + '\n';
