import { type WriteContext, newAggregateId } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { certifyPayableClaim, payableClaimId } from '../claim/claim.payable';
import { payableRecordIdByRef } from '../payable-records/payable-record.read-model';
import {
  type PayableRecordWritten,
  payableRecordNotFound,
  payableRecordWriter,
} from '../payable-records/payable-record.write';
import { ReimbursementDatabase, type Tx } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import type { LetterOfAssistCommand } from './letter-of-assist.commands';
import { type LetterOfAssist, letterOfAssistDecider } from './letter-of-assist.decider';
import {
  type LetterOfAssistEvent,
  type LetterOfAssistIssued,
  invoiceClaimRef,
  letterOfAssistStream,
} from './letter-of-assist.events';

const run = payableRecordWriter<LetterOfAssistCommand, LetterOfAssistEvent, LetterOfAssist>({
  kind: 'letter-of-assist',
  stream: letterOfAssistStream,
  decider: letterOfAssistDecider,
  row: (loa) => ({
    ref: loa.loaRef,
    mission: loa.mission,
    contributor: loa.contributor,
    datedOn: loa.issuedOn,
  }),
});

export class IssueLetterOfAssistCommand extends Command<PayableRecordWritten> {
  constructor(
    readonly data: Omit<LetterOfAssistIssued, 'loaId' | 'issuedBy'>,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(IssueLetterOfAssistCommand)
export class IssueLetterOfAssistHandler implements ICommandHandler<IssueLetterOfAssistCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ data, write }: IssueLetterOfAssistCommand): Promise<PayableRecordWritten> {
    const loaId = newAggregateId(write);
    return this.db.write(async (t) => {
      if ((await payableRecordIdByRef(t.tx, t.schema, 'letter-of-assist', data.loaRef)) !== null) {
        fail('LOA_EXISTS', `A letter of assist ${data.loaRef} exists already.`);
      }
      const issued = { ...data, loaId, issuedBy: write.metadata.actor.sub };
      return run(t, loaId, { type: 'IssueLetterOfAssist', data: issued }, write, true);
    });
  }
}

export class RecordLetterOfAssistInvoiceCommand extends Command<PayableRecordWritten> {
  constructor(
    readonly loaId: string,
    readonly data: { invoiceRef: string; period: string; amountUsd: string; recordedOn: string },
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordLetterOfAssistInvoiceCommand)
export class RecordLetterOfAssistInvoiceHandler
  implements ICommandHandler<RecordLetterOfAssistInvoiceCommand>
{
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ loaId, data, write }: RecordLetterOfAssistInvoiceCommand): Promise<PayableRecordWritten> {
    const recordedBy = write.metadata.actor.sub;
    return this.db.write((t) =>
      run(t, loaId, { type: 'RecordLetterOfAssistInvoice', data: { ...data, loaId, recordedBy } }, write),
    );
  }
}

export class CertifyLetterOfAssistInvoiceCommand extends Command<PayableRecordWritten> {
  constructor(
    readonly loaId: string,
    readonly invoiceRef: string,
    readonly certifiedOn: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/** The invoice is certified on the letter and, in the same transaction, becomes a certified claim. */
@CommandHandler(CertifyLetterOfAssistInvoiceCommand)
export class CertifyLetterOfAssistInvoiceHandler
  implements ICommandHandler<CertifyLetterOfAssistInvoiceCommand>
{
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ loaId, invoiceRef, certifiedOn, write }: CertifyLetterOfAssistInvoiceCommand) {
    const certifiedBy = write.metadata.actor.sub;
    return this.db.write(async (t) => {
      const loa = await this.load(t, loaId);
      const claimId = payableClaimId(['letter-of-assist', loaId, invoiceRef]);
      const claimRef = invoiceClaimRef(loa.loaRef, invoiceRef);
      const written = await run(
        t,
        loaId,
        {
          type: 'CertifyLetterOfAssistInvoice',
          data: { loaId, invoiceRef, certifiedOn, certifiedBy, claimId, claimRef },
        },
        write,
      );
      const invoice = written.state.invoices.find((i) => i.invoiceRef === invoiceRef)!;
      await certifyPayableClaim(
        t,
        {
          ...{ claimId, claimRef, mission: loa.mission, contributor: loa.contributor },
          ...{ category: 'letter_of_assist', period: invoice.period, preparedOn: invoice.recordedOn },
          ...{ preparedBy: invoice.recordedBy, certifiedOn, certifiedBy },
          lines: [
            {
              ...{
                kind: 'LETTER_OF_ASSIST',
                component: 'letter_of_assist',
                key: `letter-of-assist:${invoiceRef}`,
              },
              description: `${loa.loaRef}, invoice ${invoiceRef}: ${loa.description}`,
              ...{ quantity: '1', rateUsd: invoice.amountUsd, factor: '1', fraction: '1' },
              amountUsd: invoice.amountUsd,
              sources: { rateTables: [], mouAnnexVersion: null, verificationReportVersion: null },
            },
          ],
        },
        write,
      );
      return written;
    });
  }

  private async load(t: Tx, loaId: string) {
    const events = await t.store.readStream(letterOfAssistStream(loaId));
    const state = events.reduce(
      (s, e) => letterOfAssistDecider.evolve(s, { type: e.type, data: e.data } as never),
      letterOfAssistDecider.initialState(),
    );
    return state.status === 'none' ? payableRecordNotFound('letter-of-assist', loaId) : state;
  }
}

export class CloseLetterOfAssistCommand extends Command<PayableRecordWritten> {
  constructor(
    readonly loaId: string,
    readonly closedOn: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(CloseLetterOfAssistCommand)
export class CloseLetterOfAssistHandler implements ICommandHandler<CloseLetterOfAssistCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ loaId, closedOn, write }: CloseLetterOfAssistCommand): Promise<PayableRecordWritten> {
    const closedBy = write.metadata.actor.sub;
    return this.db.write((t) =>
      run(t, loaId, { type: 'CloseLetterOfAssist', data: { loaId, closedOn, closedBy } }, write),
    );
  }
}
