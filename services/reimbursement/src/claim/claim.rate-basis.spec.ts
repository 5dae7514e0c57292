import { rateTables, report, seededRates, terms } from '../../test/reimbursement.fixtures';
import { calculateClaim } from './claim.calculation';
import { governingRate } from './claim.rate-basis';

// Which rate governs a line: the generic table's when the table in force lists the item, else the MOU's.

const table = { tableId: 'major-equipment', version: 3, effectiveFrom: '2017-07-01' };
const mou = { rateUsd: '9000.00', annexVersion: 2 };
const choose = (listedRateUsd: string | null, inForce: typeof table | null = table) =>
  governingRate({ kind: 'major-equipment', mou, table: inForce, listedRateUsd, serviceDate: '2019-04-01' });

describe('which rate governs a line', () => {
  describe('given an MOU that records 9,000.00 a month for a wheeled APC (wet lease)', () => {
    describe('when the generic table in force lists the APC at 9,500.00', () => {
      const chosen = choose('9500.00');

      it('then the generic rate governs, and the line says so beside the MOU’s rate', () => {
        expect(chosen.rateUsd.toFixed(2)).toBe('9500.00');
        expect(chosen.basis).toEqual({
          source: 'rate-table',
          reason:
            'Generic rate of the major-equipment table version 3, in force from 2017-07-01; it governs over the 9000.00 the MOU (annex version 2) records, since revised generic rates apply to every MOU from their effective date.',
          rateTable: table,
          mouVersion: 2,
          mouRateUsd: '9000.00',
        });
      });
    });

    describe('when the generic table in force lists the APC at the rate the MOU records', () => {
      it('then the generic rate governs and the reason says both agree', () =>
        expect(choose('9000.00').basis.reason).toBe(
          'Generic rate of the major-equipment table version 3, in force from 2017-07-01; the MOU (annex version 2) records the same rate.',
        ));
    });

    describe('when the generic table in force does not list it (a special case)', () => {
      it('then the rate agreed in the MOU governs', () => {
        const chosen = choose(null);
        expect(chosen.rateUsd.toFixed(2)).toBe('9000.00');
        expect(chosen.basis).toEqual({
          source: 'mou',
          reason:
            'Not listed in the major-equipment table version 3, in force from 2017-07-01: a special case, at the rate agreed in the MOU (annex version 2).',
          mouVersion: 2,
          mouRateUsd: '9000.00',
        });
      });
    });

    describe('when no generic table is in force on the month', () => {
      it('then the rate agreed in the MOU governs', () =>
        expect(choose(null, null).basis).toEqual({
          source: 'mou',
          reason:
            'No major-equipment table is in force on 2019-04-01: the rate agreed in the MOU (annex version 2).',
          mouVersion: 2,
          mouRateUsd: '9000.00',
        }));
    });
  });

  describe('given April 2019 of a unit whose MOU records APCs at 9,000.00 and trucks at 1,234.56, catering at 28.43', () => {
    describe('when the generic tables in force list the APC at 9,500.00 and catering at 30.12, not the truck', () => {
      const claim = calculateClaim(
        terms(),
        report(),
        seededRates({
          majorEquipment: rateTables.majorEquipment,
          selfSustainment: rateTables.selfSustainment,
        }),
      );
      const line = (key: string) => claim.lines.find((l) => l.key === key)!;

      it('then every line pays the governing rate, to the cent', () =>
        expect(Object.fromEntries(claim.lines.map((l) => [l.key, [l.rateUsd, l.amountUsd]]))).toEqual({
          personnel: ['1428.00', '1142400.00'], // 800 × 1,428.00
          'equipment:L1': ['9500.00', '97850.00'], // 10 × 9,500.00 × 1.03 (the MOU's 9,000.00 would be 92,700.00)
          'equipment:L2': ['1234.56', '25431.94'], // 20 × 1,234.56 × 1.03 = 25,431.936
          'self-sustainment:catering': ['30.12', '24818.88'], // 800 × 30.12 × 1.03
          'self-sustainment:communications': ['33.00', '27192.00'], // 800 × 33.00 × 1.03
          'self-sustainment:medical-level-1': ['20.90', '17221.60'], // 800 × 20.90 × 1.03
        }));

      it('then every line names its rate’s source', () =>
        expect(Object.fromEntries(claim.lines.map((l) => [l.key, l.rateBasis?.source]))).toEqual({
          personnel: 'rate-table',
          'equipment:L1': 'rate-table',
          'equipment:L2': 'mou',
          'self-sustainment:catering': 'rate-table',
          'self-sustainment:communications': 'mou',
          'self-sustainment:medical-level-1': 'mou',
        }));

      it('then the lines say which version and which MOU rate', () => {
        expect(line('equipment:L1').rateBasis).toMatchObject({
          rateTable: { tableId: 'major-equipment', version: 1, effectiveFrom: '2014-07-01' },
          mouVersion: 2,
          mouRateUsd: '9000.00',
        });
        expect(line('self-sustainment:catering').rateBasis).toMatchObject({
          rateTable: { tableId: 'self-sustainment', version: 1 },
          mouRateUsd: '28.43',
        });
        expect(line('personnel').rateBasis).toEqual({
          source: 'rate-table',
          reason:
            'Rate per person per month set by the General Assembly: the personnel table version 4, in force from 2014-07-01; an MOU records no personnel rate.',
          rateTable: { tableId: 'personnel', version: 4, effectiveFrom: '2014-07-01' },
        });
      });
    });
  });
});
