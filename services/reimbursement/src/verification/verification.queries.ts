import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import { type VerificationEvent, type VerificationReport, verificationStream } from './verification.events';
import { type VerificationReportSummary, listVerificationReports } from './verification.read-model';

export type VerificationReportVersion = VerificationReport & { reason: string | null; recordedAt: string };

export class GetVerificationReportQuery extends Query<VerificationReportVersion[]> {
  constructor(
    readonly mouId: string,
    readonly period: string,
  ) {
    super();
  }
}

/** Every version of a unit's report on a month, oldest first; the last is what claims use. */
@QueryHandler(GetVerificationReportQuery)
export class GetVerificationReportHandler implements IQueryHandler<GetVerificationReportQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  async execute({ mouId, period }: GetVerificationReportQuery): Promise<VerificationReportVersion[]> {
    const events = await this.db.store.readStream(verificationStream(mouId, period));
    if (events.length === 0)
      fail('VERIFICATION_REPORT_NOT_FOUND', `No verification report on ${period} for MOU ${mouId}.`);
    return events.map((e) => {
      const { reason, ...report } = (e as unknown as VerificationEvent).data as VerificationReport & {
        reason?: string;
      };
      const warnings = report.warnings ?? [];
      return { ...report, warnings, reason: reason ?? null, recordedAt: e.recordedAt.toISOString() };
    });
  }
}

export class ListVerificationReportsQuery extends Query<VerificationReportSummary[]> {
  constructor(readonly filter: { mouId?: string; mission?: string; period?: string }) {
    super();
  }
}

@QueryHandler(ListVerificationReportsQuery)
export class ListVerificationReportsHandler implements IQueryHandler<ListVerificationReportsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ filter }: ListVerificationReportsQuery): Promise<VerificationReportSummary[]> {
    return listVerificationReports(this.db.pool, this.db.schema, filter);
  }
}
