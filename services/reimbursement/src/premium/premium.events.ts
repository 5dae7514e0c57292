// Resolution 67/261 premiums granted to a unit (MOU) for a period, as a percentage of its personnel
// reimbursement. Stream `premium-<mouId>`: every grant of one unit, so overlaps are checked in one place.

export type PremiumKind = 'risk' | 'key-enabler';

export type PremiumGranted = {
  grantId: string;
  mouId: string;
  kind: PremiumKind;
  /** Percentage of personnel reimbursement, decimal string (`"10.00"`). */
  pct: string;
  /** First and last service day the grant covers. */
  fromOn: string;
  toOn: string;
  grantedOn: string;
  grantedBy: string;
  /** The decision granting it (e.g. a memo of the Department of Operational Support). */
  reference: string;
};

export type PremiumEvent = { type: 'PremiumGranted'; data: PremiumGranted; effectiveOn: string };

export const premiumStream = (mouId: string): string => `premium-${mouId}`;
