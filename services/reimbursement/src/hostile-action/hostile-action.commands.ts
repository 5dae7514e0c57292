import type { InForce } from '../rate-table/rate-table.in-force';
import type { HostileActionIncidentRecordedData } from './hostile-action.events';
import type { ItemLost } from './hostile-action.valuation';

/** The handler checks the items against the MOU and looks up the threshold in force on the incident date. */
export type RecordHostileActionIncident = {
  type: 'RecordHostileActionIncident';
  data: Omit<
    HostileActionIncidentRecordedData,
    'items' | 'totalGfmvUsd' | 'thresholdUsd' | 'liability' | 'rateTable'
  > & { items: ItemLost[]; threshold: InForce<'hostile-action-threshold'> | null };
};

export type CertifyHostileActionIncident = {
  type: 'CertifyHostileActionIncident';
  data: { incidentId: string; certifiedOn: string; certifiedBy: string; claimId: string };
};

export type HostileActionCommand = RecordHostileActionIncident | CertifyHostileActionIncident;
