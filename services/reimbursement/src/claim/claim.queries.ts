import { type Actor, assertSameContributor } from '@coe/platform';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type Page, type PageQuery, pageOf, whereOf } from '../shared/pagination';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { fail } from '../shared/reimbursement.errors';
import { date, rows } from '../shared/sql';
import type { ClaimLine } from './claim.lines';
import { type PayableBalance, offsetCredits } from '@coe/payables';
import type { Db } from '../shared/sql';
import { payableBalancesOf } from '../payment/payable.balances';
import { type ClaimStatus, shownStatus } from './claim.status';

export type ClaimSummary = {
  claimId: string;
  claimRef: string;
  origin: string;
  mouId: string | null;
  mission: string;
  contributor: string;
  category: string;
  period: string;
  /**
   * `prepared` (awaiting certification), `voided` (withdrawn before it), `certified` (a payable still owed
   * something), `paid` (certified, and nothing owed on it after payments and its payee's credits).
   */
  status: ClaimStatus;
  amountUsd: string;
  paidUsd: string;
  /** What is owed on it now, its payee's credits offset as every report offsets them (offsetCredits). */
  outstandingUsd: string;
  /** For a credit (a certified negative amount): what no payable has absorbed yet; otherwise 0.00. */
  creditUsd: string;
  preparedOn: string | null;
  preparedBy: string | null;
  certifiedOn: string | null;
  certifiedBy: string | null;
  voidedOn: string | null;
  voidedBy: string | null;
  voidReason: string | null;
  adjustsClaimId: string | null;
  version: number;
};

export type ClaimDetail = ClaimSummary & {
  lines: ClaimLine[];
  basis: { mouAnnexVersion: number; verificationReportVersion: number } | null;
  adjustmentClaimIds: string[];
};

const SUMMARY = `claim_id as "claimId", claim_ref as "claimRef", origin, mou_id as "mouId",
  mission, contributor, category, period, status, amount_usd::text as "amountUsd", paid_usd::text as "paidUsd",
  ${date('prepared_on', '"preparedOn"')}, prepared_by as "preparedBy", ${date('certified_on', '"certifiedOn"')},
  certified_by as "certifiedBy", ${date('voided_on', '"voidedOn"')}, voided_by as "voidedBy",
  void_reason as "voidReason", adjusts_claim_id as "adjustsClaimId", version::int as version`;

type Stored<T extends ClaimSummary> = Omit<T, 'outstandingUsd' | 'creditUsd'>;

/**
 * What is owed on each claim and what is left of each credit, by the one credit rule (offsetCredits) over all
 * the certified payables of the claims' payees, as the payment run, the payables report and the statement
 * count them: a credit offsets the same contributor's oldest payables in the same mission.
 */
const withCredits = async <T extends ClaimSummary>(
  db: Db,
  schema: string,
  claims: Stored<T>[],
): Promise<T[]> => {
  const payees = [
    ...new Set(claims.filter((c) => c.status === 'certified').map((c) => `${c.mission}|${c.contributor}`)),
  ];
  const net = offsetCredits<PayableBalance>(
    payees.length === 0 ? [] : await payableBalancesOf(db, schema, payees, []),
  );
  const owed = new Map(net.payables.map((p) => [p.claimId, p.outstandingUsd]));
  const credit = new Map(net.credits.map((c) => [c.claimId, c.creditUsd]));
  return claims.map((c) => {
    const outstandingUsd = owed.get(c.claimId) ?? '0.00';
    return {
      ...c,
      status: shownStatus(c.status, c.amountUsd, outstandingUsd),
      outstandingUsd,
      creditUsd: credit.get(c.claimId) ?? '0.00',
    } as T;
  });
};

export type ClaimFilter = {
  mission?: string;
  contributor?: string;
  period?: string;
  status?: ClaimStatus;
  origin?: string;
};

/**
 * The SQL of a filter; `settled` when its status (`certified` or `paid`) is known only once credits are
 * offset, so the rows must be filtered again after withCredits.
 */
const filterSql = (filter: ClaimFilter & { claimIds?: string[] }) => {
  const settled = filter.status === 'certified' || filter.status === 'paid';
  return {
    settled,
    ...whereOf([
      ['mission = ?', filter.mission],
      ['contributor = ?', filter.contributor],
      ['period = ?', filter.period],
      ['status = ?', settled ? 'certified' : filter.status],
      ['origin = ?', filter.origin],
      ['claim_id = any(?::uuid[])', filter.claimIds],
    ]),
  };
};

export class ListClaimsQuery extends Query<Page<ClaimSummary>> {
  constructor(
    readonly filter: ClaimFilter,
    readonly page: PageQuery,
  ) {
    super();
  }
}

@QueryHandler(ListClaimsQuery)
export class ListClaimsHandler implements IQueryHandler<ListClaimsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  async execute({ filter, page }: ListClaimsQuery): Promise<Page<ClaimSummary>> {
    const { settled, where, values } = filterSql(filter);
    const { offset, ...paging } = pageOf(page);
    const table = `${this.db.schema}.claims`;
    if (settled) {
      // `paid` is what is owed after credits, known only once they are offset: filtered, then paged
      const all = await rows<Stored<ClaimSummary>>(
        this.db.pool,
        `select ${SUMMARY} from ${table} c where ${where} order by period, claim_ref`,
        values,
      ).then((found) => withCredits<ClaimSummary>(this.db.pool, this.db.schema, found));
      const matching = all.filter((c) => c.status === filter.status);
      return { items: matching.slice(offset, offset + paging.pageSize), ...paging, total: matching.length };
    }
    const n = values.length;
    const [items, [count]] = await Promise.all([
      rows<Stored<ClaimSummary>>(
        this.db.pool,
        `select ${SUMMARY} from ${table} c where ${where} order by period, claim_ref limit $${n + 1} offset $${n + 2}`,
        [...values, paging.pageSize, offset],
      ).then((found) => withCredits<ClaimSummary>(this.db.pool, this.db.schema, found)),
      rows<{ total: number }>(
        this.db.pool,
        `select count(*)::int as total from ${table} where ${where}`,
        values,
      ),
    ]);
    return { items, ...paging, total: count?.total ?? 0 };
  }
}

/** A claim by id; with the reader's `actor`, limited to a contributor representative's own claims. */
export class GetClaimQuery extends Query<ClaimDetail> {
  constructor(
    readonly claimId: string,
    readonly actor?: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetClaimQuery)
export class GetClaimHandler implements IQueryHandler<GetClaimQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  async execute({ claimId, actor }: GetClaimQuery): Promise<ClaimDetail> {
    const table = `${this.db.schema}.claims`;
    const [stored] = await rows<Stored<ClaimDetail>>(
      this.db.pool,
      `select ${SUMMARY}, lines, basis,
              array(select a.claim_id::text from ${table} a where a.adjusts_claim_id = c.claim_id
                     order by length(a.claim_ref), a.claim_ref) as "adjustmentClaimIds"
         from ${table} c where claim_id = $1`,
      [claimId],
    );
    if (actor) assertSameContributor(actor, stored?.contributor);
    if (!stored) return fail('CLAIM_NOT_FOUND', `No claim ${claimId}.`);
    const [claim] = await withCredits<ClaimDetail>(this.db.pool, this.db.schema, [stored]);
    return claim!;
  }
}

export type ClaimWithLines = ClaimSummary & { lines: ClaimLine[] };

/**
 * Every claim a filter (or a list of claim ids) selects, with its lines, unpaged, by month then
 * reference: what an export holds.
 */
export class ExportClaimsQuery extends Query<ClaimWithLines[]> {
  constructor(readonly filter: ClaimFilter & { claimIds?: string[] }) {
    super();
  }
}

@QueryHandler(ExportClaimsQuery)
export class ExportClaimsHandler implements IQueryHandler<ExportClaimsQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  async execute({ filter }: ExportClaimsQuery): Promise<ClaimWithLines[]> {
    const { settled, where, values } = filterSql(filter);
    const found = await rows<Stored<ClaimWithLines>>(
      this.db.pool,
      `select ${SUMMARY}, lines from ${this.db.schema}.claims c
        where ${where} order by period, claim_ref`,
      values,
    );
    const claims = await withCredits<ClaimWithLines>(this.db.pool, this.db.schema, found);
    return settled ? claims.filter((c) => c.status === filter.status) : claims;
  }
}
