import type { Decider } from '@coe/event-store';
import { type UnitType, unknownCoeCode, unknownEquipment } from '@coe/contracts';
import { assertNotAfterToday } from '../shared/business-date';
import type { SurCommand } from './sur.commands';
import { SurError } from './sur.errors';
import type { SurEvent, SurRequirements } from './sur.events';

export type SurVersion = { version: number; datedOn: string } & SurRequirements;
export type SurVariation = {
  contributor: string;
  surVersion: number;
  agreedOn: string;
  reason: string;
} & SurRequirements;

export type Sur =
  | { status: 'none' }
  | {
      status: 'issued';
      surId: string;
      mission: string;
      unitType: UnitType;
      versions: SurVersion[];
      /** The latest variation agreed with each contributor. */
      variations: SurVariation[];
    };

export type IssuedSur = Extract<Sur, { status: 'issued' }>;

export const currentVersion = (sur: IssuedSur): SurVersion => sur.versions.at(-1)!;

const issued = (state: Sur, surId: string): IssuedSur => {
  if (state.status === 'none') throw new SurError('SUR_NOT_FOUND', `No SUR ${surId}.`);
  return state;
};

const requirements = ({ personnel, majorEquipment, selfSustainment }: SurRequirements): SurRequirements => ({
  personnel,
  majorEquipment: majorEquipment.map(({ category, item, quantity }) => ({ category, item, quantity })),
  selfSustainment: [...selfSustainment],
});

// What a command states is checked (categories are codes of the one list, as in MOU annexes); what was
// recorded before the list is read as it is.
const enteredRequirements = (entered: SurRequirements): SurRequirements => {
  const equipment = entered.majorEquipment
    .map((line, i) => unknownEquipment(line, `majorEquipment[${i}]`))
    .find((problem) => problem !== null);
  if (equipment) throw new SurError(equipment.code, equipment.problem.message, equipment.problem.details);
  const unknown = entered.selfSustainment
    .map((code, i) => unknownCoeCode('self-sustainment', code, `selfSustainment[${i}]`))
    .find((problem) => problem !== null);
  if (unknown) throw new SurError('UNKNOWN_CATEGORY', unknown.message, unknown.details);
  return requirements(entered);
};

// A revision or a variation dated before the version it replaces or varies would rewrite history.
const assertNotBeforeCurrent = (sur: IssuedSur, date: string): void => {
  const current = currentVersion(sur);
  if (date < current.datedOn) {
    throw new SurError(
      'SUR_DATE_OUT_OF_ORDER',
      `${date} is before version ${current.version} of SUR ${sur.surId} (${current.datedOn}).`,
    );
  }
};

const decide = (command: SurCommand, state: Sur): SurEvent[] => {
  switch (command.type) {
    case 'IssueSur': {
      const { surId, mission, unitType, issuedOn } = command.data;
      if (state.status !== 'none') throw new SurError('SUR_ALREADY_ISSUED', `SUR ${surId} already exists.`);
      assertNotAfterToday('issuedOn', issuedOn, command.today);
      return [
        {
          type: 'SurIssued',
          data: { surId, mission, unitType, version: 1, issuedOn, ...enteredRequirements(command.data) },
          effectiveOn: issuedOn,
        },
      ];
    }
    case 'ReviseSur': {
      const { surId, revisedOn } = command.data;
      const sur = issued(state, surId);
      assertNotAfterToday('revisedOn', revisedOn, command.today);
      assertNotBeforeCurrent(sur, revisedOn);
      const version = currentVersion(sur).version + 1;
      return [
        {
          type: 'SurRevised',
          data: { surId, version, revisedOn, ...enteredRequirements(command.data) },
          effectiveOn: revisedOn,
        },
      ];
    }
    case 'AgreeSurVariation': {
      const { surId, contributor, agreedOn, reason } = command.data;
      const sur = issued(state, surId);
      assertNotAfterToday('agreedOn', agreedOn, command.today);
      assertNotBeforeCurrent(sur, agreedOn);
      const surVersion = currentVersion(sur).version;
      return [
        {
          type: 'SurVariationAgreed',
          data: { surId, surVersion, contributor, agreedOn, reason, ...enteredRequirements(command.data) },
          effectiveOn: agreedOn,
        },
      ];
    }
  }
};

const evolve = (state: Sur, event: SurEvent): Sur => {
  switch (event.type) {
    case 'SurIssued': {
      const { surId, mission, unitType, issuedOn } = event.data;
      const versions = [{ version: 1, datedOn: issuedOn, ...requirements(event.data) }];
      return { status: 'issued', surId, mission, unitType, versions, variations: [] };
    }
    case 'SurRevised': {
      const sur = issued(state, event.data.surId);
      const revision = {
        version: event.data.version,
        datedOn: event.data.revisedOn,
        ...requirements(event.data),
      };
      return { ...sur, versions: [...sur.versions, revision] };
    }
    case 'SurVariationAgreed': {
      const sur = issued(state, event.data.surId);
      const { contributor, surVersion, agreedOn, reason } = event.data;
      const variation = { contributor, surVersion, agreedOn, reason, ...requirements(event.data) };
      const others = sur.variations.filter((v) => v.contributor !== contributor);
      return { ...sur, variations: [...others, variation] };
    }
  }
};

export const surDecider: Decider<SurCommand, SurEvent, Sur> = {
  initialState: () => ({ status: 'none' }),
  evolve,
  decide,
};
