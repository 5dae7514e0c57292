import type { LoadReport } from './load';

const counts = (what: string, c: { imported: number; unchanged: number }) =>
  `${what}: ${c.imported} imported, ${c.unchanged} already there`;

/** What a load did, one line a step. */
export const loadLines = (report: LoadReport): string[] => [
  counts('MOU register', report.register),
  counts('certified claims', report.claims),
  counts('funds’ history (assessments before the pool)', report.fundHistory),
  counts('payments', report.payments),
  `cash-pool settings: ${report.cashPoolSettings}`,
  `assessments: ${report.assessments.posted} received now, ${report.assessments.alreadyReceived} already there`,
  `payment run ${report.paymentRun.runId}: ${report.paymentRun.executedNow ? 'proposed, approved and executed now' : 'already executed'} (${report.paymentRun.payments} payments, ${report.paymentRun.loans} inter-mission loans)`,
];
