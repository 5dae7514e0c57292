import { deciderSpec } from '@coe/event-store';
import { terms } from '../../test/reimbursement.fixtures';
import type { VerificationCommand } from './verification.commands';
import { verificationDecider } from './verification.decider';
import type { VerificationEvent, VerificationReportContent } from './verification.events';

const given = deciderSpec(verificationDecider);

const content: Omit<VerificationReportContent, 'mouRef' | 'mission' | 'contributor'> = {
  mouId: 'mou-1',
  period: '2019-04',
  reportedOn: '2019-05-03',
  strength: 842,
  daysServed: null,
  equipment: [
    { lineId: 'L1', presentAndServiceable: 10 },
    { lineId: 'L2', presentAndServiceable: 18 },
  ],
  selfSustainment: [
    { category: 'catering', providedToStandard: true },
    { category: 'communications', providedToStandard: false },
    { category: 'medical-level-1', providedToStandard: true },
  ],
};
const stored = { ...content, mouRef: 'DOS/MINUSMA/BGD/03', mission: 'MINUSMA', contributor: 'BGD' };

const submit = (changes: Partial<typeof content> = {}): VerificationCommand => ({
  type: 'SubmitVerificationReport',
  data: { ...content, ...changes, terms: terms() },
});
const correct = (changes: Partial<typeof content> = {}): VerificationCommand => ({
  type: 'CorrectVerificationReport',
  data: { ...content, ...changes, terms: terms(), reason: 'Re-inspection' },
});
const submitted: VerificationEvent = {
  type: 'VerificationReportSubmitted',
  data: { ...stored, version: 1 },
  effectiveOn: '2019-05-03',
};

describe('VerificationReport', () => {
  it('is submitted as version 1, naming the MOU it verifies', () =>
    given([]).when(submit()).then([submitted]));

  it('is submitted once per unit and month', () =>
    given([submitted]).when(submit()).thenThrows('VERIFICATION_REPORT_EXISTS'));

  it('is corrected by a new version with the whole content, never edited', () =>
    given([submitted])
      .when(correct({ strength: 830 }))
      .then([
        {
          type: 'VerificationReportCorrected',
          data: { ...stored, strength: 830, version: 2, reason: 'Re-inspection' },
          effectiveOn: '2019-05-03',
        },
      ]));

  it('has nothing to correct before it is submitted', () =>
    given([]).when(correct()).thenThrows('VERIFICATION_REPORT_NOT_FOUND'));

  it.each([
    [
      'a line annex B does not have',
      { equipment: [...content.equipment, { lineId: 'L9', presentAndServiceable: 1 }] },
      'UNKNOWN_ANNEX_B_LINE',
    ],
    [
      'a category annex C does not have',
      { selfSustainment: [...content.selfSustainment, { category: 'laundry', providedToStandard: true }] },
      'UNKNOWN_ANNEX_C_CATEGORY',
    ],
    [
      'a line reported twice',
      { equipment: [...content.equipment, { lineId: 'L1', presentAndServiceable: 1 }] },
      'DUPLICATE_REPORT_ENTRY',
    ],
    ['a line left out', { equipment: content.equipment.slice(1) }, 'VERIFICATION_REPORT_INCOMPLETE'],
    ['more days than April has', { daysServed: 31 }, 'INVALID_DAYS_SERVED'],
    ['a report dated before the month', { reportedOn: '2019-03-31' }, 'REPORT_BEFORE_PERIOD'],
  ])('refuses %s', (_what, changes, code) => given([]).when(submit(changes)).thenThrows(code));
});
