import type { MouParty } from '@coe/contracts';
import { deciderSpec } from '@coe/event-store/testing';
import { mouDecider } from './mou.decider';
import type { MouCommand, TermsChangesInput } from './mou.commands';
import type { MouEvent } from './mou.events';
import {
  INITIAL_TERMS,
  MAX_PCT,
  drafted,
  inForceHistory,
  mouId,
  proposed,
  termsInForce,
  truck,
} from './mou.fixtures';

const given = deciderSpec(mouDecider);

const propose = (proposedOn: string, effectiveOn: string, changes: TermsChangesInput): MouCommand => ({
  type: 'ProposeMouAmendment',
  data: {
    mouId,
    kind: 'personnel',
    description: 'Second rotation with an engineering platoon',
    proposedBy: 'un',
    proposedOn,
    effectiveOn,
    changes,
    missionFactorMaxPct: MAX_PCT,
  },
});

const amendmentProposed = (
  amendmentNumber: number,
  proposedOn: string,
  effectiveOn: string,
  changes: object,
): MouEvent => ({
  type: 'MouAmendmentProposed',
  data: {
    mouId,
    amendmentNumber,
    kind: 'personnel',
    description: 'Second rotation with an engineering platoon',
    proposedBy: 'un',
    proposedOn,
    effectiveOn,
    changes,
  },
  effectiveOn: proposedOn,
});

const sign = (amendmentNumber: number, party: MouParty, signedOn: string): MouCommand => ({
  type: 'SignMouAmendment',
  data: { mouId, amendmentNumber, party, signedOn },
});

const signed = (amendmentNumber: number, party: MouParty, signedOn: string): MouEvent => ({
  type: 'MouAmendmentSigned',
  data: { mouId, amendmentNumber, party, signedOn },
  effectiveOn: signedOn,
});

const amendmentInForce = (
  amendmentNumber: number,
  annexVersion: number,
  signedOn: string,
  effectiveOn: string,
): MouEvent => ({
  type: 'MouAmendmentEnteredIntoForce',
  data: { mouId, amendmentNumber, annexVersion, signedOn, effectiveOn },
  effectiveOn: signedOn,
});

const withdrawn = (amendmentNumber: number): MouEvent => ({
  type: 'MouAmendmentWithdrawn',
  data: { mouId, amendmentNumber, withdrawnOn: '2019-07-01', reason: 'Superseded' },
  effectiveOn: '2019-07-01',
});

describe('Mou amendments', () => {
  it('are only for an MOU in force', () =>
    given([drafted()])
      .when(propose('2019-06-01', '2019-07-01', { personnelCeiling: 900 }))
      .thenThrows('MOU_NOT_IN_FORCE'));

  it('open amendment 1 with the proposed changes', () =>
    given(inForceHistory())
      .when(propose('2019-06-01', '2019-07-01', { personnelCeiling: 900 }))
      .then([amendmentProposed(1, '2019-06-01', '2019-07-01', { personnelCeiling: 900 })]));

  it('take effect no earlier than the terms they replace', () =>
    given(inForceHistory())
      .when(propose('2019-06-01', '2019-03-13', {}))
      .thenThrows('AMENDMENT_DATE_OUT_OF_ORDER'));

  it('are proposed no earlier than the entry into force', () =>
    given(inForceHistory())
      .when(propose('2019-03-01', '2019-07-01', {}))
      .thenThrows('AMENDMENT_DATE_OUT_OF_ORDER'));

  describe('while amendment 1 is negotiated', () => {
    const history = [
      ...inForceHistory(),
      amendmentProposed(1, '2019-06-01', '2019-07-01', { personnelCeiling: 900 }),
    ];

    it('refuses a second amendment', () =>
      given(history)
        .when(propose('2019-06-02', '2019-07-01', {}))
        .thenThrows('AMENDMENT_IN_PROGRESS'));

    it('records negotiation rounds on the amendment', () =>
      given(history)
        .when({
          type: 'ProposeMouAmendmentTerms',
          data: {
            mouId,
            amendmentNumber: 1,
            proposedBy: 'contributor',
            proposedOn: '2019-06-10',
            changes: { annexB: [truck] },
            missionFactorMaxPct: MAX_PCT,
          },
        })
        .then([
          proposed(
            2,
            'contributor',
            '2019-06-10',
            { annexB: [{ lineId: 'B001', ...truck, monthlyRateUsd: '1875.50' }] },
            1,
          ),
        ]));

    it('puts annex version 2 in force from the stated date once both parties signed, in either order', () =>
      given([...history, signed(1, 'un', '2019-06-20')])
        .when(sign(1, 'contributor', '2019-06-15'))
        .then([
          signed(1, 'contributor', '2019-06-15'),
          amendmentInForce(1, 2, '2019-06-20', '2019-07-01'),
          termsInForce(2, '2019-07-01', { ...INITIAL_TERMS, personnelCeiling: 900 }),
        ]));

    it('records a single signature without changing the terms', () =>
      given(history)
        .when(sign(1, 'contributor', '2019-06-15'))
        .then([signed(1, 'contributor', '2019-06-15')]));

    it('refuses a signature dated before the amendment was proposed', () =>
      given(history)
        .when(sign(1, 'un', '2019-05-31'))
        .thenThrows('SIGNATURE_BEFORE_NEGOTIATION'));

    it('refuses a signature on an amendment that does not exist', () =>
      given(history)
        .when(sign(2, 'un', '2019-06-20'))
        .thenThrows('AMENDMENT_NOT_FOUND'));

    it('takes no signature once withdrawn', () =>
      given([...history, withdrawn(1)])
        .when(sign(1, 'un', '2019-07-02'))
        .thenThrows('AMENDMENT_NOT_NEGOTIABLE'));
  });

  describe('after amendment 1 is in force', () => {
    const v2 = { ...INITIAL_TERMS, personnelCeiling: 900 };
    const history = [
      ...inForceHistory(),
      amendmentProposed(1, '2019-06-01', '2019-07-01', { personnelCeiling: 900 }),
      signed(1, 'un', '2019-06-20'),
      signed(1, 'contributor', '2019-06-21'),
      amendmentInForce(1, 2, '2019-06-21', '2019-07-01'),
      termsInForce(2, '2019-07-01', v2),
    ];

    it('builds amendment 2 on version 2 and puts it in force as version 3', () =>
      given([
        ...history,
        amendmentProposed(2, '2020-01-10', '2020-02-01', { personnelCeiling: 950 }),
        signed(2, 'contributor', '2020-01-20'),
      ])
        .when(sign(2, 'un', '2020-01-25'))
        .then([
          signed(2, 'un', '2020-01-25'),
          amendmentInForce(2, 3, '2020-01-25', '2020-02-01'),
          termsInForce(3, '2020-02-01', { ...v2, personnelCeiling: 950 }),
        ]));

    it('ignores the same amendment signature recorded again', () =>
      given(history)
        .when(sign(1, 'un', '2019-06-20'))
        .then([]));

    it('refuses another date for a signature already recorded', () =>
      given(history)
        .when(sign(1, 'un', '2019-06-22'))
        .thenThrows('MOU_ALREADY_SIGNED'));
  });

  it('number a new amendment after a withdrawn one, and still create the next annex version', () =>
    given([
      ...inForceHistory(),
      amendmentProposed(1, '2019-06-01', '2019-07-01', { personnelCeiling: 900 }),
      withdrawn(1),
      amendmentProposed(2, '2019-08-01', '2019-09-01', { personnelCeiling: 920 }),
      signed(2, 'un', '2019-08-10'),
    ])
      .when(sign(2, 'contributor', '2019-08-12'))
      .then([
        signed(2, 'contributor', '2019-08-12'),
        amendmentInForce(2, 2, '2019-08-12', '2019-09-01'),
        termsInForce(2, '2019-09-01', { ...INITIAL_TERMS, personnelCeiling: 920 }),
      ]));
});
