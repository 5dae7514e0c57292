import type { PaymentMade } from '@coe/contracts';

// Money paid to a contributor for one mission, with the claims it settled. Stream `payment-<paymentId>`.

/** The public fact, plus the claim a legacy payment row named (what a re-import is compared with). */
export type PaymentMadeData = PaymentMade & { requestedClaimRef: string | null };

export type PaymentEvent = { type: 'PaymentMade'; data: PaymentMadeData; effectiveOn: string };

export type RecordPayment = { type: 'RecordPayment'; data: PaymentMadeData };

export const paymentStream = (paymentId: string): string => `payment-${paymentId}`;
