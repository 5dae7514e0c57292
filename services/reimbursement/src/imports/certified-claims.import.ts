import { Clock } from '@coe/event-store';
import { type ImportRejection, type ImportResult, nameBasedUuid, utcToday } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { ImportCertifiedClaim } from '../claim/claim.commands';
import { type Claim, claimDecider } from '../claim/claim.decider';
import { claimStream } from '../claim/claim.events';
import { saveClaims } from '../claim/claim.read-model';
import { ReimbursementDatabase, type Tx } from '../shared/reimbursement.database';
import { rows } from '../shared/sql';
import type { WriteContext } from '@coe/platform';
import {
  amountCell,
  categoryCell,
  contributorCell,
  dateCell,
  missionCell,
  periodCell,
  refCell,
  RowRejected,
  validateRows,
} from './import.rows';

export const CERTIFIED_CLAIM_COLUMNS = [
  { name: 'claim_ref', required: true },
  { name: 'mission', required: true },
  { name: 'contributor', required: true },
  { name: 'category', required: true },
  { name: 'period', required: true },
  { name: 'amount', required: true },
  { name: 'certified_on', required: true },
] as const;

type Row = Omit<ImportCertifiedClaim['data'], 'claimId' | 'importedBy'> & { line: number };

const CHUNK = 500;

const toRow = (line: number, cells: Record<string, string | undefined>, today: string): Row => {
  const row = {
    line,
    claimRef: refCell(cells, 'claim_ref'),
    mission: missionCell(cells),
    contributor: contributorCell(cells),
    category: categoryCell(cells),
    period: periodCell(cells),
    amountUsd: amountCell(cells),
    certifiedOn: dateCell(cells, 'certified_on', today),
  };
  if (row.period > row.certifiedOn.slice(0, 7)) {
    throw new RowRejected(
      'PERIOD_AFTER_CERTIFICATION',
      `a claim for ${row.period} cannot be certified on ${row.certifiedOn}`,
    );
  }
  return row;
};

const sameContent = (a: Row, b: Row): boolean =>
  (['mission', 'contributor', 'category', 'period', 'amountUsd', 'certifiedOn'] as const).every(
    (k) => a[k] === b[k],
  );

export class ImportCertifiedClaimsCommand extends Command<ImportResult> {
  constructor(
    readonly csv: string,
    readonly write: WriteContext,
  ) {
    super();
  }
}

/**
 * CONTRACT.md 4.2. Each valid row becomes a ClaimCertified dated `certified_on`, on a stream whose id
 * derives from `claim_ref`; an identical row again is unchanged, other content under a known reference
 * conflicts with history. Rows are validated first, then written in batches of 500, each one transaction.
 */
@CommandHandler(ImportCertifiedClaimsCommand)
export class ImportCertifiedClaimsHandler implements ICommandHandler<ImportCertifiedClaimsCommand> {
  constructor(
    private readonly db: ReimbursementDatabase,
    private readonly clock: Clock,
  ) {}

  async execute({ csv, write }: ImportCertifiedClaimsCommand): Promise<ImportResult> {
    const today = utcToday(this.clock.now());
    const { valid, rejected } = validateRows(csv, CERTIFIED_CLAIM_COLUMNS, 'claim_ref', (line, cells) =>
      toRow(line, cells, today),
    );
    // rows written by earlier batches of this file, to tell a repeated row from a conflicting one
    const seen = new Map<string, Row>();
    let imported = 0;
    let unchanged = 0;
    for (let start = 0; start < valid.length; start += CHUNK) {
      const batch = await this.db.write((t) =>
        this.writeBatch(t, valid.slice(start, start + CHUNK), seen, write),
      );
      imported += batch.written.length;
      unchanged += batch.unchanged;
      rejected.push(...batch.refused);
      for (const row of batch.written) seen.set(row.claimRef, row);
    }
    return { imported, unchanged, rejected: rejected.sort((a, b) => a.line - b.line) };
  }

  // Side-effect free until the transaction commits, so a retried batch starts from scratch.
  private async writeBatch(
    { tx, store, schema }: Tx,
    chunk: Row[],
    seenBefore: ReadonlyMap<string, Row>,
    write: WriteContext,
  ): Promise<{ written: Row[]; unchanged: number; refused: ImportRejection[] }> {
    const known = new Map(
      (
        await rows<Row & { origin: string; status: string }>(
          tx,
          `select claim_ref as "claimRef", mission, contributor, category, period, amount_usd::text as "amountUsd",
                  to_char(certified_on, 'YYYY-MM-DD') as "certifiedOn", origin, status
             from ${schema}.claims where claim_ref = any($1::text[])`,
          [chunk.map((r) => r.claimRef)],
        )
      ).map((r) => [r.claimRef, r]),
    );
    const seen = new Map(seenBefore);
    const written: Row[] = [];
    const claims: { claim: Exclude<Claim, { status: 'none' }>; version: bigint }[] = [];
    const refused: ImportRejection[] = [];
    let unchanged = 0;
    for (const row of chunk) {
      const stored = known.get(row.claimRef);
      const earlier = seen.get(row.claimRef) ?? stored;
      if (earlier) {
        const imported = !stored || (stored.origin === 'imported' && stored.status === 'certified');
        if (imported && sameContent(earlier, row)) unchanged++;
        else {
          const reason = `claim ${row.claimRef} was recorded with other content`;
          refused.push({ line: row.line, ref: row.claimRef, code: 'CONFLICTS_WITH_HISTORY', reason });
        }
        continue;
      }
      const { line: _line, ...data } = row;
      const claimId = nameBasedUuid(JSON.stringify(['claim-ref', row.claimRef]));
      const command: ImportCertifiedClaim = {
        type: 'ImportCertifiedClaim',
        data: { ...data, claimId, importedBy: write.metadata.actor.sub },
      };
      const events = claimDecider.decide(command, claimDecider.initialState());
      const result = await store.append(
        claimStream(claimId),
        events.map((e, i) => ({
          ...e,
          eventId: nameBasedUuid(JSON.stringify(['imported-claim', row.claimRef, i])),
        })),
        { expectedVersion: 'no-stream', metadata: write.metadata },
      );
      const claim = events.reduce(claimDecider.evolve, claimDecider.initialState());
      claims.push({
        claim: claim as Exclude<Claim, { status: 'none' }>,
        version: result.nextExpectedVersion,
      });
      written.push(row);
      seen.set(row.claimRef, row);
    }
    await saveClaims(tx, schema, claims);
    return { written, unchanged, refused };
  }
}
