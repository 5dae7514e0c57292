import type { RateTableValues } from './rate-table.events';

export type IssueRateTableVersion = {
  type: 'IssueRateTableVersion';
  data: {
    tableId: string;
    effectiveFrom: string;
    issuedOn: string;
    values: RateTableValues;
    /** Initial data shipped with the service: a no-op when an identical version was already issued. */
    seed: boolean;
  };
};

export type RateTableCommand = IssueRateTableVersion;
