import type { MissionStatus, MissionStatusRecorded } from '@coe/contracts';

// A mission's status, effective-dated (stream `mission-status-<MISSION>`): only active missions pool
// their cash (resolution 73/307); a closing mission pools only where the cash-pool settings say so; a
// closed mission pays from its own fund (A/74/574, A/75/619: closed missions with cash deficits).

export type { MissionStatus };

export type MissionStatusEvent = {
  type: 'MissionStatusRecorded';
  data: MissionStatusRecorded & { recordedBy: string };
  effectiveOn: string;
};

export type RecordMissionStatus = {
  type: 'RecordMissionStatus';
  data: MissionStatusRecorded & { recordedBy: string };
};

export const missionStatusStream = (mission: string): string => `mission-status-${mission}`;
