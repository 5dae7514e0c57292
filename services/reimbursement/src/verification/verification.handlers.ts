import { decideAndAppend, type StoredEvent } from '@coe/event-store';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { hostileActionItemsOf } from '../hostile-action/hostile-action.read-model';
import { termsForService } from '../mou-terms/mou-terms';
import { loadMouTerms } from '../mou-terms/mou-terms.read-model';
import { serviceDaysIn } from '../service-period/unit-movements';
import { loadUnitMovements } from '../service-period/unit-movements.read-model';
import { firstDayOf } from '../shared/period';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import { DocumentStore, type WriteContext, commandOptions, withStoredDocuments } from '@coe/platform';
import type { VerificationCommand } from './verification.commands';
import { verificationDecider } from './verification.decider';
import { type VerificationEvent, type VerificationReport, verificationStream } from './verification.events';
import { recordVerificationDocuments, recordVerificationReport } from './verification.read-model';

type ReportInput = Omit<VerificationCommand['data'], 'terms' | 'reason'> & { reason?: string };

export type RecordedReport = { report: VerificationReport; streamVersion: bigint };

/** Submits a verification report (version 1) or a correction (version n+1). */
export class RecordVerificationReportCommand extends Command<RecordedReport> {
  constructor(
    readonly correction: boolean,
    readonly data: ReportInput,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordVerificationReportCommand)
export class RecordVerificationReportHandler implements ICommandHandler<RecordVerificationReportCommand> {
  constructor(
    private readonly db: ReimbursementDatabase,
    private readonly documents: DocumentStore,
  ) {}

  async execute({
    correction,
    data: input,
    write,
  }: RecordVerificationReportCommand): Promise<RecordedReport> {
    const data = await withStoredDocuments(this.documents, input);
    return this.db.write(async ({ tx, store, schema }) => {
      const terms =
        termsForService(await loadMouTerms(tx, schema, data.mouId), firstDayOf(data.period)) ??
        fail('MOU_TERMS_NOT_FOUND', `No MOU terms in force are known for MOU ${data.mouId}.`);
      const serviceDays = serviceDaysIn(await loadUnitMovements(tx, schema, data.mouId), data.period);
      const recordedLosses = await hostileActionItemsOf(tx, schema, [
        ...new Set(data.equipment.flatMap((e) => e.lostThroughHostileAction?.incidentId ?? [])),
      ]);
      const command: VerificationCommand = correction
        ? {
            type: 'CorrectVerificationReport',
            data: { ...data, terms, serviceDays, recordedLosses, reason: data.reason ?? '' },
          }
        : { type: 'SubmitVerificationReport', data: { ...data, terms, serviceDays, recordedLosses } };
      const result = await decideAndAppend(
        store,
        verificationStream(data.mouId, data.period),
        command,
        verificationDecider,
        commandOptions(write),
      );
      const report = result.newState.report!;
      await recordVerificationReport(tx, schema, report);
      await recordVerificationDocuments(tx, schema, report);
      return { report, streamVersion: result.nextExpectedVersion };
    });
  }
}

/** Every version of a report, oldest first (the latest is what a claim uses). */
export const reportVersions = (events: StoredEvent[]): (VerificationReport & { reason?: string })[] =>
  events.map((e) => (e as unknown as VerificationEvent).data);
