import type { Decider } from '@coe/event-store';
import { money } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';
import { deathAndDisabilityAmountUsd } from './death-and-disability.amount';
import type { DeathAndDisabilityCommand } from './death-and-disability.commands';
import type {
  DeathAndDisabilityCaseCertified,
  DeathAndDisabilityCaseRecorded,
  DeathAndDisabilityEvent,
} from './death-and-disability.events';

export type DeathAndDisabilityCase =
  | { status: 'none' }
  | (DeathAndDisabilityCaseRecorded & {
      status: 'recorded' | 'certified';
      certification: Omit<DeathAndDisabilityCaseCertified, 'caseId' | 'amountUsd'> | null;
    });

const initialState = (): DeathAndDisabilityCase => ({ status: 'none' });

const evolve = (state: DeathAndDisabilityCase, event: DeathAndDisabilityEvent): DeathAndDisabilityCase => {
  switch (event.type) {
    case 'DeathAndDisabilityCaseRecorded':
      return { ...event.data, status: 'recorded', certification: null };
    case 'DeathAndDisabilityCaseCertified': {
      if (state.status === 'none') return state;
      const { caseId: _caseId, amountUsd: _amountUsd, ...certification } = event.data;
      return { ...state, status: 'certified', certification };
    }
  }
};

const decide = (
  command: DeathAndDisabilityCommand,
  state: DeathAndDisabilityCase,
): DeathAndDisabilityEvent[] => {
  switch (command.type) {
    case 'RecordDeathAndDisabilityCase': {
      const { standard, ...data } = command.data;
      if (state.status !== 'none') fail('DD_CASE_EXISTS', `Case ${state.caseRef} exists already.`);
      // a death has no degree; a disability is paid by its degree, so it must have one above 0
      if ((data.type === 'death') !== (data.degreePct === null) || money(data.degreePct ?? '1').isZero()) {
        fail(
          'DD_DEGREE_MISMATCH',
          `A ${data.type} case ${data.type === 'death' ? 'has no' : 'needs a'} degree.`,
        );
      }
      if (data.recordedOn < data.incidentOn) {
        fail('DATED_OUT_OF_ORDER', `The incident of ${data.caseRef} happened on ${data.incidentOn}.`);
      }
      if (standard === null) {
        return fail(
          'RATE_NOT_IN_FORCE',
          `No death-and-disability standard amount in force on ${data.incidentOn}.`,
        );
      }
      const { standardAmountUsd } = standard.values;
      const recorded: DeathAndDisabilityCaseRecorded = {
        ...data,
        rateTable: { tableId: standard.tableId, version: standard.version },
        standardAmountUsd,
        amountUsd: deathAndDisabilityAmountUsd(data.type, data.degreePct, standardAmountUsd),
      };
      return [{ type: 'DeathAndDisabilityCaseRecorded', data: recorded, effectiveOn: data.recordedOn }];
    }
    case 'CertifyDeathAndDisabilityCase': {
      const { caseId, certifiedOn, certifiedBy, claimId } = command.data;
      if (state.status === 'none')
        return fail('DD_CASE_NOT_FOUND', `No death-and-disability case ${caseId}.`);
      if (state.status === 'certified') {
        fail(
          'DD_CASE_ALREADY_CERTIFIED',
          `${state.caseRef} was certified on ${state.certification?.certifiedOn}.`,
        );
      }
      // four eyes: whoever recorded a case may not certify it
      if (state.recordedBy === certifiedBy) {
        fail('FOUR_EYES_REQUIRED', `${state.caseRef} must be certified by another officer.`);
      }
      if (certifiedOn < state.recordedOn) {
        fail('DATED_BEFORE_PREPARATION', `${state.caseRef} was recorded on ${state.recordedOn}.`);
      }
      const data = {
        caseId,
        amountUsd: state.amountUsd,
        certifiedOn,
        certifiedBy,
        claimId,
        claimRef: state.caseRef,
      };
      return [{ type: 'DeathAndDisabilityCaseCertified', data, effectiveOn: certifiedOn }];
    }
  }
};

export const deathAndDisabilityDecider: Decider<
  DeathAndDisabilityCommand,
  DeathAndDisabilityEvent,
  DeathAndDisabilityCase
> = { initialState, evolve, decide };
