import { decideAndAppend } from '@coe/event-store';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { AssessmentReceived } from '@coe/contracts';
import { ReimbursementDatabase, type Tx } from '../shared/reimbursement.database';
import { type WriteContext, commandOptions } from '@coe/platform';
import { addRepaid, type FundMovement, listLoans, recordFundMovements } from './cash-pool.read-model';
import { fundDecider, loanDecider } from './fund.decider';
import { fundStream, loanStream } from './fund.events';
import { repaymentsFrom } from './loan.repayment';

export type AssessmentRecorded = {
  mission: string;
  amountUsd: string;
  receivedOn: string;
  repayments: { loanId: string; lenderMission: string; amountUsd: string }[];
  streamVersion: bigint;
};

export class ReceiveAssessmentCommand extends Command<AssessmentRecorded> {
  constructor(
    readonly data: { mission: string; amountUsd: string; receivedOn: string },
    readonly write: WriteContext,
  ) {
    super();
  }
}

/**
 * Inside a write: assessment cash into a mission's fund, which first repays, oldest first, what the mission
 * borrowed from the pool on or before that day. The route and the assessments import both come here.
 */
export const receiveAssessmentIn = async (
  { tx, store, schema }: Tx,
  data: AssessmentReceived,
  options: {
    metadata: WriteContext['metadata'];
    eventIds: (index: number) => string;
    expectedVersion?: bigint;
  },
  ref?: string,
): Promise<AssessmentRecorded> => {
  const { mission, receivedOn } = data;
  const fund = await decideAndAppend(
    store,
    fundStream(mission),
    { type: 'ReceiveAssessment', data },
    fundDecider,
    {
      ...options,
    },
  );
  const movements: FundMovement[] = [
    {
      mission,
      onDate: receivedOn,
      amountUsd: data.amountUsd,
      kind: 'assessment',
      ref: ref ?? `${fundStream(mission)}#${fund.nextExpectedVersion}`,
    },
  ];
  const loans = await listLoans(tx, schema, { mission, outstanding: true });
  const repayments = repaymentsFrom(data, loans);
  for (const [i, repayment] of repayments.entries()) {
    const loan = loans.find((l) => l.loanId === repayment.loanId)!;
    const repaid = { ...repayment, repaidOn: receivedOn };
    await decideAndAppend(store, loanStream(loan.loanId), { type: 'RepayLoan', data: repaid }, loanDecider, {
      metadata: options.metadata,
      eventIds: (index) => options.eventIds(1 + i + index),
    });
    await addRepaid(tx, schema, loan.loanId, repayment.amountUsd);
    movements.push(
      {
        mission,
        onDate: receivedOn,
        amountUsd: `-${repayment.amountUsd}`,
        kind: 'repayment-out',
        ref: loan.loanId,
      },
      {
        mission: loan.lenderMission,
        onDate: receivedOn,
        amountUsd: repayment.amountUsd,
        kind: 'repayment-in',
        ref: loan.loanId,
      },
    );
  }
  await recordFundMovements(tx, schema, movements);
  return {
    mission,
    amountUsd: data.amountUsd,
    receivedOn,
    repayments: repayments.map((r) => ({
      ...r,
      lenderMission: loans.find((l) => l.loanId === r.loanId)!.lenderMission,
    })),
    streamVersion: fund.nextExpectedVersion,
  };
};

/** Assessment cash into a mission's fund, which first repays what the mission borrowed from the pool. */
@CommandHandler(ReceiveAssessmentCommand)
export class ReceiveAssessmentHandler implements ICommandHandler<ReceiveAssessmentCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ data, write }: ReceiveAssessmentCommand): Promise<AssessmentRecorded> {
    return this.db.write(
      (t) => receiveAssessmentIn(t, data, { ...commandOptions(write), eventIds: write.eventIds }),
      { cashLock: true },
    );
  }
}
