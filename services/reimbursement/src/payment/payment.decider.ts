import type { Decider } from '@coe/event-store';
import { fail } from '../shared/reimbursement.errors';
import type { PaymentEvent, PaymentMadeData, RecordPayment } from './payment.events';

export type Payment = { made: PaymentMadeData | null };

const sameRow = (a: PaymentMadeData, b: PaymentMadeData): boolean =>
  a.paymentRef === b.paymentRef &&
  a.mission === b.mission &&
  a.contributor === b.contributor &&
  a.amountUsd === b.amountUsd &&
  a.paidOn === b.paidOn &&
  a.requestedClaimRef === b.requestedClaimRef;

/** A payment is recorded once: the same payment again is a no-op, other content under its reference a conflict. */
export const paymentDecider: Decider<RecordPayment, PaymentEvent, Payment> = {
  initialState: () => ({ made: null }),
  evolve: (_state, event) => ({ made: event.data }),
  decide: (command, state) => {
    if (state.made) {
      if (!sameRow(state.made, command.data)) {
        fail('CONFLICTS_WITH_HISTORY', `Payment ${command.data.paymentRef} was recorded with other content.`);
      }
      return [];
    }
    return [{ type: 'PaymentMade', data: command.data, effectiveOn: command.data.paidOn }];
  },
};
