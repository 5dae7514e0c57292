import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionsContext } from '../projections.context';
import type { MonthPoint } from './month-ends';
import { mouMilestonesProjection } from './mou-milestones.projection';
import { type BacklogCounts, backlogCounts, countedMous } from './mou-backlog.sql';
import { heldAt, type KnownAt, reflectedAt } from '@coe/projection-engine';

export type BacklogPoint = MonthPoint & BacklogCounts;
export type MouBacklogSeries = {
  from: string;
  to: string;
  mission: string | null;
  points: BacklogPoint[];
} & KnownAt;

export class GetMouBacklogSeries extends Query<MouBacklogSeries> {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly points: MonthPoint[],
    readonly mission: string | null,
    readonly knownAt: string,
  ) {
    super();
  }
}

/** The month-end backlog, one point a month (a chart's line), in one query. */
@QueryHandler(GetMouBacklogSeries)
export class GetMouBacklogSeriesHandler implements IQueryHandler<GetMouBacklogSeries, MouBacklogSeries> {
  constructor(
    private readonly context: ProjectionsContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute({ from, to, points, mission, knownAt }: GetMouBacklogSeries): Promise<MouBacklogSeries> {
    const { mous } = await this.context.versions.activeTables(mouMilestonesProjection);
    // the answer and what it reflects at once: one round trip less to wait for
    const [{ rows }, reflected] = await Promise.all([
      this.pool.query<BacklogCounts & { asOf: string }>(
        `select to_char(p.as_of, 'YYYY-MM-DD') as "asOf", ${backlogCounts('p.as_of')}
       from unnest($1::date[]) as p(as_of)
       left join ${mous} m on ${countedMous('p.as_of')} and ($2::text is null or m.mission = $2)
         and ${heldAt('m', '$3')}
       group by p.as_of`,
        [points.map((p) => p.asOf), mission, knownAt],
      ),
      reflectedAt(this.pool, 'mou-negotiation', [mous], knownAt),
    ]);
    const byDate = new Map(rows.map((r) => [r.asOf, r]));
    return {
      from,
      to,
      mission,
      points: points.map((point) => {
        const counts = byDate.get(point.asOf);
        return {
          ...point,
          deployedUnits: counts?.deployedUnits ?? 0,
          pendingSignature: counts?.pendingSignature ?? 0,
          pendingSignatureBeforeDeployment: counts?.pendingSignatureBeforeDeployment ?? 0,
        };
      }),
      ...reflected,
    };
  }
}
