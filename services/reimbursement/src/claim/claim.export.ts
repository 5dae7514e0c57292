import type { ExportTable } from '@coe/platform';

import type { ClaimLine, ClaimLineSources } from './claim.lines';
import type { ClaimWithLines } from './claim.queries';

// Claims as tables: first one row per claim line with what it was computed from (the CSV), then one row
// per claim with what is paid and owed on it; the workbook has both. Values are the JSON's, unchanged:
// money stays the exact decimal text.

const CLAIM = [
  'claimRef',
  'claimId',
  'mission',
  'contributor',
  'category',
  'period',
  'origin',
  'status',
] as const;

const claimCells = (c: ClaimWithLines): unknown[] => CLAIM.map((column) => c[column]);

const rateTables = (sources: ClaimLineSources | undefined): string | null =>
  sources === undefined ? null : sources.rateTables.map((t) => `${t.tableId} v${t.version}`).join('; ');

const lineCells = (line: ClaimLine | undefined, n: number | null): unknown[] => [
  n,
  line?.kind,
  line?.component,
  line?.key,
  line?.description,
  line?.quantity,
  line?.rateUsd,
  line?.factor,
  line?.fraction,
  line?.share ?? (line ? '1' : null),
  line?.amountUsd,
  line?.serviceDays ? `${line.serviceDays.days}/${line.serviceDays.basis}` : null,
  rateTables(line?.sources),
  line?.sources.mouAnnexVersion,
  line?.sources.verificationReportVersion,
  line?.adjustsLineKey,
  rateTables(line?.adjustsSources),
  line?.rateBasis?.source,
  line?.rateBasis?.reason,
  line?.warnings?.map((w) => `${w.code}: ${w.message}`).join('; '),
];

/** The CSV's columns: the claim, then one line of it. */
const LINE_COLUMNS = [
  ...CLAIM,
  'preparedOn',
  'certifiedOn',
  'voidReason',
  'claimAmountUsd',
  'line',
  'kind',
  'component',
  'key',
  'description',
  'quantity',
  'rateUsd',
  'factor',
  'fraction',
  'share',
  'lineAmountUsd',
  'serviceDays',
  'rateTables',
  'mouAnnexVersion',
  'verificationReportVersion',
  'adjustsLineKey',
  'adjustsRateTables',
  'rateSource',
  'rateReason',
  'warnings',
] as const;

export const claimTables = (claims: readonly ClaimWithLines[]): ExportTable[] => [
  {
    name: 'claim lines',
    columns: [...LINE_COLUMNS],
    // a claim without lines (imported, or a payable recorded whole) is one row with the line cells empty
    rows: claims.flatMap((c) => {
      const head = [...claimCells(c), c.preparedOn, c.certifiedOn, c.voidReason, c.amountUsd];
      return c.lines.length === 0
        ? [[...head, ...lineCells(undefined, null)]]
        : c.lines.map((line, i) => [...head, ...lineCells(line, i + 1)]);
    }),
  },
  {
    name: 'claims',
    columns: [
      ...CLAIM,
      'preparedOn',
      'preparedBy',
      'certifiedOn',
      'certifiedBy',
      'voidedOn',
      'voidReason',
      'amountUsd',
      'paidUsd',
      'outstandingUsd',
      'creditUsd',
      'adjustsClaimId',
    ],
    rows: claims.map((c) => [
      ...claimCells(c),
      c.preparedOn,
      c.preparedBy,
      c.certifiedOn,
      c.certifiedBy,
      c.voidedOn,
      c.voidReason,
      c.amountUsd,
      c.paidUsd,
      c.outstandingUsd,
      c.creditUsd,
      c.adjustsClaimId,
    ]),
  },
];

/** The CSV's first lines, as the OpenAPI document shows them. */
export const CLAIMS_CSV_EXAMPLE =
  `${LINE_COLUMNS.join(',')}\n` +
  'DOS/MINUSMA/BGD/03/2019-04,9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d,MINUSMA,BGD,personnel,2019-04,computed,prepared,2019-05-06,,,1142400.00,1,PERSONNEL,personnel,personnel,Personnel: 800 × 1428.00,800,1428.00,1,1,1,1142400.00,30/30,personnel v4,1,1,,,rate-table,General Assembly rate,\n';
