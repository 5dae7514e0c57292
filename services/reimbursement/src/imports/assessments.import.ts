import { Clock } from '@coe/event-store';
import { type ImportRejection, type ImportResult, nameBasedUuid, utcToday } from '@coe/platform';
import type { WriteContext } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { receiveAssessmentIn } from '../cash-pool/fund.handlers';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { rows } from '../shared/sql';
import { amountCell, dateCell, missionCell, refCell, validateRows } from './import.rows';

// A fund's history: the assessments a mission's fund received before (or outside) the ledger, so that legacy
// payments imported without them do not leave the fund overdrawn. An opening balance is one such row, dated
// the day the ledger's history of that fund starts.

export const ASSESSMENT_COLUMNS = [
  { name: 'assessment_ref', required: true },
  { name: 'mission', required: true },
  { name: 'amount', required: true },
  { name: 'received_on', required: true },
] as const;

type Row = { line: number; assessmentRef: string; mission: string; amountUsd: string; receivedOn: string };
type Content = Omit<Row, 'line' | 'assessmentRef'>;

const toRow = (line: number, cells: Record<string, string | undefined>, today: string): Row => ({
  line,
  assessmentRef: refCell(cells, 'assessment_ref'),
  mission: missionCell(cells),
  amountUsd: amountCell(cells),
  receivedOn: dateCell(cells, 'received_on', today),
});

const same = (a: Content, b: Content): boolean =>
  a.mission === b.mission && a.amountUsd === b.amountUsd && a.receivedOn === b.receivedOn;

// the fund movement of an imported assessment carries its reference, apart from the route's `fund-<mission>#n`
const movementRef = (assessmentRef: string) => `assessment-ref:${assessmentRef}`;

export class ImportAssessmentsCommand extends Command<ImportResult> {
  constructor(
    readonly csv: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/**
 * Each valid row is an AssessmentReceived on `fund-<mission>` dated `received_on`, exactly as the route
 * records it (it repays the mission's loans made on or before that day), applied in `received_on` order
 * then file order, in one transaction.
 */
@CommandHandler(ImportAssessmentsCommand)
export class ImportAssessmentsHandler implements ICommandHandler<ImportAssessmentsCommand> {
  constructor(
    private readonly db: ReimbursementDatabase,
    private readonly clock: Clock,
  ) {}

  async execute({ csv, write }: ImportAssessmentsCommand): Promise<ImportResult> {
    const today = utcToday(this.clock.now());
    const { valid, rejected } = validateRows(csv, ASSESSMENT_COLUMNS, 'assessment_ref', (line, cells) =>
      toRow(line, cells, today),
    );
    valid.sort((a, b) =>
      a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.line - b.line,
    );
    const outcome = await this.db.write(
      async (t) => {
        const refused: ImportRejection[] = [];
        const known = new Map<string, Content>(
          (
            await rows<Content & { ref: string }>(
              t.tx,
              `select ref, mission, amount_usd::numeric(16, 2)::text as "amountUsd", to_char(on_date, 'YYYY-MM-DD') as "receivedOn"
                 from ${t.schema}.fund_movements where kind = 'assessment' and ref = any($1::text[])`,
              [valid.map((r) => movementRef(r.assessmentRef))],
            )
          ).map(({ ref, ...content }) => [ref, content]),
        );
        let imported = 0;
        let unchanged = 0;
        for (const row of valid) {
          const { line, assessmentRef, ...content } = row;
          const earlier = known.get(movementRef(assessmentRef));
          if (earlier) {
            if (same(earlier, content)) unchanged++;
            else {
              refused.push({
                ...{ line, ref: assessmentRef, code: 'CONFLICTS_WITH_HISTORY' },
                reason: `assessment ${assessmentRef} was recorded with other content`,
              });
            }
            continue;
          }
          await receiveAssessmentIn(
            t,
            { ...content, assessmentRef },
            {
              metadata: write.metadata,
              eventIds: (index) =>
                nameBasedUuid(JSON.stringify(['imported-assessment', assessmentRef, index])),
            },
            movementRef(assessmentRef),
          );
          known.set(movementRef(assessmentRef), content);
          imported++;
        }
        return { imported, unchanged, refused };
      },
      { cashLock: true },
    );
    const all = [...rejected, ...outcome.refused].sort((a, b) => a.line - b.line);
    return { imported: outcome.imported, unchanged: outcome.unchanged, rejected: all };
  }
}
