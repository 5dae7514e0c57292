import { deciderSpec } from '@coe/event-store/testing';
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
const stored = {
  ...content,
  mouRef: 'DOS/MINUSMA/BGD/03',
  mission: 'MINUSMA',
  contributor: 'BGD',
  warnings: [],
};

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

  it('keeps what the inspectors counted beyond the MOU, and records why it is warned of', () => {
    // ceiling 850, 10 APCs (L1) in annex B version 2; L9 is no line of it
    const equipment = [
      { lineId: 'L1', presentAndServiceable: 12 },
      { lineId: 'L2', presentAndServiceable: 18 },
      { lineId: 'L9', presentAndServiceable: 3 },
    ];
    given([])
      .when(submit({ strength: 900, equipment }))
      .then([
        {
          ...submitted,
          data: {
            ...stored,
            strength: 900,
            equipment,
            version: 1,
            warnings: [
              { code: 'STRENGTH_ABOVE_CEILING', message: 'Strength 900 counted; MOU personnel ceiling 850' },
              { code: 'COUNT_ABOVE_MOU_QUANTITY', message: '12 counted; MOU quantity 10', lineId: 'L1' },
              {
                code: 'COUNTED_ITEM_NOT_IN_MOU',
                message: '3 counted; not in MOU annex B version 2',
                lineId: 'L9',
              },
            ],
          },
        },
      ]);
  });

  describe("with the inspectors' signed report attached", () => {
    const signedScan = { sha256: 'd'.repeat(64), mediaType: 'application/pdf', size: 52311 };
    const named = { sha256: signedScan.sha256, title: 'Inspection, April 2019', kind: 'inspection-report' };
    const submitWith = (storedDocuments: (typeof signedScan)[]): VerificationCommand => ({
      type: 'SubmitVerificationReport',
      data: { ...content, terms: terms(), documents: [named], storedDocuments },
    });

    it('names it by hash in the version it belongs to, with its stored type and size', () =>
      given([])
        .when(submitWith([signedScan]))
        .then([
          {
            ...submitted,
            data: {
              ...stored,
              version: 1,
              documents: [{ ...named, mediaType: 'application/pdf', size: 52311 }],
            },
          },
        ]));

    it('refuses one nobody uploaded', () =>
      given([]).when(submitWith([])).thenThrows('DOCUMENT_NOT_UPLOADED'));
  });

  it('has nothing to correct before it is submitted', () =>
    given([]).when(correct()).thenThrows('VERIFICATION_REPORT_NOT_FOUND'));

  it.each([
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

  describe('annex C categories, codes matched exactly (issue 18)', () => {
    const asReported = (category: string) =>
      content.selfSustainment.map((s) => (s.category === 'catering' ? { ...s, category } : s));

    it('refuses `Catering` for annex C `catering`, naming the field and the code', () =>
      given([])
        .when(submit({ selfSustainment: asReported('Catering') }))
        .thenThrows('UNKNOWN_CATEGORY', { field: 'selfSustainment[0].category', suggestion: 'catering' }));

    it('takes a category exactly as an annex recorded before the code list says it', () => {
      const legacy = {
        ...terms(),
        annexC: terms().annexC.map((c) => (c.category === 'catering' ? { ...c, category: 'Catering' } : c)),
      };
      given([])
        .when({
          type: 'SubmitVerificationReport',
          data: { ...content, selfSustainment: asReported('Catering'), terms: legacy },
        })
        .then([{ ...submitted, data: { ...submitted.data, selfSustainment: asReported('Catering') } }]);
    });
  });

  describe('service days, strength by day and arrivals', () => {
    const april = Array.from({ length: 30 }, (_, i) => i + 1);
    const withDays = (
      serviceDays: number[],
      changes: Partial<VerificationReportContent> = {},
    ): VerificationCommand => ({
      type: 'SubmitVerificationReport',
      data: { ...content, ...changes, terms: terms(), serviceDays },
    });
    const rotation = [
      { fromDay: 1, toDay: 10, strength: 850 },
      { fromDay: 11, toDay: 15, strength: 950 },
      { fromDay: 16, toDay: 30, strength: 700 },
    ];

    it('keeps strength by day ranges and arrival dates in the report', () =>
      given([])
        .when(
          withDays(april, {
            strengthByDay: rotation,
            equipment: [
              { lineId: 'L1', presentAndServiceable: 10, arrivedOn: '2019-04-21' },
              { lineId: 'L2', presentAndServiceable: 18 },
            ],
          }),
        )
        .then([
          {
            type: 'VerificationReportSubmitted',
            data: {
              ...stored,
              strengthByDay: rotation,
              equipment: [
                { lineId: 'L1', presentAndServiceable: 10, arrivedOn: '2019-04-21' },
                { lineId: 'L2', presentAndServiceable: 18 },
              ],
              version: 1,
              // the ceiling is 850: kept as counted, and warned of
              warnings: [
                {
                  code: 'STRENGTH_ABOVE_CEILING',
                  message: 'Strength 950 on days 11–15 counted; MOU personnel ceiling 850',
                },
              ],
            },
            effectiveOn: '2019-05-03',
          },
        ]));

    it('keeps typed days with their reason', () =>
      given([])
        .when(withDays([], { daysServed: 18, daysServedReason: 'Deployment not yet recorded' }))
        .then([
          {
            type: 'VerificationReportSubmitted',
            data: { ...stored, daysServed: 18, daysServedReason: 'Deployment not yet recorded', version: 1 },
            effectiveOn: '2019-05-03',
          },
        ]));

    it.each([
      ['a month the unit was not in the mission area', withDays([]), 'UNIT_NOT_DEPLOYED_IN_PERIOD'],
      ['typed days without a reason', withDays(april, { daysServed: 18 }), 'DAYS_SERVED_REASON_REQUIRED'],
      [
        'overlapping ranges',
        withDays(april, { strengthByDay: [rotation[0]!, { fromDay: 10, toDay: 30, strength: 700 }] }),
        'INVALID_STRENGTH_RANGES',
      ],
      [
        'a range past the month’s end',
        withDays(april, { strengthByDay: [{ fromDay: 16, toDay: 31, strength: 700 }] }),
        'INVALID_STRENGTH_RANGES',
      ],
      [
        'an arrival outside the month',
        withDays(april, {
          equipment: [
            { lineId: 'L1', presentAndServiceable: 10, arrivedOn: '2019-05-02' },
            { lineId: 'L2', presentAndServiceable: 18 },
          ],
        }),
        'INVALID_ARRIVAL_DATE',
      ],
    ])('refuses %s', (_what, command, code) => given([]).when(command).thenThrows(code));
  });
});
