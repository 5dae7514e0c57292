import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import { computedClaimsFrom } from '../claim/claim.read-model';
import { type AffectedClaim, claimsAffectedBy } from '../claim/claim.retroactive';
import type { Db } from '../shared/sql';
import type { RateTableVersionIssued } from './rate-table.events';
import { loadRateTableVersions } from './rate-table.read-model';

export type RateTableView = { tableId: string; kind: string; versions: RateTableVersionIssued[] };

const group = (versions: RateTableVersionIssued[]): RateTableView[] => {
  const tables = new Map<string, RateTableView>();
  for (const v of versions) {
    const table = tables.get(v.tableId) ?? { tableId: v.tableId, kind: v.values.kind, versions: [] };
    table.versions.push(v);
    tables.set(v.tableId, table);
  }
  return [...tables.values()];
};

export class ListRateTablesQuery extends Query<RateTableView[]> {}

@QueryHandler(ListRateTablesQuery)
export class ListRateTablesHandler implements IQueryHandler<ListRateTablesQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  async execute(): Promise<RateTableView[]> {
    return group(await loadRateTableVersions(this.db.pool, this.db.schema));
  }
}

export class GetRateTableQuery extends Query<RateTableView> {
  constructor(readonly tableId: string) {
    super();
  }
}

@QueryHandler(GetRateTableQuery)
export class GetRateTableHandler implements IQueryHandler<GetRateTableQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  async execute({ tableId }: GetRateTableQuery): Promise<RateTableView> {
    const [table] = group(await loadRateTableVersions(this.db.pool, this.db.schema, tableId));
    return table ?? fail('RATE_TABLE_NOT_FOUND', `No rate table ${tableId}.`);
  }
}

/** The certified claims a version changes, read from what is recorded now (claim.retroactive.ts). */
export const affectedClaimsOf = async (
  db: Db,
  schema: string,
  issued: RateTableVersionIssued,
): Promise<AffectedClaim[]> =>
  claimsAffectedBy(
    issued,
    await loadRateTableVersions(db, schema, issued.tableId),
    await computedClaimsFrom(db, schema, issued.effectiveFrom.slice(0, 7)),
  );

export class AffectedClaimsQuery extends Query<AffectedClaim[]> {
  constructor(
    readonly tableId: string,
    readonly version: number,
  ) {
    super();
  }
}

@QueryHandler(AffectedClaimsQuery)
export class AffectedClaimsHandler implements IQueryHandler<AffectedClaimsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  async execute({ tableId, version }: AffectedClaimsQuery): Promise<AffectedClaim[]> {
    const issued =
      (await loadRateTableVersions(this.db.pool, this.db.schema, tableId)).find(
        (v) => v.version === version,
      ) ?? fail('RATE_TABLE_NOT_FOUND', `No version ${version} of rate table ${tableId}.`);
    return affectedClaimsOf(this.db.pool, this.db.schema, issued);
  }
}
