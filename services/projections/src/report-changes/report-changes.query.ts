import { IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { cashPoolProjection } from '../cash-pool/cash-pool.projection';
import { GetCashPool } from '../cash-pool/cash-pool.query';
import { GetDaysToSignature, type SignatureStart } from '../mou-backlog/days-to-signature.query';
import type { MonthPoint } from '../mou-backlog/month-ends';
import { GetMouBacklogSeries } from '../mou-backlog/mou-backlog-series.query';
import { GetMouBacklog } from '../mou-backlog/mou-backlog.query';
import { mouMilestonesProjection } from '../mou-backlog/mou-milestones.projection';
import { fullStatement, GetContributorStatement } from '../payables/contributor-statement.query';
import { GetPayables } from '../payables/payables.query';
import { payablesProjection } from '../payables/payables.projection';
import type { KnownAt } from '@coe/projection-engine';
import { ProjectionsContext } from '../projections.context';
import { type FigureChange, figureChanges } from './report-changes.diff';

export const CHANGED_REPORTS = [
  'mou-backlog',
  'mou-backlog-series',
  'days-to-signature',
  'payables',
  'cash-pool',
  'statement',
] as const;
export type ChangedReport = (typeof CHANGED_REPORTS)[number];

/** The report compared, and what it is asked for besides the instant (as its own route asks it). */
export type ReportSubject =
  | { report: 'mou-backlog' | 'payables' | 'cash-pool'; asOf: string }
  | { report: 'statement'; asOf: string; contributor: string }
  | { report: 'days-to-signature'; start: SignatureStart }
  | {
      report: 'mou-backlog-series';
      firstMonth: string;
      lastMonth: string;
      mission: string | null;
      points: MonthPoint[];
    };

/** The subject as the answer names it (the month ends of a series are its months, not repeated). */
export type SubjectAnswer =
  | Exclude<ReportSubject, { report: 'mou-backlog-series' }>
  | { report: 'mou-backlog-series'; firstMonth: string; lastMonth: string; mission: string | null };

/** An event recorded between the two instants that changed a row the report counts. */
export type MovingEvent = {
  source: string;
  globalPosition: string;
  recordedAt: string;
  /**
   * What it recorded: a claim certified (again, or an adjustment claim), a payment, an MOU milestone, a
   * fund's receipt, an inter-mission loan or its repayment, a payment run, a mission's status; and whose.
   */
  kind: 'claim' | 'payment' | 'mou' | 'receipt' | 'loan' | 'repayment' | 'payment-run' | 'mission-status';
  key: string;
};

export type ReportChanges = SubjectAnswer & {
  from: KnownAt;
  to: KnownAt;
  figures: FigureChange[];
  events: MovingEvent[];
};

export class GetReportChanges extends Query<ReportChanges> {
  constructor(
    readonly subject: ReportSubject,
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

// Row versions opened in (from, to], with the version each replaced (`previous`, a null row when none);
// `$1` from, `$2` to.
const opened = (table: string, key: string) => `
  select n.*, p as previous
  from ${table} n left join ${table} p on p.${key} = n.${key} and p.known_until_position = n.known_from_position
  where n.known_from > $1::timestamptz and n.known_from <= $2::timestamptz`;

// What an MOU row contributes to the backlog as of the date `d`: the same conditions as mou-backlog.sql.ts
const backlogState = (m: string, d: string) => `case
  when ${m}.mission is not null and (${m}.withdrawn_on is null or ${m}.withdrawn_on > ${d})
    and (${m}.deployed_on <= ${d} or ${m}.negotiation_opened_on <= ${d})
  then concat_ws('|', ${m}.mission, ${m}.deployed_on <= ${d},
    ${m}.repatriated_on is not null and ${m}.repatriated_on <= ${d},
    coalesce(${m}.fully_signed_on <= ${d}, false), ${m}.negotiation_opened_on <= ${d})
  else 'none' end`;

// What an MOU row contributes to days to signature: its year and days, as days-to-signature.query.ts counts
const signatureState = (m: string, start: SignatureStart) => {
  const from = start === 'deployment' ? `${m}.deployed_on` : `${m}.negotiation_opened_on`;
  const days =
    start === 'deployment'
      ? `greatest(${m}.fully_signed_on - ${m}.deployed_on, 0)`
      : `${m}.fully_signed_on - ${m}.negotiation_opened_on`;
  return `case when ${m}.fully_signed_on is not null and ${from} is not null
    then concat_ws('|', extract(year from ${m}.fully_signed_on), ${days}) else 'none' end`;
};

const columns = (kind: MovingEvent['kind'], key: string) =>
  `'${kind}' as kind, n.${key}::text as key, n.known_from_position as position, n.known_from as at`;

// The events of payables (and of the statement, `$4` its contributor): a claim certified as of `$3` (or one
// that was, before it was replaced), a payment made by then.
const payablesEvents = (t: Record<string, string>, contributor: boolean) => {
  const own = (alias: string) => (contributor ? `and ${alias}.contributor = $4` : '');
  return [
    `select ${columns('claim', 'claim_id')} from (${opened(t.claims!, 'claim_id')}) n
     where (n.certified_on <= $3::date ${own('n')}) or ((n.previous).certified_on <= $3::date ${own('(n.previous)')})`,
    `select ${columns('payment', 'payment_id')} from (${opened(t.payments!, 'payment_id')}) n
     where n.paid_on <= $3::date ${own('n')}`,
  ];
};

/**
 * A report as known at two instants, the figures that differ, and the events recorded in between that
 * changed what the report counts (a back-dated correction, a late signature, an adjustment claim, a
 * payment). An event that wrote several rows (a payment: payables' and the fund's) is named once.
 */
@QueryHandler(GetReportChanges)
export class GetReportChangesHandler implements IQueryHandler<GetReportChanges, ReportChanges> {
  constructor(
    private readonly context: ProjectionsContext,
    private readonly queries: QueryBus,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute({ subject, from, to }: GetReportChanges): Promise<ReportChanges> {
    const [before, after] = [await this.ask(subject, from), await this.ask(subject, to)];
    const { knownAt: fromAt, reflects: fromReflects } = before;
    const { knownAt: toAt, reflects: toReflects } = after;
    const { points: _, ...named } = subject as ReportSubject & { points?: unknown };
    return {
      ...(named as SubjectAnswer),
      from: { knownAt: fromAt, reflects: fromReflects },
      to: { knownAt: toAt, reflects: toReflects },
      figures: figureChanges(before, after),
      events: await this.moving(subject, from, to),
    };
  }

  private ask(subject: ReportSubject, knownAt: string): Promise<KnownAt> {
    switch (subject.report) {
      case 'payables':
        return this.queries.execute(new GetPayables(subject.asOf, null, knownAt));
      case 'mou-backlog':
        return this.queries.execute(new GetMouBacklog(subject.asOf, knownAt));
      case 'cash-pool':
        return this.queries.execute(new GetCashPool(subject.asOf, knownAt));
      case 'statement':
        // every claim and payment, in the statement's former shape: a page would hide what moved
        return this.queries
          .execute(new GetContributorStatement(subject.contributor, subject.asOf, knownAt))
          .then(fullStatement);
      case 'days-to-signature':
        return this.queries.execute(new GetDaysToSignature(subject.start, knownAt));
      case 'mou-backlog-series': {
        const { firstMonth, lastMonth, points, mission } = subject;
        return this.queries.execute(new GetMouBacklogSeries(firstMonth, lastMonth, points, mission, knownAt));
      }
    }
  }

  private async moving(subject: ReportSubject, from: string, to: string): Promise<MovingEvent[]> {
    // every query reads `$1` from, `$2` to, and what the report is asked for: `$3` (a business date, or the
    // month ends of a series) and `$4` (a contributor, or a mission)
    let parts: string[];
    let args: unknown[] = [];
    let source = 'reimbursement';
    switch (subject.report) {
      case 'payables':
      case 'statement': {
        const t = await this.context.versions.activeTables(payablesProjection);
        args = subject.report === 'statement' ? [subject.asOf, subject.contributor] : [subject.asOf];
        parts = payablesEvents(t, subject.report === 'statement');
        break;
      }
      case 'cash-pool': {
        // the fund movements by their business dates, the latest run's reserve, the missions' statuses,
        // and what the next run owes (payables)
        const t = await this.context.versions.activeTables(cashPoolProjection);
        args = [subject.asOf];
        parts = [
          ...payablesEvents(await this.context.versions.activeTables(payablesProjection), false),
          `select ${columns('receipt', 'mission')} from (${opened(t.fund_receipts, 'event_id')}) n
           where n.received_on <= $3::date`,
          `select ${columns('payment', 'payment_id')} from (${opened(t.fund_payments, 'payment_id')}) n
           where n.paid_on <= $3::date`,
          `select ${columns('loan', 'loan_id')} from (${opened(t.loans, 'loan_id')}) n where n.lent_on <= $3::date`,
          `select ${columns('repayment', 'loan_id')} from (${opened(t.loan_repayments, 'event_id')}) n
           where n.repaid_on <= $3::date`,
          `select ${columns('payment-run', 'run_id')} from (${opened(t.payment_runs, 'run_id')}) n
           where n.executed_on <= $3::date`,
          `select ${columns('mission-status', 'mission')} from (${opened(t.mission_statuses, 'event_id')}) n
           where n.effective_from <= $3::date`,
        ];
        break;
      }
      case 'mou-backlog': {
        const t = await this.context.versions.activeTables(mouMilestonesProjection);
        source = 'mou-negotiation';
        args = [subject.asOf];
        parts = [
          `select ${columns('mou', 'mou_id')} from (${opened(t.mous, 'mou_id')}) n
           where ${backlogState('n', '$3::date')} <> ${backlogState('(n.previous)', '$3::date')}`,
        ];
        break;
      }
      case 'mou-backlog-series': {
        // a version that changed the backlog at any of the month ends, in the mission asked (`$4`) if one
        const t = await this.context.versions.activeTables(mouMilestonesProjection);
        source = 'mou-negotiation';
        args = [subject.points.map((p) => p.asOf), subject.mission];
        parts = [
          `select ${columns('mou', 'mou_id')} from (${opened(t.mous, 'mou_id')}) n
           where ($4::text is null or n.mission = $4 or (n.previous).mission = $4)
             and exists (select 1 from unnest($3::date[]) d(as_of)
               where ${backlogState('n', 'd.as_of')} <> ${backlogState('(n.previous)', 'd.as_of')})`,
        ];
        break;
      }
      case 'days-to-signature': {
        const t = await this.context.versions.activeTables(mouMilestonesProjection);
        source = 'mou-negotiation';
        parts = [
          `select ${columns('mou', 'mou_id')} from (${opened(t.mous, 'mou_id')}) n
           where ${signatureState('n', subject.start)} <> ${signatureState('(n.previous)', subject.start)}`,
        ];
        break;
      }
    }
    const { rows } = await this.pool.query<Omit<MovingEvent, 'source'>>(
      `select kind, key, position::text as "globalPosition",
         to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "recordedAt"
       from (select distinct on (position) * from (${parts.join(' union all ')}) x order by position, kind) y
       order by position`,
      [from, to, ...args],
    );
    return rows.map((row) => ({ source, ...row }));
  }
}
