import type { RateTableRef } from '../rate-table/rate-table.in-force';

// Compensation for the death or disability of a member of a contingent, owed to the contributor: one case
// per person, at the standard amount in force on the date of the incident. Stream
// `death-and-disability-<caseId>`.

export type DeathAndDisabilityType = 'death' | 'disability';

export type DeathAndDisabilityCaseRecorded = {
  caseId: string;
  /** `DD/<mission>/<contributor>/<personRef>`: also the reference of the claim it becomes. */
  caseRef: string;
  mission: string;
  contributor: string;
  mouId: string | null;
  unit: string | null;
  /** The contributor's reference of the person (service number or case number), never a name. */
  personRef: string;
  incidentOn: string;
  type: DeathAndDisabilityType;
  /** Degree of disability, `"40.00"`; null for a death. */
  degreePct: string | null;
  recordedOn: string;
  /** Who may not certify it. */
  recordedBy: string;
  /** The death-and-disability rate-table version in force on `incidentOn` and its standard amount. */
  rateTable: RateTableRef;
  standardAmountUsd: string;
  amountUsd: string;
};

export type DeathAndDisabilityCaseCertified = {
  caseId: string;
  amountUsd: string;
  certifiedOn: string;
  certifiedBy: string;
  claimId: string;
  claimRef: string;
};

export type DeathAndDisabilityEvent =
  | { type: 'DeathAndDisabilityCaseRecorded'; data: DeathAndDisabilityCaseRecorded; effectiveOn: string }
  | { type: 'DeathAndDisabilityCaseCertified'; data: DeathAndDisabilityCaseCertified; effectiveOn: string };

export const deathAndDisabilityStream = (caseId: string): string => `death-and-disability-${caseId}`;

export const deathAndDisabilityCaseRef = (mission: string, contributor: string, personRef: string): string =>
  `DD/${mission}/${contributor}/${personRef}`;
