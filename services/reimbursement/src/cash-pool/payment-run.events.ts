import type { PaymentRunExecuted } from '@coe/contracts';
import type { PaymentRunPlan } from './payment-run.plan';

// A quarterly payment run: proposed by one finance officer, approved by another, and executed on
// approval into payments (stream `payment-<id>`) and loans. Stream `payment-run-<runId>`.

export type PaymentRunProposed = {
  runId: string;
  quarter: string;
  /** The payment date. */
  runOn: string;
  proposedOn: string;
  proposedBy: string;
  plan: PaymentRunPlan;
};

export type PaymentRunApproved = { runId: string; approvedOn: string; approvedBy: string };

export type PaymentRunEvent =
  | { type: 'PaymentRunProposed'; data: PaymentRunProposed; effectiveOn: string }
  | { type: 'PaymentRunApproved'; data: PaymentRunApproved; effectiveOn: string }
  | {
      type: 'PaymentRunExecuted';
      data: PaymentRunExecuted & { payments: number; loans: number };
      effectiveOn: string;
    };

export type PaymentRunCommand =
  | { type: 'ProposePaymentRun'; data: PaymentRunProposed }
  | {
      type: 'ApprovePaymentRun';
      data: {
        runId: string;
        approvedOn: string;
        approvedBy: string;
        /** The plan the cash and payables give now: the approved plan must still be it. */
        currentPlan: PaymentRunPlan;
        /** The payment date of the latest executed run, if any. */
        lastExecutedRunOn: string | null;
      };
    };

export const paymentRunStream = (runId: string): string => `payment-run-${runId}`;
