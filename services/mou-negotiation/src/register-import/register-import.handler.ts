import { Clock, type EventMetadata } from '@coe/event-store';
import {
  type CsvRow,
  type ImportRejection,
  type ImportResult,
  InjectPool,
  MALFORMED_ROW,
  nameBasedUuid,
  parseCsvImport,
  utcToday,
} from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { InjectMouSchema } from '../mou-negotiation.options';
import { MouError } from '../mou/mou.errors';
import { type BatchItem, type BatchOutcome, MouWriter } from '../mou/mou.writer';
import type { WriteContext } from '@coe/platform';
import { REGISTER_COLUMNS, type RegisterColumn, checkRegisterRow } from './register-import.row';

export class ImportMouRegisterCommand extends Command<ImportResult> {
  constructor(
    readonly csv: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

type RowOutcome = 'imported' | 'unchanged' | { code: string; reason: string };
type Planned = { line: number; ref: string; item?: BatchItem; outcome?: RowOutcome };

// Rows committed together: one commit per row made 400 rows take several seconds on a busy PostgreSQL.
const CHUNK = 50;

const outcomeOf = (outcome: BatchOutcome): RowOutcome => {
  if (!(outcome instanceof MouError)) return outcome.changed ? 'imported' : 'unchanged';
  // a reference taken meanwhile by another MOU is a conflict with the history too
  const code = outcome.code === 'MOU_REF_TAKEN' ? 'CONFLICTS_WITH_HISTORY' : outcome.code;
  return { code, reason: outcome.message };
};

// A malformed row's cells follow the header's order, which parseCsvImport does not hand back.
const refCell = (csv: string, cells: string[]): string => {
  const header = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0]
    ?.split(',')
    .map((name) => name.trim().replace(/^"|"$/g, ''));
  const at = header?.indexOf('mou_ref') ?? -1;
  return at === -1 ? '' : (cells[at]?.trim() ?? '');
};

/** Rows in passes: each reference's first row in the first pass, its second row in the second, and so on. */
const repeatsInLaterPasses = (plans: Planned[]): Planned[][] => {
  const passes: Planned[][] = [];
  const occurrences = new Map<string, number>();
  for (const plan of plans) {
    const nth = occurrences.get(plan.ref) ?? 0;
    occurrences.set(plan.ref, nth + 1);
    (passes[nth] ??= []).push(plan);
  }
  return passes;
};

/**
 * The legacy MOU register: each valid row becomes an MOU's history through the same decider as work done
 * in the system; a row already recorded identically is `unchanged`, and a refused row records nothing.
 */
@CommandHandler(ImportMouRegisterCommand)
export class ImportMouRegisterHandler implements ICommandHandler<ImportMouRegisterCommand, ImportResult> {
  constructor(
    private readonly writer: MouWriter,
    private readonly clock: Clock,
    @InjectPool() private readonly pool: Pool,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  async execute({ csv, write }: ImportMouRegisterCommand): Promise<ImportResult> {
    const parsed = parseCsvImport(csv, { columns: REGISTER_COLUMNS });
    const today = utcToday(this.clock.now());
    const rejected: ImportRejection[] = parsed.malformed.map(({ line, reason, cells, code }) => ({
      line,
      ref: refCell(csv, cells),
      code: code ?? MALFORMED_ROW,
      reason,
    }));
    const mouIdOf = await this.knownMous(parsed.rows);
    const planned = parsed.rows.map(({ line, values }) => ({
      line,
      ref: values.mou_ref ?? '',
      ...this.plan(values, today, mouIdOf, write.metadata),
    }));
    // An earlier row of the file is history (CONTRACT.md section 4): a reference's second row is written
    // after its first has committed, so the decider finds it recorded and answers `unchanged` for the
    // same content and CONFLICTS_WITH_HISTORY for other content, as for a row of an earlier file.
    for (const pass of repeatsInLaterPasses(planned.filter((plan) => plan.item !== undefined))) {
      for (let start = 0; start < pass.length; start += CHUNK) {
        const chunk = pass.slice(start, start + CHUNK);
        const outcomes = await this.writer.runMany(chunk.map((plan) => plan.item!));
        chunk.forEach((plan, index) => (plan.outcome = outcomeOf(outcomes[index]!)));
      }
    }
    const counts = { imported: 0, unchanged: 0 };
    for (const { line, ref, outcome } of planned) {
      if (typeof outcome === 'string') counts[outcome]++;
      else if (outcome) rejected.push({ line, ref, ...outcome });
    }
    return { ...counts, rejected: rejected.sort((a, b) => a.line - b.line) };
  }

  // one query for every reference of the file, not one per row
  private async knownMous(rows: CsvRow<RegisterColumn>[]): Promise<Map<string, string>> {
    const refs = rows.flatMap((row) => (row.values.mou_ref ? [row.values.mou_ref] : []));
    const { rows: known } = await this.pool.query<{ mou_id: string; mou_ref: string }>(
      `select mou_id, mou_ref from ${this.schema}.mous where mou_ref = any($1::text[])`,
      [refs],
    );
    return new Map(known.map((row) => [row.mou_ref, row.mou_id]));
  }

  private plan(
    values: CsvRow<RegisterColumn>['values'],
    today: string,
    mouIdOf: Map<string, string>,
    metadata: EventMetadata,
  ): Pick<Planned, 'item' | 'outcome'> {
    const checked = checkRegisterRow(values, today);
    if (!checked.ok) return { outcome: { code: checked.code, reason: checked.reason } };
    const { mouRef } = checked.row;
    // an MOU first known from the register gets an id from its reference: importing twice finds it again
    const mouId = mouIdOf.get(mouRef) ?? nameBasedUuid(`mou-register:${mouRef}`);
    return {
      item: {
        mouId,
        command: { type: 'ImportMouFromRegister', data: { mouId, ...checked.row } },
        options: { metadata, eventIds: (index) => nameBasedUuid(`mou-register:${mouId}:${index}`) },
      },
    };
  }
}
