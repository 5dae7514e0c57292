import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { GetMouBacklog } from '../mou-backlog/mou-backlog.query';
import { mouMilestonesProjection } from '../mou-backlog/mou-milestones.projection';
import { GetPayables } from '../payables/payables.query';
import { payablesProjection } from '../payables/payables.projection';
import type { KnownAt } from '../projection/projection.known-at';
import { ProjectionsContext } from '../projections.context';
import { type FigureChange, figureChanges } from './report-changes.diff';

export type ChangedReport = 'mou-backlog' | 'payables';

/** An event recorded between the two instants that changed a row the report counts as of `asOf`. */
export type MovingEvent = {
  source: string;
  globalPosition: string;
  recordedAt: string;
  /** What it recorded: a claim certified (again), a payment, an MOU milestone; and whose. */
  kind: 'claim' | 'payment' | 'mou';
  key: string;
};

export type ReportChanges = {
  report: ChangedReport;
  asOf: string;
  from: KnownAt;
  to: KnownAt;
  figures: FigureChange[];
  events: MovingEvent[];
};

export class GetReportChanges extends Query<ReportChanges> {
  constructor(
    readonly report: ChangedReport,
    readonly asOf: string,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

// Row versions opened in (from, to], with the version each replaced; `$1` asOf, `$2` from, `$3` to.
const opened = (table: string, key: string) => `
  select n.*, p.${key} is not null as replaced, p as previous
  from ${table} n left join ${table} p on p.${key} = n.${key} and p.known_until_position = n.known_from_position
  where n.known_from > $2::timestamptz and n.known_from <= $3::timestamptz`;

// What an MOU row contributes to the backlog as of `$1`: the same conditions as mou-backlog.sql.ts
const backlogState = (m: string) => `case
  when ${m}.mission is not null and (${m}.withdrawn_on is null or ${m}.withdrawn_on > $1::date)
    and (${m}.deployed_on <= $1::date or ${m}.negotiation_opened_on <= $1::date)
  then concat_ws('|', ${m}.mission, ${m}.deployed_on <= $1::date,
    ${m}.repatriated_on is not null and ${m}.repatriated_on <= $1::date,
    coalesce(${m}.fully_signed_on <= $1::date, false), ${m}.negotiation_opened_on <= $1::date)
  else 'none' end`;

/**
 * A report as known at two instants, the figures that differ, and the events recorded in between that
 * changed what the report counts as of `asOf` (a back-dated correction, a late signature, a payment).
 */
@QueryHandler(GetReportChanges)
export class GetReportChangesHandler implements IQueryHandler<GetReportChanges, ReportChanges> {
  constructor(
    private readonly context: ProjectionsContext,
    private readonly queries: QueryBus,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute({ report, asOf, from, to }: GetReportChanges): Promise<ReportChanges> {
    const ask = (knownAt: string) =>
      report === 'payables'
        ? this.queries.execute(new GetPayables(asOf, null, knownAt))
        : this.queries.execute(new GetMouBacklog(asOf, knownAt));
    const [before, after] = [await ask(from), await ask(to)];
    const { knownAt: fromAt, reflects: fromReflects } = before;
    const { knownAt: toAt, reflects: toReflects } = after;
    return {
      report,
      asOf,
      from: { knownAt: fromAt, reflects: fromReflects },
      to: { knownAt: toAt, reflects: toReflects },
      figures: figureChanges(before, after),
      events: await this.moving(report, asOf, from, to),
    };
  }

  private async moving(
    report: ChangedReport,
    asOf: string,
    from: string,
    to: string,
  ): Promise<MovingEvent[]> {
    const columns = (kind: string, key: string) =>
      `'${kind}' as kind, n.${key} as key, n.known_from_position::text as "globalPosition",
       to_char(n.known_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt"`;
    let sql: string;
    let source: string;
    if (report === 'payables') {
      const t = await this.context.versions.activeTables(payablesProjection);
      source = 'reimbursement';
      sql = `
        select ${columns('claim', 'claim_id')} from (${opened(t.claims, 'claim_id')}) n
        where n.certified_on <= $1::date or (n.previous).certified_on <= $1::date
        union all
        select ${columns('payment', 'payment_id')} from (${opened(t.payments, 'payment_id')}) n
        where n.paid_on <= $1::date`;
    } else {
      const t = await this.context.versions.activeTables(mouMilestonesProjection);
      source = 'mou-negotiation';
      sql = `
        select ${columns('mou', 'mou_id')} from (${opened(t.mous, 'mou_id')}) n
        where ${backlogState('n')} <> ${backlogState('(n.previous)')}`;
    }
    const { rows } = await this.pool.query<Omit<MovingEvent, 'source'>>(
      `select * from (${sql}) x order by x."globalPosition"::bigint`,
      [asOf, from, to],
    );
    return rows.map((row) => ({ source, ...row }));
  }
}
