import type { ExportTable } from '@coe/platform';
import type { DaysToSignature } from './mou-backlog/days-to-signature.query';
import type { MouBacklog } from './mou-backlog/mou-backlog.query';
import { AGING_BUCKETS } from './payables/payables.aging';
import type { FullContributorStatement } from './payables/contributor-statement.query';
import type { PayablesReport } from './payables/payables.report';

// Each report as tables: the first is its rows (what the CSV holds), then the totals; the workbook has
// them all. Values are the JSON report's, unchanged: money stays the exact decimal text.

const aging = AGING_BUCKETS.map((bucket) => `aging ${bucket}`);

export const payablesTables = (report: PayablesReport): ExportTable[] => [
  {
    name: 'contributors',
    columns: ['contributor', 'certified', 'paid', 'outstanding', ...aging],
    rows: report.contributors.map((c) => [
      c.contributor,
      c.certified,
      c.paid,
      c.outstanding,
      ...AGING_BUCKETS.map((bucket) => c.aging[bucket]),
    ]),
  },
  {
    name: 'totals',
    columns: ['asOf', 'currency', 'certified', 'paid', 'outstanding'],
    rows: [[report.asOf, report.currency, report.certified, report.paid, report.outstanding]],
  },
];

const BACKLOG = ['deployedUnits', 'pendingSignature', 'pendingSignatureBeforeDeployment'] as const;

export const backlogTables = (report: MouBacklog): ExportTable[] => [
  {
    name: 'by mission',
    columns: ['mission', ...BACKLOG],
    rows: report.byMission.map((m) => [m.mission, ...BACKLOG.map((count) => m[count])]),
  },
  {
    name: 'totals',
    columns: ['asOf', ...BACKLOG],
    rows: [[report.asOf, ...BACKLOG.map((count) => report[count])]],
  },
];

export const daysToSignatureTables = (report: DaysToSignature): ExportTable[] => [
  {
    name: `days from ${report.from}`,
    columns: ['year', 'signed', 'averageDays', 'medianDays', 'maxDays'],
    rows: report.years.map((y) => [y.year, y.signed, y.averageDays, y.medianDays, y.maxDays]),
  },
];

export const statementTables = (statement: FullContributorStatement): ExportTable[] => [
  {
    name: 'claims',
    columns: [
      'claimRef',
      'mission',
      'category',
      'period',
      'certifiedOn',
      'amount',
      'settled',
      'outstanding',
      'ageDays',
      'agingBucket',
    ],
    rows: statement.claims.map((c) => [
      c.claimRef,
      c.mission,
      c.category,
      c.period,
      c.certifiedOn,
      c.amount,
      c.settled,
      c.outstanding,
      c.ageDays,
      c.agingBucket,
    ]),
  },
  {
    name: 'payments',
    columns: ['paymentRef', 'mission', 'paidOn', 'amount', 'paymentRunId', 'settles'],
    rows: statement.payments.map((p) => [
      p.paymentRef,
      p.mission,
      p.paidOn,
      p.amount,
      p.paymentRunId,
      p.allocations.map((a) => `${a.claimRef}: ${a.amount}`).join('; '),
    ]),
  },
  {
    name: 'totals',
    columns: ['contributor', 'asOf', 'currency', 'certified', 'paid', 'outstanding', ...aging],
    rows: [
      [
        statement.contributor,
        statement.asOf,
        statement.currency,
        statement.certified,
        statement.paid,
        statement.outstanding,
        ...AGING_BUCKETS.map((bucket) => statement.aging[bucket]),
      ],
    ],
  },
];
