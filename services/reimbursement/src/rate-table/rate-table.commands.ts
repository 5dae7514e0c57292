import type { RateTableValues } from './rate-table.events';
import type { InForce } from './rate-table.in-force';

export type IssueRateTableVersion = {
  type: 'IssueRateTableVersion';
  data: {
    tableId: string;
    effectiveFrom: string;
    issuedOn: string;
    values: RateTableValues;
    /** Initial data shipped with the service: a no-op when an identical version was already issued. */
    seed: boolean;
    /** The mission-factor caps in force on `effectiveFrom`, for a mission-factors version (null: none). */
    caps?: InForce<'mission-factor-caps'>['values'] | null;
  };
};

export type RateTableCommand = IssueRateTableVersion;
