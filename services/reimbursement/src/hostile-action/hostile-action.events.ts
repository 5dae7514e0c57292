import type { HostileActionIncidentRecorded } from '@coe/contracts';
import type { RateTableRef } from '../rate-table/rate-table.in-force';

// Loss or damage of major equipment through hostile action or forced abandonment (resolution 50/222):
// one incident with its items at their generic fair market value (GFMV). The UN is liable when the
// incident's total GFMV reaches the threshold in force on its date; below it the contributor bears the
// loss. Stream `hostile-action-<incidentId>`; the recorded incident is public (libs/contracts).

export type HostileActionItem = HostileActionIncidentRecorded['items'][number];

export type HostileActionIncidentRecordedData = HostileActionIncidentRecorded & {
  recordedOn: string;
  /** Who may not certify it. */
  recordedBy: string;
  /** The hostile-action-threshold version in force on `occurredOn`. */
  rateTable: RateTableRef;
};

export type HostileActionIncidentCertified = {
  incidentId: string;
  amountUsd: string;
  certifiedOn: string;
  certifiedBy: string;
  claimId: string;
  claimRef: string;
};

export type HostileActionEvent =
  | { type: 'HostileActionIncidentRecorded'; data: HostileActionIncidentRecordedData; effectiveOn: string }
  | { type: 'HostileActionIncidentCertified'; data: HostileActionIncidentCertified; effectiveOn: string };

export const hostileActionStream = (incidentId: string): string => `hostile-action-${incidentId}`;

/** The claim reference of an incident the UN pays for. */
export const hostileActionClaimRef = (incidentRef: string): string => `HA/${incidentRef}`;
