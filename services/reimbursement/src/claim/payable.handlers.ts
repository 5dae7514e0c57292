import type { PayableCategory } from '@coe/contracts';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { type WriteContext, newAggregateId } from '@coe/platform';
import { type ClaimWritten, assertRefFree, runClaimCommand } from './claim.handlers';

export type PayableInput = {
  category: Extract<PayableCategory, 'letter_of_assist' | 'death_and_disability'>;
  claimRef: string;
  mission: string;
  contributor: string;
  period: string;
  amountUsd: string;
  description: string;
  preparedOn: string;
};

/** A letter of assist or a death-and-disability award: a payable prepared here, certified by a second officer. */
export class RecordPayableCommand extends Command<ClaimWritten> {
  constructor(
    readonly data: PayableInput,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordPayableCommand)
export class RecordPayableHandler implements ICommandHandler<RecordPayableCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ data, write }: RecordPayableCommand): Promise<ClaimWritten> {
    const claimId = newAggregateId(write);
    const loa = data.category === 'letter_of_assist';
    return this.db.write(async (t) => {
      await assertRefFree(t, data.claimRef);
      const { claimRef, mission, contributor, period, category, preparedOn } = data;
      return runClaimCommand(
        t,
        claimId,
        {
          type: 'PrepareClaim',
          data: {
            ...{
              claimId,
              claimRef,
              origin: 'payable',
              mouId: null,
              mission,
              contributor,
              category,
              period,
              preparedOn,
            },
            ...{ preparedBy: write.metadata.actor.sub, basis: null, adjustsClaimId: null },
            lines: [
              {
                kind: loa ? 'LETTER_OF_ASSIST' : 'DEATH_AND_DISABILITY',
                component: category,
                key: category,
                description: data.description,
                quantity: '1',
                rateUsd: data.amountUsd,
                factor: '1',
                fraction: '1',
                amountUsd: data.amountUsd,
                sources: { rateTables: [], mouAnnexVersion: null, verificationReportVersion: null },
              },
            ],
          },
        },
        write,
        true,
      );
    });
  }
}
