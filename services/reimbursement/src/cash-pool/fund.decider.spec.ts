import { deciderSpec } from '@coe/event-store/testing';
import { fundDecider, loanDecider } from './fund.decider';
import type { LoanEvent } from './fund.events';
import { repaymentsFrom } from './loan.repayment';

describe('a mission fund', () => {
  it('receives assessment cash on its business date', () =>
    deciderSpec(fundDecider)([])
      .when({
        type: 'ReceiveAssessment',
        data: { mission: 'UNMISS', amountUsd: '5000000.00', receivedOn: '2019-08-15' },
      })
      .then([
        {
          type: 'AssessmentReceived',
          data: { mission: 'UNMISS', amountUsd: '5000000.00', receivedOn: '2019-08-15' },
          effectiveOn: '2019-08-15',
        },
      ]));
});

describe('an inter-mission loan', () => {
  const given = deciderSpec(loanDecider);
  const made: LoanEvent = {
    type: 'InterMissionLoanMade',
    data: {
      loanId: 'l-1',
      lenderMission: 'UNMISS',
      borrowerMission: 'MINUSMA',
      amountUsd: '200.00',
      lentOn: '2019-09-25',
      paymentRunId: 'run-1',
    },
    effectiveOn: '2019-09-25',
  };
  const repay = (amountUsd: string, repaidOn = '2019-10-02') => ({
    type: 'RepayLoan' as const,
    data: { loanId: 'l-1', amountUsd, repaidOn },
  });

  it('is repaid in part or in full', () =>
    given([made])
      .when(repay('150.00'))
      .then([
        {
          type: 'InterMissionLoanRepaid',
          data: { loanId: 'l-1', amountUsd: '150.00', repaidOn: '2019-10-02' },
          effectiveOn: '2019-10-02',
        },
      ]));

  it('is never repaid beyond what is outstanding', () => {
    const partly: LoanEvent = {
      type: 'InterMissionLoanRepaid',
      data: { loanId: 'l-1', amountUsd: '150.00', repaidOn: '2019-10-02' },
      effectiveOn: '2019-10-02',
    };
    given([made, partly]).when(repay('50.01')).thenThrows('LOAN_OVERREPAID');
  });

  it('is not repaid before it was made', () =>
    given([made]).when(repay('1.00', '2019-09-24')).thenThrows('LOAN_OVERREPAID'));
});

describe('repaying the pool from a receipt (resolution 73/307)', () => {
  const loans = [
    {
      loanId: 'l-2',
      lenderMission: 'UNIFIL',
      borrowerMission: 'MINUSMA',
      lentOn: '2019-12-20',
      outstandingUsd: '300.00',
    },
    {
      loanId: 'l-1',
      lenderMission: 'UNMISS',
      borrowerMission: 'MINUSMA',
      lentOn: '2019-09-25',
      outstandingUsd: '200.00',
    },
    {
      loanId: 'l-3',
      lenderMission: 'MINUSMA',
      borrowerMission: 'MONUSCO',
      lentOn: '2019-09-25',
      outstandingUsd: '900.00',
    },
    {
      loanId: 'l-4',
      lenderMission: 'UNMISS',
      borrowerMission: 'MINUSMA',
      lentOn: '2020-03-20',
      outstandingUsd: '700.00',
    },
  ];

  it('repays the borrower’s loans made by then, oldest first, as far as the receipt goes', () =>
    expect(
      repaymentsFrom({ mission: 'MINUSMA', amountUsd: '450.00', receivedOn: '2020-01-10' }, loans),
    ).toEqual([
      { loanId: 'l-1', amountUsd: '200.00' },
      { loanId: 'l-2', amountUsd: '250.00' },
    ]));

  it('keeps what is left over in the fund', () =>
    expect(
      repaymentsFrom({ mission: 'MINUSMA', amountUsd: '9000.00', receivedOn: '2019-10-01' }, loans),
    ).toEqual([{ loanId: 'l-1', amountUsd: '200.00' }]));
});
