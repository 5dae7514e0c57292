import type { Decider } from '@coe/event-store';
import { fail } from '../shared/reimbursement.errors';
import type { MissionStatus, MissionStatusEvent, RecordMissionStatus } from './mission-status.events';

export type MissionStatusHistory = { status: MissionStatus; effectiveFrom: string }[];

/** The status in force on `onDate`: the latest taking effect on or before it; a mission never recorded is active. */
export const statusOn = (history: MissionStatusHistory, onDate: string): MissionStatus =>
  history.filter((h) => h.effectiveFrom <= onDate).at(-1)?.status ?? 'active';

/** Whether a mission's fund lends and borrows in the pool on a date (closing: as the cash-pool settings say). */
export const poolsOn = (
  history: MissionStatusHistory,
  onDate: string,
  closingMissionsPool: boolean,
): boolean => {
  const status = statusOn(history, onDate);
  return status === 'active' || (status === 'closing' && closingMissionsPool);
};

export const missionStatusDecider: Decider<RecordMissionStatus, MissionStatusEvent, MissionStatusHistory> = {
  initialState: () => [],
  evolve: (history, { data }) => [...history, { status: data.status, effectiveFrom: data.effectiveFrom }],
  decide: ({ data }, history) => {
    const last = history.at(-1);
    // the same status again: a retry, not a change
    if (last?.status === data.status) return [];
    if (last && data.effectiveFrom < last.effectiveFrom) {
      fail('MISSION_STATUS_OUT_OF_ORDER', `${data.mission} is ${last.status} from ${last.effectiveFrom}.`);
    }
    // a closed mission's account stays closed: its liabilities are settled from it, it never pools again
    if (last?.status === 'closed') fail('MISSION_CLOSED', `${data.mission} closed on ${last.effectiveFrom}.`);
    return [{ type: 'MissionStatusRecorded', data, effectiveOn: data.effectiveFrom }];
  },
};
