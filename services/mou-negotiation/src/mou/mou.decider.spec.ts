import { deciderSpec } from '@coe/event-store/testing';
import { mouDecider } from './mou.decider';
import {
  INITIAL_TERMS,
  deployed,
  draft,
  drafted,
  enteredIntoForce,
  inForceHistory,
  mouId,
  propose,
  proposed,
  repatriated,
  sent,
  sign,
  signed,
  termsInForce,
  truck,
} from './mou.fixtures';

const given = deciderSpec(mouDecider);

describe('Mou', () => {
  describe('drafting', () => {
    it('opens negotiation on the date the clerk or the policy gives', () =>
      given([]).when(draft()).then([drafted()]));

    it('refuses to draft the same MOU twice', () =>
      given([drafted()]).when(draft()).thenThrows('MOU_ALREADY_DRAFTED'));

    it('knows no MOU that was never drafted', () =>
      given([]).when(sign('un', '2019-01-01')).thenThrows('MOU_NOT_FOUND'));
  });

  describe('negotiation rounds', () => {
    it('records who proposed which annex changes, numbering new annex B lines and writing 2 decimals', () =>
      given([drafted()])
        .when(
          propose('un', '2018-02-01', {
            annexB: [truck],
            annexC: [{ category: 'catering', ratePerPersonUsd: '28' }],
          }),
        )
        .then([
          proposed(1, 'un', '2018-02-01', {
            annexB: [{ lineId: 'B001', ...truck, monthlyRateUsd: '1875.50' }],
            annexC: [{ category: 'catering', ratePerPersonUsd: '28.00' }],
          }),
        ]));

    it('keeps a line id when a counter-proposal changes that line and numbers the next new line', () =>
      given([drafted(), proposed(1, 'un', '2018-02-01', { annexB: [{ lineId: 'B001', ...truck }] })])
        .when(
          propose('contributor', '2018-03-01', {
            annexB: [
              { ...truck, lineId: 'B001', quantity: 14 },
              { ...truck, item: 'ambulance', monthlyRateUsd: '990.00' },
            ],
            personnelCeiling: 900,
          }),
        )
        .then([
          proposed(2, 'contributor', '2018-03-01', {
            personnelCeiling: 900,
            annexB: [
              { lineId: 'B001', ...truck, quantity: 14, monthlyRateUsd: '1875.50' },
              { lineId: 'B002', ...truck, item: 'ambulance', monthlyRateUsd: '990.00' },
            ],
          }),
        ]));

    it('refuses a line id the annex B on the table does not have', () =>
      given([drafted()])
        .when(propose('un', '2018-02-01', { annexB: [{ ...truck, lineId: 'B042' }] }))
        .thenThrows('UNKNOWN_ANNEX_B_LINE'));

    describe('annex B, line by line', () => {
      const b001 = { lineId: 'B001', ...truck, monthlyRateUsd: '1875.50' };
      const b002 = { lineId: 'B002', ...truck, item: 'ambulance', monthlyRateUsd: '990.00' };
      const table = [drafted(), proposed(1, 'un', '2018-02-01', { annexB: [b001, b002] })];

      it('refuses a whole annex that leaves out a line on the table instead of dropping it', () =>
        given(table)
          .when(propose('contributor', '2018-03-01', { annexB: [{ ...b001, quantity: 14 }] }))
          .thenThrows('ANNEX_B_LINE_OMITTED'));

      it('takes a whole annex that names every line on the table and adds a new one', () =>
        given(table)
          .when(
            propose('contributor', '2018-03-01', {
              annexB: [b002, { ...b001, quantity: 14 }, { ...truck, item: 'truck-water-tanker' }],
            }),
          )
          .then([
            proposed(2, 'contributor', '2018-03-01', {
              annexB: [
                b002,
                { ...b001, quantity: 14 },
                { lineId: 'B003', ...truck, item: 'truck-water-tanker', monthlyRateUsd: '1875.50' },
              ],
            }),
          ]));

      it('replaces one line by id and keeps the others where they were', () =>
        given(table)
          .when(
            propose('contributor', '2018-03-01', { annexBEdits: { replace: [{ ...b001, quantity: 14 }] } }),
          )
          .then([proposed(2, 'contributor', '2018-03-01', { annexB: [{ ...b001, quantity: 14 }, b002] })]));

      it('adds lines with the next ids and removes lines by id', () =>
        given(table)
          .when(
            propose('contributor', '2018-03-01', {
              annexBEdits: {
                add: [{ ...truck, item: 'truck-water-tanker', monthlyRateUsd: '700' }],
                remove: ['B001'],
              },
            }),
          )
          .then([
            proposed(2, 'contributor', '2018-03-01', {
              annexB: [b002, { lineId: 'B003', ...truck, item: 'truck-water-tanker', monthlyRateUsd: '700.00' }],
            }),
          ]));

      it('never issues a removed line id again', () =>
        given([...table, proposed(2, 'contributor', '2018-03-01', { annexB: [b001] })])
          .when(propose('un', '2018-04-01', { annexBEdits: { add: [truck] } }))
          .then([
            proposed(3, 'un', '2018-04-01', {
              annexB: [b001, { lineId: 'B003', ...truck, monthlyRateUsd: '1875.50' }],
            }),
          ]));

      it('refuses to remove or replace a line the table does not have', () => {
        given(table)
          .when(propose('un', '2018-03-01', { annexBEdits: { remove: ['B042'] } }))
          .thenThrows('UNKNOWN_ANNEX_B_LINE');
        given(table)
          .when(propose('un', '2018-03-01', { annexBEdits: { replace: [{ ...b001, lineId: 'B042' }] } }))
          .thenThrows('UNKNOWN_ANNEX_B_LINE');
      });

      it('refuses a line both replaced and removed', () =>
        given(table)
          .when(propose('un', '2018-03-01', { annexBEdits: { replace: [b001], remove: ['B001'] } }))
          .thenThrows('DUPLICATE_ANNEX_ENTRY'));

      it('refuses annex B given both in full and as edits', () =>
        given(table)
          .when(propose('un', '2018-03-01', { annexB: [b001, b002], annexBEdits: { remove: ['B002'] } }))
          .thenThrows('ANNEX_B_GIVEN_TWICE'));
    });

    it('refuses an annex C category named twice', () => {
      const catering = { category: 'catering', ratePerPersonUsd: '28.00' };
      given([drafted()])
        .when(propose('un', '2018-02-01', { annexC: [catering, catering] }))
        .thenThrows('DUPLICATE_ANNEX_ENTRY');
    });

    describe('categories are codes of the one list, matched exactly (issue 18)', () => {
      it('refuses annex C `Catering`, naming the field and the code it meant', () =>
        given([drafted()])
          .when(
            propose('un', '2018-02-01', {
              annexC: [
                { category: 'communications', ratePerPersonUsd: '33.00' },
                { category: 'Catering', ratePerPersonUsd: '28.00' },
              ],
            }),
          )
          .thenThrows('UNKNOWN_CATEGORY', { field: 'changes.annexC[1].category', suggestion: 'catering' }));

      it('refuses a free-text annex B category, whole or line by line', () => {
        given([drafted()])
          .when(propose('un', '2018-02-01', { annexB: [{ ...truck, category: 'Transport' }] }))
          .thenThrows('UNKNOWN_CATEGORY', { field: 'changes.annexB[0].category', suggestion: null });
        given([drafted()])
          .when(propose('un', '2018-02-01', { annexBEdits: { add: [truck, { ...truck, category: 'APC' }] } }))
          .thenThrows('UNKNOWN_CATEGORY', { field: 'changes.annexBEdits.add[1].category' });
      });

      it('reads an annex recorded before the list and lets a round leave it as it is', () =>
        given([
          drafted(),
          proposed(1, 'un', '2018-02-01', { annexC: [{ category: 'Catering', ratePerPersonUsd: '28.00' }] }),
        ])
          .when(propose('contributor', '2018-03-01', { personnelCeiling: 900 }))
          .then([proposed(2, 'contributor', '2018-03-01', { personnelCeiling: 900 })]));
    });

    const factors = (hostileActionPct: string) => ({
      extremeEnvironmentPct: '1.5',
      intensifiedOperationalConditionPct: '0',
      hostileActionPct,
    });

    it('accepts mission factors up to the configured bound', () =>
      given([drafted()])
        .when(propose('un', '2018-02-01', { missionFactors: factors('5.00') }))
        .then([
          proposed(1, 'un', '2018-02-01', {
            missionFactors: {
              extremeEnvironmentPct: '1.50',
              intensifiedOperationalConditionPct: '0.00',
              hostileActionPct: '5.00',
            },
          }),
        ]));

    it('refuses a mission factor above the configured bound', () =>
      given([drafted()])
        .when(propose('un', '2018-02-01', { missionFactors: factors('5.01') }))
        .thenThrows('MISSION_FACTOR_OUT_OF_RANGE'));

    it('takes the bound from the command, not from the code', () => {
      const command = propose('un', '2018-02-01', { missionFactors: factors('6.00') });
      given([drafted()])
        .when({ ...command, data: { ...command.data, missionFactorMaxPct: '7.00' } } as typeof command)
        .thenState((state) =>
          expect(state.status !== 'none' && state.terms.missionFactors.hostileActionPct).toBe('6.00'),
        );
    });

    it('refuses a round dated before negotiation opened', () =>
      given([drafted()])
        .when(propose('un', '2018-01-14', {}))
        .thenThrows('DATE_BEFORE_NEGOTIATION'));

    it('refuses a round once a party has signed', () =>
      given([drafted(), signed('contributor', '2019-03-02')])
        .when(propose('un', '2019-03-05', { personnelCeiling: 800 }))
        .thenThrows('MOU_NOT_NEGOTIABLE'));
  });

  describe('sending to the Permanent Mission', () => {
    const send = (sentOn: string) => ({
      type: 'SendMouToPermanentMission' as const,
      data: { mouId, sentOn },
    });

    it('records the day the draft went to the Permanent Mission', () =>
      given([drafted()])
        .when(send('2018-06-01'))
        .then([
          {
            type: 'MouSentToPermanentMission',
            data: { mouId, sentOn: '2018-06-01' },
            effectiveOn: '2018-06-01',
          },
        ]));

    it('refuses a date before negotiation opened', () =>
      given([drafted()]).when(send('2017-12-31')).thenThrows('DATE_BEFORE_NEGOTIATION'));
  });

  describe('signatures', () => {
    it('records the first signature without putting the MOU in force', () =>
      given([drafted(), sent('2018-06-01')])
        .when(sign('contributor', '2019-03-02'))
        .then([signed('contributor', '2019-03-02')]));

    describe('before the MOU was sent to the Permanent Mission', () => {
      it('refuses the UN signature', () =>
        given([drafted()]).when(sign('un', '2019-03-14')).thenThrows('MOU_NOT_SENT'));

      it('refuses the contributor signature', () =>
        given([drafted()]).when(sign('contributor', '2019-03-02')).thenThrows('MOU_NOT_SENT'));
    });

    it('refuses a signature dated before the MOU was sent', () =>
      given([drafted(), sent('2018-06-01')])
        .when(sign('un', '2018-05-31'))
        .thenThrows('SIGNATURE_BEFORE_SENDING'));

    it('accepts a signature on the day the MOU was sent', () =>
      given([drafted(), sent('2018-06-01')])
        .when(sign('un', '2018-06-01'))
        .then([signed('un', '2018-06-01')]));

    it('takes the second signature of a register MOU that has one signature and no sending date', () =>
      given([drafted(), signed('contributor', '2019-03-02')])
        .when(sign('un', '2019-03-14'))
        .then([signed('un', '2019-03-14'), enteredIntoForce('2019-03-14'), termsInForce(1, '2019-03-14')]));

    describe('when the contributor has signed', () => {
      const history = [drafted(), sent('2018-06-01'), signed('contributor', '2019-03-02')];

      it('comes into force when the UN signs, with annex version 1', () =>
        given(history)
          .when(sign('un', '2019-03-14'))
          .then([signed('un', '2019-03-14'), enteredIntoForce('2019-03-14'), termsInForce(1, '2019-03-14')]));

      it('comes into force on the later date when the second signature is dated earlier', () =>
        given(history)
          .when(sign('un', '2019-02-20'))
          .then([signed('un', '2019-02-20'), enteredIntoForce('2019-03-02'), termsInForce(1, '2019-03-02')]));

      it('ignores the same signature recorded again', () =>
        given(history).when(sign('contributor', '2019-03-02')).then([]));

      it('refuses a second contributor signature on another date', () =>
        given(history).when(sign('contributor', '2019-04-01')).thenThrows('MOU_ALREADY_SIGNED'));

      it('refuses a UN signature dated before negotiation opened', () =>
        given(history).when(sign('un', '2010-01-01')).thenThrows('SIGNATURE_BEFORE_NEGOTIATION'));
    });

    describe('when the UN has signed first', () => {
      it('comes into force when the contributor signs', () =>
        given([drafted(), sent('2018-06-01'), signed('un', '2019-03-02')])
          .when(sign('contributor', '2019-03-10'))
          .then([
            signed('contributor', '2019-03-10'),
            enteredIntoForce('2019-03-10'),
            termsInForce(1, '2019-03-10'),
          ]));
    });

    it('puts the negotiated annexes in force', () => {
      const line = { lineId: 'B001', ...truck, monthlyRateUsd: '1875.50' };
      given([
        drafted(),
        proposed(1, 'un', '2018-02-01', { annexB: [line], personnelCeiling: 900 }),
        signed('un', '2019-03-02'),
      ])
        .when(sign('contributor', '2019-03-10'))
        .then([
          signed('contributor', '2019-03-10'),
          enteredIntoForce('2019-03-10'),
          termsInForce(1, '2019-03-10', { ...INITIAL_TERMS, personnelCeiling: 900, annexB: [line] }),
        ]);
    });
  });

  describe('withdrawal', () => {
    const withdraw = (withdrawnOn: string) => ({
      type: 'WithdrawMou' as const,
      data: { mouId, withdrawnOn, reason: 'Unit not deployed' },
    });

    it('withdraws an MOU not yet in force', () =>
      given([drafted(), signed('un', '2019-03-02')])
        .when(withdraw('2019-04-01'))
        .then([
          {
            type: 'MouWithdrawn',
            data: { mouId, withdrawnOn: '2019-04-01', reason: 'Unit not deployed' },
            effectiveOn: '2019-04-01',
          },
        ]));

    it('refuses to withdraw an MOU in force', () =>
      given(inForceHistory()).when(withdraw('2019-04-01')).thenThrows('MOU_ALREADY_IN_FORCE'));

    it('takes no signature once withdrawn', () =>
      given([drafted(), { type: 'MouWithdrawn', data: { mouId, withdrawnOn: '2019-04-01', reason: 'x' } }])
        .when(sign('un', '2019-05-01'))
        .thenThrows('MOU_ENDED'));
  });

  describe('closure', () => {
    const close = (closedOn: string) => ({ type: 'CloseMou' as const, data: { mouId, closedOn } });

    it('closes an MOU whose unit repatriated', () =>
      given([...inForceHistory(), deployed('2019-01-10'), repatriated('2020-02-01')])
        .when(close('2020-06-30'))
        .then([{ type: 'MouClosed', data: { mouId, closedOn: '2020-06-30' }, effectiveOn: '2020-06-30' }]));

    it('refuses to close while the unit is still deployed', () =>
      given([...inForceHistory(), deployed('2019-01-10')])
        .when(close('2020-06-30'))
        .thenThrows('UNIT_NOT_REPATRIATED'));

    it('refuses a closure dated before the repatriation', () =>
      given([...inForceHistory(), deployed('2019-01-10'), repatriated('2020-02-01')])
        .when(close('2020-01-31'))
        .thenThrows('CLOSURE_BEFORE_REPATRIATION'));
  });

  describe("the unit's movements", () => {
    const deploy = (deployedOn: string) => ({
      type: 'RecordMouUnitDeployment' as const,
      data: { mouId, deployedOn },
    });
    const repatriate = (repatriatedOn: string) => ({
      type: 'RecordMouUnitRepatriation' as const,
      data: { mouId, repatriatedOn },
    });

    it('records the deployment, even before any signature', () =>
      given([drafted()])
        .when(deploy('2017-11-20'))
        .then([deployed('2017-11-20')]));

    it('ignores the same deployment learned twice', () =>
      given([drafted(), deployed('2017-11-20')])
        .when(deploy('2017-11-20'))
        .then([]));

    it('refuses another deployment date', () =>
      given([drafted(), deployed('2017-11-20')])
        .when(deploy('2018-01-01'))
        .thenThrows('UNIT_ALREADY_DEPLOYED'));

    it('records the repatriation of a deployed unit', () =>
      given([drafted(), deployed('2017-11-20')])
        .when(repatriate('2019-11-20'))
        .then([repatriated('2019-11-20')]));

    it('refuses a repatriation without a deployment', () =>
      given([drafted()]).when(repatriate('2019-11-20')).thenThrows('UNIT_NOT_DEPLOYED'));

    it('refuses a repatriation before the deployment', () =>
      given([drafted(), deployed('2017-11-20')])
        .when(repatriate('2017-11-19'))
        .thenThrows('REPATRIATION_BEFORE_DEPLOYMENT'));
  });
});
