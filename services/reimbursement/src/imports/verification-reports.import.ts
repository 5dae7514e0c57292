import { Clock, canonicalJson, toNewEvent } from '@coe/event-store';
import {
  DomainError,
  type ImportRejection,
  type ImportResult,
  type WriteContext,
  utcToday,
} from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { hostileActionItemsOf } from '../hostile-action/hostile-action.read-model';
import { termsForService } from '../mou-terms/mou-terms';
import { loadMouTermsOf } from '../mou-terms/mou-terms.read-model';
import { serviceDaysIn } from '../service-period/unit-movements';
import { loadUnitMovementsOf } from '../service-period/unit-movements.read-model';
import { firstDayOf } from '../shared/period';
import { ReimbursementDatabase, type Tx } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import { rows } from '../shared/sql';
import type { VerificationCommand } from '../verification/verification.commands';
import { type Verification, verificationDecider } from '../verification/verification.decider';
import {
  type VerificationEvent,
  type VerificationReport,
  verificationStream,
} from '../verification/verification.events';
import { recordVerificationReport } from '../verification/verification.read-model';
import type { ReportWarning } from '../verification/verification.warnings';
import { verificationReportsFromCsv } from './verification-reports.csv';
import { verificationReportsFromJson } from './verification-reports.json';
import { type ImportedReport, refusalLine } from './verification-reports.report';

/** Reports per transaction: a month of a few hundred units is a handful of commits. */
const CHUNK = 100;

export type VerificationReportsBody = { csv: string } | { json: readonly unknown[] };

/** A report imported (or unchanged) with a count beyond its MOU: `line` as a refusal's would be. */
export type ImportWarning = { line: number; ref: string; code: string; message: string };

export type ReportsImportResult = ImportResult & { warnings: ImportWarning[] };

export class ImportVerificationReportsCommand extends Command<ReportsImportResult> {
  constructor(
    readonly body: VerificationReportsBody,
    readonly write: WriteContext,
  ) {
    super();
  }
}

type Outcome = 'imported' | 'unchanged';

// the warnings follow from the content (and a report recorded before them has none): not compared
const withoutVersion = ({
  version: _v,
  reason: _r,
  warnings: _w,
  ...content
}: VerificationReport & { reason?: string }) => canonicalJson(content);

/**
 * The month's verification reports of the missions' field systems in one request (CONTRACT.md 4's
 * conventions): each report is checked and recorded as `POST /v1/verification-reports` would; one already
 * recorded for the unit and month (earlier in the same file too) is `unchanged` when identical, rejected
 * `CONFLICTS_WITH_HISTORY` when not, unless it carries a correction reason: then it is version n+1.
 * Written in transactions of CHUNK reports, each report's event id the request's id number `index`.
 */
@CommandHandler(ImportVerificationReportsCommand)
export class ImportVerificationReportsHandler implements ICommandHandler<ImportVerificationReportsCommand> {
  constructor(
    private readonly db: ReimbursementDatabase,
    private readonly clock: Clock,
  ) {}

  async execute({ body, write }: ImportVerificationReportsCommand): Promise<ReportsImportResult> {
    const today = utcToday(this.clock.now());
    const { reports, rejected } =
      'csv' in body ? verificationReportsFromCsv(body.csv, today) : verificationReportsFromJson(body.json);
    let imported = 0;
    let unchanged = 0;
    const warnings: ImportWarning[] = [];
    for (let start = 0; start < reports.length; start += CHUNK) {
      const batch = await this.db.write((t) =>
        this.writeBatch(t, reports.slice(start, start + CHUNK), start, write),
      );
      imported += batch.outcomes.filter((o) => o === 'imported').length;
      unchanged += batch.outcomes.filter((o) => o === 'unchanged').length;
      rejected.push(...batch.refused);
      warnings.push(...batch.warnings);
    }
    const byLine = <T extends { line: number }>(rows: T[]) => rows.sort((a, b) => a.line - b.line);
    return { imported, unchanged, rejected: byLine(rejected), warnings: byLine(warnings) };
  }

  // Side-effect free until the transaction commits, so a retried batch starts from scratch.
  private async writeBatch(
    t: Tx,
    chunk: ImportedReport[],
    offset: number,
    write: WriteContext,
  ): Promise<{ outcomes: Outcome[]; refused: ImportRejection[]; warnings: ImportWarning[] }> {
    const byRef = await this.mouIdsByRef(
      t,
      chunk.flatMap((r) => (r.mouRef !== undefined ? [r.mouRef] : [])),
    );
    const mouIdOf = (r: ImportedReport): string | undefined => r.mouId ?? byRef.get(r.mouRef!);
    const mouIds = [...new Set(chunk.map(mouIdOf).filter((id): id is string => id !== undefined))];
    const terms = await loadMouTermsOf(t.tx, t.schema, mouIds);
    const movements = await loadUnitMovementsOf(t.tx, t.schema, mouIds);
    // the hostile-action incidents the chunk's reports name, checked as the single POST checks them
    const recordedLosses = await hostileActionItemsOf(t.tx, t.schema, [
      ...new Set(
        chunk.flatMap((r) =>
          r.content.equipment.flatMap((e) => e.lostThroughHostileAction?.incidentId ?? []),
        ),
      ),
    ]);
    const outcomes: Outcome[] = [];
    const refused: ImportRejection[] = [];
    const warnings: ImportWarning[] = [];
    for (const [i, report] of chunk.entries()) {
      const mouId = mouIdOf(report);
      try {
        if (mouId === undefined) {
          fail('MOU_TERMS_NOT_FOUND', `No MOU terms in force are known for MOU ${report.mouRef}.`);
        }
        const versions = terms.get(mouId!) ?? [];
        const known = versions[0]?.mouRef;
        if (report.mouRef !== undefined && known !== undefined && known !== report.mouRef) {
          refused.push({
            line: report.line,
            ref: report.ref,
            code: 'MOU_REF_MISMATCH',
            reason: `MOU ${mouId} is ${known}, not ${report.mouRef}`,
          });
          continue;
        }
        const inForce =
          termsForService(versions, firstDayOf(report.period)) ??
          fail('MOU_TERMS_NOT_FOUND', `No MOU terms in force are known for MOU ${report.mouRef ?? mouId}.`);
        const data = {
          mouId: mouId!,
          period: report.period,
          ...report.content,
          terms: inForce,
          serviceDays: serviceDaysIn(movements.get(mouId!) ?? [], report.period),
          recordedLosses,
        };
        const recorded = await this.record(t, report, data, write.eventIds(offset + i), write);
        outcomes.push(recorded.outcome);
        warnings.push(
          ...recorded.warnings.map((w) => ({
            line: (w.lineId !== undefined ? report.lines.equipment[w.lineId] : undefined) ?? report.line,
            ref: report.ref,
            code: w.code,
            message: w.lineId !== undefined ? `Line ${w.lineId}: ${w.message}` : w.message,
          })),
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused.push({
          line: refusalLine(report, error),
          ref: report.ref,
          code: error.code,
          reason: error.message,
        });
      }
    }
    return { outcomes, refused, warnings };
  }

  private async record(
    t: Tx,
    report: ImportedReport,
    data: VerificationCommand['data'],
    eventId: string,
    write: WriteContext,
  ): Promise<{ outcome: Outcome; warnings: ReportWarning[] }> {
    const stream = verificationStream(data.mouId, data.period);
    const history = await t.store.readStream(stream);
    const state = history.reduce<Verification>(
      (s, e) =>
        verificationDecider.evolve(s, {
          type: e.type,
          data: e.data,
          effectiveOn: e.effectiveOn ?? undefined,
        } as VerificationEvent),
      verificationDecider.initialState(),
    );
    const reason = report.correctionReason;
    let command: VerificationCommand;
    if (!state.report) {
      if (reason !== undefined) {
        fail('VERIFICATION_REPORT_NOT_FOUND', `No report on ${data.period} to correct (${reason}).`);
      }
      command = { type: 'SubmitVerificationReport', data };
    } else {
      command = { type: 'CorrectVerificationReport', data: { ...data, reason: reason ?? '' } };
    }
    const events = verificationDecider.decide(command, state);
    const warnings = events[0]?.data.warnings ?? [];
    if (state.report && events[0] && withoutVersion(events[0].data) === withoutVersion(state.report)) {
      return { outcome: 'unchanged', warnings };
    }
    if (state.report && reason === undefined) {
      fail(
        'CONFLICTS_WITH_HISTORY',
        `${data.period} of MOU ${state.report.mouRef} was reported with other content; give a correction_reason to correct it.`,
      );
    }
    await t.store.append(
      stream,
      events.map((e) => ({ ...toNewEvent(e), eventId })),
      { expectedVersion: history.at(-1)?.streamVersion ?? 'no-stream', metadata: write.metadata },
    );
    const recorded = events.reduce(verificationDecider.evolve, state).report!;
    await recordVerificationReport(t.tx, t.schema, recorded);
    return { outcome: 'imported', warnings };
  }

  private async mouIdsByRef(t: Tx, refs: string[]): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const found = await rows<{ mou_ref: string; mou_id: string }>(
      t.tx,
      `select mou_ref, mou_id from ${t.schema}.mou_terms where mou_ref = any($1::text[])
       union select mou_ref, mou_id from ${t.schema}.known_mous where mou_ref = any($1::text[])`,
      [refs],
    );
    return new Map(found.map((r) => [r.mou_ref, r.mou_id]));
  }
}
