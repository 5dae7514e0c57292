import { deciderSpec } from '@coe/event-store/testing';
import type { MouCommand, RegisterRow } from './mou.commands';
import { mouDecider } from './mou.decider';
import type { MouEvent } from './mou.events';
import { NO_MISSION_FACTORS } from './mou.state';

const given = deciderSpec(mouDecider);
const mouId = 'mou-reg-1';

const row = (overrides: Partial<RegisterRow> = {}): MouCommand => ({
  type: 'ImportMouFromRegister',
  data: {
    mouId,
    mouRef: 'DFS/UNMISS/NPL/02',
    mission: 'UNMISS',
    contributor: 'NPL',
    unitName: 'NEPBATT-2',
    unitType: 'INF',
    personnelCeiling: 850,
    negotiationOpenedOn: '2016-05-02',
    deployedOn: '2016-03-15',
    repatriatedOn: null,
    signedByContributorOn: '2017-09-01',
    signedByUnOn: '2017-08-20',
    ...overrides,
  },
});

const drafted: MouEvent = {
  type: 'MouDrafted',
  data: {
    mouId,
    mouRef: 'DFS/UNMISS/NPL/02',
    mission: 'UNMISS',
    contributor: 'NPL',
    unitId: null,
    unitName: 'NEPBATT-2',
    unitType: 'INF',
    personnelCeiling: 850,
    negotiationOpenedOn: '2016-05-02',
  },
  effectiveOn: '2016-05-02',
};
const deployed: MouEvent = {
  type: 'MouUnitDeployed',
  data: { mouId, deployedOn: '2016-03-15' },
  effectiveOn: '2016-03-15',
};
const signedByUn: MouEvent = {
  type: 'MouSigned',
  data: { mouId, party: 'un', signedOn: '2017-08-20' },
  effectiveOn: '2017-08-20',
};
const signedByContributor: MouEvent = {
  type: 'MouSigned',
  data: { mouId, party: 'contributor', signedOn: '2017-09-01' },
  effectiveOn: '2017-09-01',
};
const inForce: MouEvent[] = [
  { type: 'MouEnteredIntoForce', data: { mouId, inForceOn: '2017-09-01' }, effectiveOn: '2017-09-01' },
  {
    type: 'MouTermsInForce',
    data: {
      mouId,
      mouRef: 'DFS/UNMISS/NPL/02',
      mission: 'UNMISS',
      contributor: 'NPL',
      unitId: null,
      annexVersion: 1,
      effectiveOn: '2017-09-01',
      personnelCeiling: 850,
      annexB: [],
      annexC: [],
      missionFactors: NO_MISSION_FACTORS,
    },
    effectiveOn: '2017-09-01',
  },
];
const fullHistory = [drafted, deployed, signedByUn, signedByContributor, ...inForce];

describe('Mou from the legacy register', () => {
  it('becomes the events work in the system would have recorded, each with its business date', () =>
    given([]).when(row()).then(fullHistory));

  it('records the repatriation after the entry into force when it came later', () =>
    given([])
      .when(row({ repatriatedOn: '2018-04-30' }))
      .then([
        ...fullHistory,
        {
          type: 'MouUnitRepatriated',
          data: { mouId, repatriatedOn: '2018-04-30' },
          effectiveOn: '2018-04-30',
        },
      ]));

  it('is only drafted when nobody signed and the unit never deployed', () =>
    given([])
      .when(row({ deployedOn: null, signedByContributorOn: null, signedByUnOn: null }))
      .then([drafted]));

  it('stays pending with a single signature', () =>
    given([])
      .when(row({ signedByUnOn: null }))
      .then([drafted, deployed, signedByContributor]));

  it('changes nothing when the same row is imported again', () => given(fullHistory).when(row()).then([]));

  it('refuses a row that says something else about a recorded MOU', () =>
    given(fullHistory)
      .when(row({ signedByUnOn: '2017-08-21' }))
      .thenThrows('CONFLICTS_WITH_HISTORY'));

  it('refuses a repatriation without a deployment', () =>
    given([])
      .when(row({ deployedOn: null, repatriatedOn: '2018-04-30' }))
      .thenThrows('UNIT_NOT_DEPLOYED'));

  it('refuses a signature before negotiation opened', () =>
    given([])
      .when(row({ signedByUnOn: '2016-05-01' }))
      .thenThrows('SIGNATURE_BEFORE_NEGOTIATION'));
});
