import type { Decider } from '@coe/event-store';
import { fail } from '../shared/reimbursement.errors';
import type { HostileActionCommand } from './hostile-action.commands';
import {
  type HostileActionEvent,
  type HostileActionIncidentCertified,
  type HostileActionIncidentRecordedData,
  hostileActionClaimRef,
} from './hostile-action.events';
import { valueIncident } from './hostile-action.valuation';

export type HostileActionIncident =
  | { status: 'none' }
  | (HostileActionIncidentRecordedData & {
      status: 'recorded' | 'certified';
      certification: Omit<HostileActionIncidentCertified, 'incidentId' | 'amountUsd'> | null;
    });

const initialState = (): HostileActionIncident => ({ status: 'none' });

const evolve = (state: HostileActionIncident, event: HostileActionEvent): HostileActionIncident => {
  switch (event.type) {
    case 'HostileActionIncidentRecorded':
      return { ...event.data, status: 'recorded', certification: null };
    case 'HostileActionIncidentCertified': {
      if (state.status === 'none') return state;
      const { incidentId: _incidentId, amountUsd: _amountUsd, ...certification } = event.data;
      return { ...state, status: 'certified', certification };
    }
  }
};

const decide = (command: HostileActionCommand, state: HostileActionIncident): HostileActionEvent[] => {
  switch (command.type) {
    case 'RecordHostileActionIncident': {
      const { threshold, items, ...data } = command.data;
      if (state.status !== 'none') {
        fail('HOSTILE_ACTION_INCIDENT_EXISTS', `Incident ${state.incidentRef} exists already.`);
      }
      if (data.recordedOn < data.occurredOn) {
        fail('DATED_OUT_OF_ORDER', `Incident ${data.incidentRef} happened on ${data.occurredOn}.`);
      }
      if (threshold === null) {
        return fail('RATE_NOT_IN_FORCE', `No hostile-action threshold in force on ${data.occurredOn}.`);
      }
      const { thresholdUsd } = threshold.values;
      const recorded: HostileActionIncidentRecordedData = {
        ...data,
        ...valueIncident(items, thresholdUsd),
        thresholdUsd,
        rateTable: { tableId: threshold.tableId, version: threshold.version },
      };
      return [{ type: 'HostileActionIncidentRecorded', data: recorded, effectiveOn: data.recordedOn }];
    }
    case 'CertifyHostileActionIncident': {
      const { incidentId, certifiedOn, certifiedBy, claimId } = command.data;
      if (state.status === 'none') {
        return fail('HOSTILE_ACTION_INCIDENT_NOT_FOUND', `No hostile-action incident ${incidentId}.`);
      }
      if (state.status === 'certified') {
        fail('HOSTILE_ACTION_ALREADY_CERTIFIED', `${state.incidentRef} was certified already.`);
      }
      // below the threshold the contributor bears the loss: nothing is payable
      if (state.liability === 'contributor') {
        fail(
          'HOSTILE_ACTION_BELOW_THRESHOLD',
          `${state.incidentRef}: ${state.totalGfmvUsd} is below the threshold of ${state.thresholdUsd}.`,
          { totalGfmvUsd: state.totalGfmvUsd, thresholdUsd: state.thresholdUsd },
        );
      }
      // four eyes: whoever recorded an incident may not certify it
      if (state.recordedBy === certifiedBy) {
        fail('FOUR_EYES_REQUIRED', `${state.incidentRef} must be certified by another officer.`);
      }
      if (certifiedOn < state.recordedOn) {
        fail('DATED_BEFORE_PREPARATION', `${state.incidentRef} was recorded on ${state.recordedOn}.`);
      }
      const data: HostileActionIncidentCertified = {
        ...{ incidentId, amountUsd: state.totalGfmvUsd, certifiedOn, certifiedBy, claimId },
        claimRef: hostileActionClaimRef(state.incidentRef),
      };
      return [{ type: 'HostileActionIncidentCertified', data, effectiveOn: certifiedOn }];
    }
  }
};

export const hostileActionDecider: Decider<HostileActionCommand, HostileActionEvent, HostileActionIncident> =
  {
    initialState,
    evolve,
    decide,
  };
