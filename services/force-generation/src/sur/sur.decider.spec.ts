import { deciderSpec } from '@coe/event-store/testing';
import type { SurCommand } from './sur.commands';
import { surDecider } from './sur.decider';
import type { SurEvent, SurRequirements } from './sur.events';

const given = deciderSpec(surDecider);
const today = '2019-10-31';
const surId = 'sur-test';

const requirements = (personnel: number): SurRequirements => ({
  personnel,
  majorEquipment: [{ category: 'armoured-personnel-carrier', item: 'apc-wheeled', quantity: 10 }],
  selfSustainment: ['catering', 'communications'],
});

const issue = (issuedOn = '2019-01-10'): SurCommand => ({
  type: 'IssueSur',
  data: { surId, mission: 'MINUSMA', unitType: 'INF', issuedOn, ...requirements(850) },
  today,
});
const issued = (issuedOn = '2019-01-10'): SurEvent => ({
  type: 'SurIssued',
  data: { surId, mission: 'MINUSMA', unitType: 'INF', version: 1, issuedOn, ...requirements(850) },
  effectiveOn: issuedOn,
});
const revise = (revisedOn: string, personnel = 800): SurCommand => ({
  type: 'ReviseSur',
  data: { surId, revisedOn, ...requirements(personnel) },
  today,
});
const revised = (version: number, revisedOn: string, personnel = 800): SurEvent => ({
  type: 'SurRevised',
  data: { surId, version, revisedOn, ...requirements(personnel) },
  effectiveOn: revisedOn,
});
const vary = (agreedOn: string): SurCommand => ({
  type: 'AgreeSurVariation',
  data: { surId, contributor: 'BGD', agreedOn, reason: 'Two fewer APCs', ...requirements(840) },
  today,
});
const variationAgreed = (surVersion: number, agreedOn: string): SurEvent => ({
  type: 'SurVariationAgreed',
  data: { surId, surVersion, contributor: 'BGD', agreedOn, reason: 'Two fewer APCs', ...requirements(840) },
  effectiveOn: agreedOn,
});

describe('Statement of Unit Requirements', () => {
  describe('issuing', () => {
    it('creates version 1 for a mission and unit type', () => given([]).when(issue()).then([issued()]));

    it('refuses a SUR id already used', () =>
      given([issued()]).when(issue()).thenThrows('SUR_ALREADY_ISSUED'));

    it('refuses an issue date after today', () =>
      given([]).when(issue('2019-11-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });

  describe('categories (codes of the one list, as in MOU annexes)', () => {
    it('refuses a self-sustainment category in another case, naming the entry and the code', () =>
      given([])
        .when({
          ...issue(),
          data: { ...issue().data, selfSustainment: ['catering', 'Communications'] },
        } as SurCommand)
        .thenThrows('UNKNOWN_CATEGORY', { field: 'selfSustainment[1]', suggestion: 'communications' }));

    it('refuses a major-equipment category that is no code', () =>
      given([issued()])
        .when({
          ...revise('2019-03-01'),
          data: {
            ...revise('2019-03-01').data,
            majorEquipment: [{ category: 'APC', item: 'apc-wheeled', quantity: 10 }],
          },
        } as SurCommand)
        .thenThrows('UNKNOWN_CATEGORY', { field: 'majorEquipment[0].category' }));

    it('refuses a major-equipment item that is no item code of its category', () =>
      given([issued()])
        .when({
          ...revise('2019-03-01'),
          data: {
            ...revise('2019-03-01').data,
            majorEquipment: [{ category: 'armoured-personnel-carrier', item: 'APC wheeled', quantity: 10 }],
          },
        } as SurCommand)
        .thenThrows('UNKNOWN_ITEM', { field: 'majorEquipment[0].item' }));

    it('reads a version recorded before the list and revises it with codes', () => {
      const legacy: SurEvent = {
        ...issued(),
        data: {
          ...issued().data,
          majorEquipment: [{ category: 'Armoured personnel carrier', item: 'APC wheeled', quantity: 10 }],
        },
      } as SurEvent;
      given([legacy])
        .when(revise('2019-03-01'))
        .then([revised(2, '2019-03-01')]);
    });
  });

  describe('revising', () => {
    it('creates version 2 from version 1', () =>
      given([issued()])
        .when(revise('2019-03-01'))
        .then([revised(2, '2019-03-01')]));

    it('creates version n+1 from version n', () =>
      given([issued(), revised(2, '2019-03-01')])
        .when(revise('2019-05-01', 780))
        .then([revised(3, '2019-05-01', 780)]));

    it('refuses to revise a SUR that does not exist', () =>
      given([]).when(revise('2019-03-01')).thenThrows('SUR_NOT_FOUND'));

    it('refuses a revision dated before the version it replaces', () =>
      given([issued(), revised(2, '2019-03-01')])
        .when(revise('2019-02-01'))
        .thenThrows('SUR_DATE_OUT_OF_ORDER'));

    it('refuses a revision dated after today', () =>
      given([issued()]).when(revise('2019-11-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });

  describe('agreeing a variation for one contributor', () => {
    it('records it against the current version', () =>
      given([issued(), revised(2, '2019-03-01')])
        .when(vary('2019-04-01'))
        .then([variationAgreed(2, '2019-04-01')]));

    it('keeps the latest variation per contributor with the SUR', () =>
      given([issued(), variationAgreed(1, '2019-02-01')])
        .when(vary('2019-04-01'))
        .thenState((state) =>
          expect(state).toMatchObject({ variations: [{ contributor: 'BGD', agreedOn: '2019-04-01' }] }),
        ));

    it('refuses a variation of a SUR that does not exist', () =>
      given([]).when(vary('2019-04-01')).thenThrows('SUR_NOT_FOUND'));

    it('refuses a variation dated before the current version', () =>
      given([issued(), revised(2, '2019-03-01')])
        .when(vary('2019-02-01'))
        .thenThrows('SUR_DATE_OUT_OF_ORDER'));

    it('refuses a variation dated after today', () =>
      given([issued()]).when(vary('2019-11-01')).thenThrows('BUSINESS_DATE_IN_FUTURE'));
  });
});
