import type { Decider } from '@coe/event-store';
import type { UnitType } from '@coe/contracts';
import { assertNotAfterToday } from '../shared/business-date';
import type { ElevatePledge, PledgeCommand } from './pledge.commands';
import { PledgeError } from './pledge.errors';
import {
  PLEDGE_LEVELS,
  type PledgeElevated,
  type PledgeEvent,
  type PledgeLevel,
  type SurAlignment,
  type VisitOutcome,
} from './pledge.events';

export type PledgeStatus = 'pledged' | 'selected' | 'withdrawn';
export type PledgeVisit = { visitedOn: string; outcome: VisitOutcome; findings: string | null };

export type RegisteredPledge = {
  status: PledgeStatus;
  pledgeId: string;
  contributor: string;
  unitName: string;
  unitType: UnitType;
  personnel: number;
  noteVerbaleOn: string;
  level: PledgeLevel;
  /** The business date each level was reached. */
  reachedOn: Partial<Record<PledgeLevel, string>>;
  assessmentVisits: PledgeVisit[];
  rdlVerificationVisits: PledgeVisit[];
  alignedWith: SurAlignment | null;
  selection: { unitId: string; mission: string; selectedOn: string } | null;
  withdrawnOn: string | null;
};

export type Pledge = { status: 'none' } | RegisteredPledge;

const registered = (state: Pledge, pledgeId: string): RegisteredPledge => {
  if (state.status === 'none') throw new PledgeError('PLEDGE_NOT_FOUND', `No pledge ${pledgeId}.`);
  return state;
};

// Once withdrawn nothing changes; once selected the unit's own lifecycle takes over, so the pledge is frozen.
const open = (state: Pledge, pledgeId: string): RegisteredPledge => {
  const pledge = registered(state, pledgeId);
  if (pledge.status === 'withdrawn')
    throw new PledgeError('PLEDGE_WITHDRAWN', `Pledge ${pledgeId} was withdrawn.`);
  if (pledge.status === 'selected') {
    throw new PledgeError(
      'PLEDGE_ALREADY_SELECTED',
      `Pledge ${pledgeId} was selected as unit ${pledge.selection?.unitId}.`,
    );
  }
  return pledge;
};

const assertOnOrAfter = (date: string, earliest: string, what: string): void => {
  if (date < earliest)
    throw new PledgeError('PLEDGE_DATE_OUT_OF_ORDER', `${date} is before ${what} (${earliest}).`);
};

const levelReachedOn = (pledge: RegisteredPledge): string => pledge.reachedOn[pledge.level]!;

const successfulBy = (visits: PledgeVisit[], date: string): boolean =>
  visits.some((visit) => visit.outcome === 'successful' && visit.visitedOn <= date);

const elevate = (command: ElevatePledge, pledge: RegisteredPledge): PledgeElevated => {
  const { pledgeId, level, elevatedOn, sur } = command.data;
  const next = PLEDGE_LEVELS[PLEDGE_LEVELS.indexOf(pledge.level) + 1];
  if (level !== next) {
    throw new PledgeError(
      'PLEDGE_LEVEL_OUT_OF_SEQUENCE',
      `Pledge ${pledgeId} is at ${pledge.level}; ${level} is not next.`,
    );
  }
  assertOnOrAfter(elevatedOn, levelReachedOn(pledge), `the date ${pledge.level} was reached`);
  if (level !== 'L3' && sur !== null) {
    throw new PledgeError('PLEDGE_SUR_NOT_APPLICABLE', 'A SUR is named only to reach L3.');
  }
  switch (level) {
    case 'L2':
      if (!successfulBy(pledge.assessmentVisits, elevatedOn)) {
        throw new PledgeError('PLEDGE_AAV_REQUIRED', `L2 needs a successful AAV on or before ${elevatedOn}.`);
      }
      return { pledgeId, from: pledge.level, to: level, elevatedOn, alignedWith: null };
    case 'L3':
      if (sur === null)
        throw new PledgeError('PLEDGE_SUR_REQUIRED', 'L3 needs the SUR the pledge is aligned with.');
      if (sur.unitType !== pledge.unitType) {
        throw new PledgeError(
          'PLEDGE_SUR_UNIT_TYPE_MISMATCH',
          `SUR ${sur.surId} is for ${sur.unitType}; the pledge is a ${pledge.unitType} unit.`,
        );
      }
      assertOnOrAfter(elevatedOn, sur.versionOn, `version ${sur.surVersion} of SUR ${sur.surId}`);
      return {
        pledgeId,
        from: pledge.level,
        to: level,
        elevatedOn,
        alignedWith: { surId: sur.surId, surVersion: sur.surVersion },
      };
    default:
      // RDL only from L3 (PCRS Guidelines 2019): rapid deployment is verified against the SUR-aligned
      // capability of L3, so skipping L3 would leave the RDL visit nothing to verify against.
      if (!successfulBy(pledge.rdlVerificationVisits, elevatedOn)) {
        throw new PledgeError(
          'PLEDGE_RDL_VISIT_REQUIRED',
          `RDL needs a successful RDL verification visit on or before ${elevatedOn}.`,
        );
      }
      return { pledgeId, from: pledge.level, to: level, elevatedOn, alignedWith: null };
  }
};

const decide = (command: PledgeCommand, state: Pledge): PledgeEvent[] => {
  switch (command.type) {
    case 'RegisterPledge': {
      const { pledgeId, noteVerbaleOn } = command.data;
      if (state.status !== 'none')
        throw new PledgeError('PLEDGE_ALREADY_REGISTERED', `Pledge ${pledgeId} exists.`);
      assertNotAfterToday('noteVerbaleOn', noteVerbaleOn, command.today);
      const { contributor, unitName, unitType, personnel } = command.data;
      const data = {
        pledgeId,
        contributor,
        unitName,
        unitType,
        personnel,
        noteVerbaleOn,
        level: 'L1' as const,
      };
      return [{ type: 'PledgeRegistered', data, effectiveOn: noteVerbaleOn }];
    }
    case 'RecordAssessmentVisit':
    case 'RecordRdlVerificationVisit': {
      const pledge = open(state, command.data.pledgeId);
      const { visitedOn } = command.data;
      assertNotAfterToday('visitedOn', visitedOn, command.today);
      assertOnOrAfter(visitedOn, pledge.noteVerbaleOn, 'the note verbale registering the pledge');
      const type =
        command.type === 'RecordAssessmentVisit'
          ? 'PledgeAssessmentVisitRecorded'
          : 'PledgeRdlVerificationVisitRecorded';
      const { pledgeId, outcome, findings } = command.data;
      return [{ type, data: { pledgeId, visitedOn, outcome, findings }, effectiveOn: visitedOn }];
    }
    case 'ElevatePledge': {
      const pledge = open(state, command.data.pledgeId);
      assertNotAfterToday('elevatedOn', command.data.elevatedOn, command.today);
      return [
        { type: 'PledgeElevated', data: elevate(command, pledge), effectiveOn: command.data.elevatedOn },
      ];
    }
    case 'WithdrawPledge': {
      const pledge = open(state, command.data.pledgeId);
      const { pledgeId, withdrawnOn, reason } = command.data;
      assertNotAfterToday('withdrawnOn', withdrawnOn, command.today);
      assertOnOrAfter(withdrawnOn, levelReachedOn(pledge), `the date ${pledge.level} was reached`);
      return [
        {
          type: 'PledgeWithdrawn',
          data: { pledgeId, level: pledge.level, withdrawnOn, reason },
          effectiveOn: withdrawnOn,
        },
      ];
    }
    case 'SelectPledge': {
      const pledge = open(state, command.data.pledgeId);
      const { selectedOn } = command.data;
      assertNotAfterToday('selectedOn', selectedOn, command.today);
      if (pledge.level === 'L1') {
        throw new PledgeError(
          'PLEDGE_NOT_SELECTABLE',
          `Pledge ${pledge.pledgeId} is at L1; only L2 or higher can be selected.`,
        );
      }
      assertOnOrAfter(selectedOn, pledge.reachedOn.L2!, 'the date L2 was reached');
      const { pledgeId, unitId, mission } = command.data;
      return [
        { type: 'PledgeSelected', data: { pledgeId, unitId, mission, selectedOn }, effectiveOn: selectedOn },
      ];
    }
  }
};

const evolve = (state: Pledge, event: PledgeEvent): Pledge => {
  if (event.type === 'PledgeRegistered') {
    const { level: _level, ...data } = event.data;
    return {
      status: 'pledged',
      ...data,
      level: 'L1',
      reachedOn: { L1: data.noteVerbaleOn },
      assessmentVisits: [],
      rdlVerificationVisits: [],
      alignedWith: null,
      selection: null,
      withdrawnOn: null,
    };
  }
  const pledge = registered(state, event.data.pledgeId);
  switch (event.type) {
    case 'PledgeAssessmentVisitRecorded':
      return { ...pledge, assessmentVisits: [...pledge.assessmentVisits, visit(event.data)] };
    case 'PledgeRdlVerificationVisitRecorded':
      return { ...pledge, rdlVerificationVisits: [...pledge.rdlVerificationVisits, visit(event.data)] };
    case 'PledgeElevated': {
      const { to, elevatedOn, alignedWith } = event.data;
      return {
        ...pledge,
        level: to,
        reachedOn: { ...pledge.reachedOn, [to]: elevatedOn },
        alignedWith: alignedWith ?? pledge.alignedWith,
      };
    }
    case 'PledgeWithdrawn':
      return { ...pledge, status: 'withdrawn', withdrawnOn: event.data.withdrawnOn };
    case 'PledgeSelected': {
      const { unitId, mission, selectedOn } = event.data;
      return { ...pledge, status: 'selected', selection: { unitId, mission, selectedOn } };
    }
  }
};

const visit = ({ visitedOn, outcome, findings }: PledgeVisit): PledgeVisit => ({
  visitedOn,
  outcome,
  findings,
});

export const pledgeDecider: Decider<PledgeCommand, PledgeEvent, Pledge> = {
  initialState: () => ({ status: 'none' }),
  evolve,
  decide,
};
