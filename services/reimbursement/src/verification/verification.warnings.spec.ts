import { terms } from '../../test/reimbursement.fixtures';
import { reportWarnings, warningsOf } from './verification.warnings';

// The MOU (annex version 2): personnel ceiling 850; L1 10 wheeled APCs, L2 20 utility trucks.
const counted = (changes: Partial<Parameters<typeof reportWarnings>[1]> = {}) => ({
  strength: 800,
  strengthByDay: null,
  equipment: [
    { lineId: 'L1', presentAndServiceable: 10 },
    { lineId: 'L2', presentAndServiceable: 20 },
  ],
  ...changes,
});

describe('warnings of a verification report', () => {
  describe('given an MOU with a ceiling of 850 and 10 APCs', () => {
    it('when the counts are within the MOU, then there is none', () =>
      expect(reportWarnings(terms(), counted())).toEqual([]));

    it('when 900 persons are counted, then strength above the ceiling', () =>
      expect(reportWarnings(terms(), counted({ strength: 900 }))).toEqual([
        { code: 'STRENGTH_ABOVE_CEILING', message: 'Strength 900 counted; MOU personnel ceiling 850' },
      ]));

    it('when a rotation’s day range is above it, then that range is named', () =>
      expect(
        reportWarnings(
          terms(),
          counted({
            strengthByDay: [
              { fromDay: 1, toDay: 10, strength: 850 },
              { fromDay: 11, toDay: 15, strength: 950 },
            ],
          }),
        ),
      ).toEqual([
        {
          code: 'STRENGTH_ABOVE_CEILING',
          message: 'Strength 950 on days 11–15 counted; MOU personnel ceiling 850',
        },
      ]));

    it('when 40 APCs are counted (38 serviceable, 2 not), then the count above the MOU quantity', () =>
      expect(
        reportWarnings(
          terms(),
          counted({
            equipment: [
              { lineId: 'L1', presentAndServiceable: 38, presentUnserviceable: 2, absent: 0 },
              { lineId: 'L2', presentAndServiceable: 20 },
            ],
          }),
        ),
      ).toEqual([
        { code: 'COUNT_ABOVE_MOU_QUANTITY', message: '40 counted; MOU quantity 10', lineId: 'L1' },
      ]));

    it('when items are counted on a line the annex does not have, then not in the MOU', () =>
      expect(
        reportWarnings(
          terms(),
          counted({ equipment: [...counted().equipment, { lineId: 'L9', presentAndServiceable: 3 }] }),
        ),
      ).toEqual([
        { code: 'COUNTED_ITEM_NOT_IN_MOU', message: '3 counted; not in MOU annex B version 2', lineId: 'L9' },
      ]));
  });

  it('gives a claim line the warnings of its own annex B line, or personnel’s', () => {
    const warnings = reportWarnings(
      terms(),
      counted({ strength: 900, equipment: [{ lineId: 'L1', presentAndServiceable: 11 }] }),
    );
    expect(warningsOf(warnings, null)).toEqual([
      { code: 'STRENGTH_ABOVE_CEILING', message: 'Strength 900 counted; MOU personnel ceiling 850' },
    ]);
    expect(warningsOf(warnings, 'L1')).toEqual([
      { code: 'COUNT_ABOVE_MOU_QUANTITY', message: '11 counted; MOU quantity 10' },
    ]);
    expect(warningsOf(warnings, 'L2')).toEqual([]);
  });
});
