import { canonicalJson, type Decider } from '@coe/event-store';
import { money } from '../shared/money';
import { quarterBounds } from '../shared/period';
import { fail } from '../shared/reimbursement.errors';
import type { PaymentRunCommand, PaymentRunEvent, PaymentRunProposed } from './payment-run.events';

export type PaymentRun =
  | { status: 'none' }
  | { status: 'proposed' | 'executed'; proposal: PaymentRunProposed; approvedBy: string | null };

const initialState = (): PaymentRun => ({ status: 'none' });

const evolve = (state: PaymentRun, event: PaymentRunEvent): PaymentRun => {
  switch (event.type) {
    case 'PaymentRunProposed':
      return { status: 'proposed', proposal: event.data, approvedBy: null };
    case 'PaymentRunApproved':
      return state.status === 'none' ? state : { ...state, approvedBy: event.data.approvedBy };
    case 'PaymentRunExecuted':
      return state.status === 'none' ? state : { ...state, status: 'executed' };
  }
};

const decide = (command: PaymentRunCommand, state: PaymentRun): PaymentRunEvent[] => {
  switch (command.type) {
    case 'ProposePaymentRun': {
      const proposal = command.data;
      if (state.status !== 'none') fail('PAYMENT_RUN_EXISTS', `Payment run ${proposal.runId} exists.`);
      const [first, last] = quarterBounds(proposal.quarter);
      if (proposal.runOn < first || proposal.runOn > last) {
        fail('PAYMENT_DATE_OUTSIDE_QUARTER', `${proposal.runOn} is not in ${proposal.quarter}.`);
      }
      if (!money(proposal.plan.paidUsd).greaterThan(0)) {
        fail('NOTHING_TO_PAY', `The cash on ${proposal.runOn} pays no certified payable.`);
      }
      return [{ type: 'PaymentRunProposed', data: proposal, effectiveOn: proposal.proposedOn }];
    }
    case 'ApprovePaymentRun': {
      const { runId, approvedOn, approvedBy, currentPlan, lastExecutedRunOn } = command.data;
      if (state.status === 'none') return fail('PAYMENT_RUN_NOT_FOUND', `No payment run ${runId}.`);
      if (state.status === 'executed')
        fail('PAYMENT_RUN_ALREADY_EXECUTED', `Payment run ${runId} was executed already.`);
      const { proposal } = state;
      if (approvedBy === proposal.proposedBy) {
        fail(
          'FOUR_EYES_REQUIRED',
          'A payment run must be approved by an officer other than the one who proposed it.',
        );
      }
      if (approvedOn < proposal.proposedOn) {
        fail('APPROVED_BEFORE_PROPOSED', `The run was proposed on ${proposal.proposedOn}.`);
      }
      if (lastExecutedRunOn !== null && lastExecutedRunOn > proposal.runOn) {
        fail('PAYMENT_RUN_OUT_OF_ORDER', `A run paid on ${lastExecutedRunOn} was executed since.`);
      }
      // the approver approves exactly what is executed: any change of cash or payables since the proposal
      if (canonicalJson(currentPlan) !== canonicalJson(proposal.plan)) {
        fail('PAYMENT_RUN_STALE', 'Cash or payables changed since the proposal; propose the run again.');
      }
      const { plan, quarter, runOn } = proposal;
      const executed = {
        runId,
        quarter,
        executedOn: runOn,
        availableCashUsd: plan.availableCashUsd,
        reserveUsd: plan.reserveUsd,
        paidUsd: plan.paidUsd,
        paidWithoutPoolUsd: plan.paidWithoutPoolUsd,
        payments: plan.payments.length,
        loans: plan.loans.length,
      };
      return [
        { type: 'PaymentRunApproved', data: { runId, approvedOn, approvedBy }, effectiveOn: approvedOn },
        { type: 'PaymentRunExecuted', data: executed, effectiveOn: runOn },
      ];
    }
  }
};

export const paymentRunDecider: Decider<PaymentRunCommand, PaymentRunEvent, PaymentRun> = {
  initialState,
  evolve,
  decide,
};
