import { report, seededRates, terms } from '../../test/reimbursement.fixtures';
import type { RateTableVersionIssued } from '../rate-table/rate-table.events';
import type { InForce } from '../rate-table/rate-table.in-force';
import { adjustmentLines } from './claim.adjustment';
import { calculateClaim } from './claim.calculation';
import { type RecordedClaim, claimsAffectedBy } from './claim.retroactive';

const personnelVersion = (version: number, effectiveFrom: string, rate: string): RateTableVersionIssued => ({
  tableId: 'personnel',
  version,
  effectiveFrom,
  issuedOn: '2019-09-02',
  values: { kind: 'personnel', ratePerPersonMonthUsd: rate },
});
const v4 = personnelVersion(4, '2018-07-01', '1428.00');
const v5 = personnelVersion(5, '2019-05-01', '1448.00');

const claimOf = (period: string, changes: Partial<RecordedClaim> = {}): RecordedClaim => ({
  claimId: `c-${period}`,
  claimRef: `DOS/MINUSMA/BGD/03/${period}`,
  origin: 'computed',
  status: 'certified',
  mouId: 'mou-1',
  mission: 'MINUSMA',
  contributor: 'BGD',
  period,
  adjustsClaimId: null,
  lines: calculateClaim(terms(), report({ period }), seededRates()).lines,
  ...changes,
});

describe('a rate version effective in the past', () => {
  const claims = [
    claimOf('2019-04'),
    claimOf('2019-05'),
    claimOf('2019-06'),
    claimOf('2019-07', { status: 'prepared' }),
  ];

  it('affects the certified claims of the months it now governs, computed from the old version', () =>
    expect(claimsAffectedBy(v5, [v4, v5], claims)).toEqual([
      {
        claimId: 'c-2019-05',
        claimRef: 'DOS/MINUSMA/BGD/03/2019-05',
        mouId: 'mou-1',
        mission: 'MINUSMA',
        contributor: 'BGD',
        period: '2019-05',
        usedVersions: [4],
      },
      {
        claimId: 'c-2019-06',
        claimRef: 'DOS/MINUSMA/BGD/03/2019-06',
        mouId: 'mou-1',
        mission: 'MINUSMA',
        contributor: 'BGD',
        period: '2019-06',
        usedVersions: [4],
      },
    ]));

  it('does not affect the months a later version governs', () =>
    expect(
      claimsAffectedBy(v5, [v4, v5, personnelVersion(6, '2019-06-01', '1450.00')], claims).map(
        (c) => c.period,
      ),
    ).toEqual(['2019-05']));

  it('no longer lists a claim once an adjustment names the new version', () => {
    const adjustment: RecordedClaim = {
      ...claimOf('2019-05'),
      claimId: 'c-2019-05-adj1',
      origin: 'adjustment',
      status: 'prepared',
      adjustsClaimId: 'c-2019-05',
      lines: [
        {
          ...claimOf('2019-05').lines[0]!,
          kind: 'ADJUSTMENT',
          sources: {
            rateTables: [{ tableId: 'personnel', version: 5 }],
            mouAnnexVersion: 2,
            verificationReportVersion: 1,
          },
        },
      ],
    };
    expect(claimsAffectedBy(v5, [v4, v5], [...claims, adjustment]).map((c) => c.period)).toEqual(['2019-06']);
  });

  it('affects only its own mission’s claims when it is a mission-factor table', () => {
    const factors: RateTableVersionIssued = {
      tableId: 'mission-factors-UNMISS',
      version: 1,
      effectiveFrom: '2019-01-01',
      issuedOn: '2019-09-02',
      values: {
        kind: 'mission-factors',
        mission: 'UNMISS',
        extremeEnvironmentPct: '1.00',
        intensifiedOperationalConditionPct: '1.00',
        hostileActionPct: '1.00',
      },
    };
    expect(claimsAffectedBy(factors, [factors], claims)).toEqual([]);
  });
});

describe('the adjustment from a recalculation at the new version', () => {
  it('names the old version (adjustsSources) and the new one (sources) on each line it adjusts', () => {
    const rateOf = (version: InForce<'personnel'>) => seededRates({ personnel: version });
    const before = calculateClaim(terms(), report({ period: '2019-05' }), seededRates()).lines;
    const after = calculateClaim(
      terms(),
      report({ period: '2019-05' }),
      rateOf({
        tableId: 'personnel',
        version: 5,
        effectiveFrom: '2019-05-01',
        values: v5.values as InForce<'personnel'>['values'],
      }),
    ).lines;
    expect(adjustmentLines(before, after)).toEqual([
      expect.objectContaining({
        kind: 'ADJUSTMENT',
        key: 'personnel',
        amountUsd: '16000.00', // 800 × (1,448.00 − 1,428.00)
        adjustsSources: {
          rateTables: [{ tableId: 'personnel', version: 4 }],
          mouAnnexVersion: 2,
          verificationReportVersion: 1,
        },
        sources: {
          rateTables: [{ tableId: 'personnel', version: 5 }],
          mouAnnexVersion: 2,
          verificationReportVersion: 1,
        },
      }),
    ]);
  });
});
