import { deciderSpec } from '@coe/event-store/testing';
import { terms } from '../../test/reimbursement.fixtures';
import type { VerificationCommand } from './verification.commands';
import { verificationDecider } from './verification.decider';
import type {
  EquipmentVerified,
  SelfSustainmentVerified,
  VerificationEvent,
  VerificationReportContent,
} from './verification.events';

const given = deciderSpec(verificationDecider);

// annex B of the fixture: L1 10 APCs, L2 20 trucks
const content = (
  l1: Omit<EquipmentVerified, 'lineId'>,
  catering: Omit<SelfSustainmentVerified, 'category'> = { providedToStandard: true },
): Omit<VerificationReportContent, 'mouRef' | 'mission' | 'contributor'> => ({
  mouId: 'mou-1',
  period: '2019-04',
  reportedOn: '2019-05-03',
  strength: 842,
  daysServed: null,
  equipment: [
    { lineId: 'L1', ...l1 },
    { lineId: 'L2', presentAndServiceable: 20 },
  ],
  selfSustainment: [
    { category: 'catering', ...catering },
    { category: 'communications', providedToStandard: true },
    { category: 'medical-level-1', providedToStandard: true },
  ],
});
const submit = (data: ReturnType<typeof content>): VerificationCommand => ({
  type: 'SubmitVerificationReport',
  data: { ...data, terms: terms() },
});
const submitted = (data: ReturnType<typeof content>): VerificationEvent[] => [
  {
    type: 'VerificationReportSubmitted',
    data: {
      ...data,
      ...{ mouRef: 'DOS/MINUSMA/BGD/03', mission: 'MINUSMA', contributor: 'BGD', version: 1 },
      warnings: [],
    },
    effectiveOn: '2019-05-03',
  },
];

describe('a verification report telling missing equipment apart (resolution 67/261)', () => {
  it('records present-but-unserviceable and absent items, deriving the absent count', () =>
    given([])
      .when(
        submit(
          content({
            presentAndServiceable: 6,
            presentUnserviceable: 1,
            notDeployedAtUnRequest: { count: 2, reference: 'UCSD 2019/117' },
          }),
        ),
      )
      .then(
        submitted(
          content({
            presentAndServiceable: 6,
            presentUnserviceable: 1,
            absent: 3, // 10 − 6 − 1
            notDeployedAtUnRequest: { count: 2, reference: 'UCSD 2019/117' },
          }),
        ),
      ));

  it('keeps a line without a breakdown as it came (its meaning unchanged)', () =>
    given([])
      .when(submit(content({ presentAndServiceable: 7 })))
      .then(submitted(content({ presentAndServiceable: 7 }))));

  it('refuses counts that do not add up to the MOU quantity', () =>
    given([])
      .when(submit(content({ presentAndServiceable: 6, presentUnserviceable: 1, absent: 2 })))
      .thenThrows('EQUIPMENT_COUNT_MISMATCH'));

  it('refuses more hostile-action losses and undeployed items than items absent', () =>
    given([])
      .when(
        submit(
          content({
            presentAndServiceable: 8,
            absent: 2,
            lostThroughHostileAction: { count: 2, incidentId: 'INC-7' },
            notDeployedAtUnRequest: { count: 1, reference: 'UCSD 2019/117' },
          }),
        ),
      )
      .thenThrows('EXEMPT_COUNT_EXCEEDS_ABSENT'));
});

describe('a verification report on self-sustainment provided in part', () => {
  it('records the provision with providedToStandard false', () =>
    given([])
      .when(
        submit(content({ presentAndServiceable: 10 }, { providedToStandard: false, provision: 'partial' })),
      )
      .then(
        submitted(
          content({ presentAndServiceable: 10 }, { providedToStandard: false, provision: 'partial' }),
        ),
      ));

  it('refuses a provision that contradicts providedToStandard', () =>
    given([])
      .when(
        submit(content({ presentAndServiceable: 10 }, { providedToStandard: true, provision: 'partial' })),
      )
      .thenThrows('INCONSISTENT_PROVISION'));
});
