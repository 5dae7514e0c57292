import type { Decider } from '@coe/event-store';
import { money, usd } from '../shared/money';
import { fail } from '../shared/reimbursement.errors';
import type { FundEvent, LoanCommand, LoanEvent, ReceiveAssessment } from './fund.events';

export type Fund = { receivedUsd: string };

export const fundDecider: Decider<ReceiveAssessment, FundEvent, Fund> = {
  initialState: () => ({ receivedUsd: '0.00' }),
  evolve: (state, event) => ({ receivedUsd: usd(money(state.receivedUsd).plus(event.data.amountUsd)) }),
  decide: (command) => [
    { type: 'AssessmentReceived', data: command.data, effectiveOn: command.data.receivedOn },
  ],
};

export type Loan = { lentOn: string; outstandingUsd: string } | null;

export const loanDecider: Decider<LoanCommand, LoanEvent, Loan> = {
  initialState: () => null,
  evolve: (state, event) =>
    event.type === 'InterMissionLoanMade'
      ? { lentOn: event.data.lentOn, outstandingUsd: event.data.amountUsd }
      : {
          lentOn: state!.lentOn,
          outstandingUsd: usd(money(state!.outstandingUsd).minus(event.data.amountUsd)),
        },
  decide: (command, state) => {
    if (command.type === 'MakeLoan') {
      return state
        ? []
        : [{ type: 'InterMissionLoanMade', data: command.data, effectiveOn: command.data.lentOn }];
    }
    const { loanId, amountUsd, repaidOn } = command.data;
    if (!state || money(amountUsd).greaterThan(state.outstandingUsd) || repaidOn < state.lentOn) {
      fail('LOAN_OVERREPAID', `Loan ${loanId} cannot be repaid ${amountUsd} on ${repaidOn}.`);
    }
    return [{ type: 'InterMissionLoanRepaid', data: command.data, effectiveOn: repaidOn }];
  },
};
