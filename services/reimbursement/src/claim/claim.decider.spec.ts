import { deciderSpec } from '@coe/event-store/testing';
import { report, seededRates, terms } from '../../test/reimbursement.fixtures';
import { calculateClaim } from './claim.calculation';
import type { ClaimCommand } from './claim.commands';
import { claimDecider } from './claim.decider';
import type { ClaimEvent, ClaimPrepared } from './claim.events';

const given = deciderSpec(claimDecider);

const original = calculateClaim(terms(), report(), seededRates());
// the corrected report: 1 APC unserviceable after all (7.8 % of the value: no deduction), communications
// not provided
const corrected = calculateClaim(
  terms(),
  report({
    version: 2,
    equipment: [
      { lineId: 'L1', presentAndServiceable: 9 },
      { lineId: 'L2', presentAndServiceable: 20 },
    ],
    selfSustainment: [
      { category: 'catering', providedToStandard: true },
      { category: 'communications', providedToStandard: false },
      { category: 'medical-level-1', providedToStandard: true },
    ],
  }),
  seededRates(),
);

const preparedData: ClaimPrepared = {
  claimId: 'c-1',
  claimRef: 'DOS/MINUSMA/BGD/03/2019-04',
  origin: 'computed',
  mouId: 'mou-1',
  mission: 'MINUSMA',
  contributor: 'BGD',
  category: 'personnel',
  period: '2019-04',
  preparedOn: '2019-05-10',
  preparedBy: 'officer-a',
  lines: original.lines,
  amountUsd: '1328371.86',
  basis: original.basis,
  adjustsClaimId: null,
};
const prepared: ClaimEvent = { type: 'ClaimPrepared', data: preparedData, effectiveOn: '2019-05-10' };

const prepare: ClaimCommand = {
  type: 'PrepareClaim',
  data: (({ amountUsd: _a, ...rest }) => rest)(preparedData),
};
const certify = (by: string, on = '2019-05-20'): ClaimCommand => ({
  type: 'CertifyClaim',
  data: { claimId: 'c-1', certifiedOn: on, certifiedBy: by },
});
const adjust = (by = 'officer-a', on = '2019-05-15'): ClaimCommand => ({
  type: 'AdjustClaim',
  data: { claimId: 'c-1', adjustedOn: on, adjustedBy: by, recalculation: corrected, countedElsewhere: [] },
});

describe('Claim', () => {
  it('is prepared with the total of its lines', () => given([]).when(prepare).then([prepared]));

  it('is prepared once per unit and month', () => given([prepared]).when(prepare).thenThrows('CLAIM_EXISTS'));

  it('refuses a month after the preparation date', () =>
    given([])
      .when({ ...prepare, data: { ...prepare.data, period: '2019-06' } } as ClaimCommand)
      .thenThrows('PERIOD_AFTER_PREPARATION'));

  describe('when a corrected report arrives before certification', () => {
    it('adds ADJUSTMENT lines for the components that changed, and changes no line', () =>
      given([prepared])
        .when(adjust())
        .then([
          {
            type: 'ClaimAdjusted',
            effectiveOn: '2019-05-15',
            data: {
              claimId: 'c-1',
              adjustmentNo: 1,
              adjustedOn: '2019-05-15',
              adjustedBy: 'officer-a',
              basis: { mouAnnexVersion: 2, verificationReportVersion: 2 },
              // −1 × 9,000.00 × 1.03 and −800 × 33.00 × 1.03
              amountUsd: '-36462.00',
              lines: [
                expect.objectContaining({
                  kind: 'ADJUSTMENT',
                  key: 'equipment:L1',
                  adjustsLineKey: 'equipment:L1',
                  quantity: '9',
                  amountUsd: '-9270.00',
                }),
                expect.objectContaining({
                  kind: 'ADJUSTMENT',
                  key: 'self-sustainment:communications',
                  amountUsd: '-27192.00',
                }),
              ],
            },
          },
        ]));

    it('refuses a recalculation that changes nothing', () =>
      given([prepared])
        .when({ ...adjust(), data: { ...adjust().data, recalculation: original } } as ClaimCommand)
        .thenThrows('NOTHING_TO_ADJUST'));

    it('is certified at the adjusted amount', () =>
      given([prepared])
        .when(adjust())
        .thenState((state) => expect(state).toMatchObject({ status: 'prepared', amountUsd: '1291909.86' })));
  });

  describe('certification', () => {
    it('needs a second finance officer (four eyes)', () =>
      given([prepared]).when(certify('officer-a')).thenThrows('FOUR_EYES_REQUIRED'));

    it('makes the claim a payable, with one amount per component', () =>
      given([prepared])
        .when(certify('officer-b'))
        .then([
          {
            type: 'ClaimCertified',
            effectiveOn: '2019-05-20',
            data: {
              claimId: 'c-1',
              claimRef: 'DOS/MINUSMA/BGD/03/2019-04',
              mission: 'MINUSMA',
              contributor: 'BGD',
              category: 'personnel',
              period: '2019-04',
              amountUsd: '1328371.86',
              certifiedOn: '2019-05-20',
              certifiedBy: 'officer-b',
              origin: 'computed',
              lines: [
                { component: 'personnel', amountUsd: '1142400.00' },
                { component: 'major_equipment', amountUsd: '118131.94' },
                { component: 'self_sustainment', amountUsd: '67839.92' },
              ],
            },
          },
        ]));

    it('refuses whoever adjusted the claim too', async () => {
      const adjusted = claimDecider.decide(
        adjust('officer-b'),
        claimDecider.evolve(claimDecider.initialState(), prepared),
      );
      given([prepared, ...adjusted])
        .when(certify('officer-b'))
        .thenThrows('FOUR_EYES_REQUIRED');
    });

    it('happens once', () => {
      const certified = claimDecider.decide(
        certify('officer-b'),
        claimDecider.evolve(claimDecider.initialState(), prepared),
      );
      given([prepared, ...certified])
        .when(certify('officer-c'))
        .thenThrows('CLAIM_ALREADY_CERTIFIED');
      given([prepared, ...certified])
        .when(adjust())
        .thenThrows('CLAIM_ALREADY_CERTIFIED');
    });

    it('is not dated before the preparation', () =>
      given([prepared]).when(certify('officer-b', '2019-05-09')).thenThrows('DATED_BEFORE_PREPARATION'));

    it('refuses an unknown claim', () => given([]).when(certify('officer-b')).thenThrows('CLAIM_NOT_FOUND'));

    it('refuses a claim of nothing', () =>
      given([{ ...prepared, data: { ...preparedData, lines: [], amountUsd: '0.00' } }])
        .when(certify('officer-b'))
        .thenThrows('NOTHING_TO_CERTIFY'));
  });

  describe('a certified claim imported from the legacy ledger', () => {
    const row = {
      claimId: 'c-9',
      claimRef: 'LEG-0001',
      mission: 'UNMISS',
      contributor: 'IND',
      category: 'letter_of_assist' as const,
      period: '2018-11',
      amountUsd: '125000.00',
      certifiedOn: '2019-01-15',
      importedBy: 'officer-a',
    };
    const importRow = (changes: Partial<typeof row> = {}): ClaimCommand => ({
      type: 'ImportCertifiedClaim',
      data: { ...row, ...changes },
    });
    const { importedBy: _i, ...fields } = row;
    const imported: ClaimEvent = {
      type: 'ClaimCertified',
      data: { ...fields, certifiedBy: 'officer-a', origin: 'imported' },
      effectiveOn: '2019-01-15',
    };

    it('is recorded as certified on its date', () => given([]).when(importRow()).then([imported]));

    it('is unchanged when imported again, whoever imports it', () =>
      given([imported])
        .when(importRow({ importedBy: 'officer-b' }))
        .then([]));

    it('conflicts with history when its reference comes back with other content', () =>
      given([imported])
        .when(importRow({ amountUsd: '125000.01' }))
        .thenThrows('CONFLICTS_WITH_HISTORY'));
  });

  describe('voiding, before certification', () => {
    const voidIt = (
      reason = 'Prepared against the wrong verification report.',
      on = '2019-05-12',
    ): ClaimCommand => ({
      type: 'VoidClaim',
      data: { claimId: 'c-1', voidedOn: on, voidedBy: 'officer-b', reason },
    });
    const voided: ClaimEvent = {
      type: 'ClaimVoided',
      effectiveOn: '2019-05-12',
      data: {
        claimId: 'c-1',
        voidedOn: '2019-05-12',
        voidedBy: 'officer-b',
        reason: 'Prepared against the wrong verification report.',
      },
    };
    const certifiedEvents = () =>
      claimDecider.decide(certify('officer-b'), claimDecider.evolve(claimDecider.initialState(), prepared));

    it('withdraws a prepared claim with its reason', () => given([prepared]).when(voidIt()).then([voided]));

    it('needs a reason', () => given([prepared]).when(voidIt('  ')).thenThrows('VOID_REASON_REQUIRED'));

    it('is not dated before the preparation', () =>
      given([prepared]).when(voidIt(undefined, '2019-05-09')).thenThrows('DATED_BEFORE_PREPARATION'));

    it('refuses a certified claim: a correction of a payable is an adjustment claim', () =>
      given([prepared, ...certifiedEvents()])
        .when(voidIt())
        .thenThrows('CLAIM_ALREADY_CERTIFIED'));

    it('happens once', () => given([prepared, voided]).when(voidIt()).thenThrows('CLAIM_VOIDED'));

    it('refuses an unknown claim', () => given([]).when(voidIt()).thenThrows('CLAIM_NOT_FOUND'));

    it('leaves a claim that can never be certified, so never payable', () =>
      given([prepared, voided]).when(certify('officer-c')).thenThrows('CLAIM_VOIDED'));

    it('leaves a claim that is not adjusted either', () =>
      given([prepared, voided]).when(adjust('officer-a', '2019-05-15')).thenThrows('CLAIM_VOIDED'));

    it("lets the unit's month be prepared afresh, by the rules of a first preparation", () =>
      given([prepared, voided])
        .when({ ...prepare, data: { ...prepare.data, preparedOn: '2019-05-13' } } as ClaimCommand)
        .then([
          { ...prepared, effectiveOn: '2019-05-13', data: { ...preparedData, preparedOn: '2019-05-13' } },
        ]));
  });
});
