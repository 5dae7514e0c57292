import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectPool } from '@coe/platform';
import type { Pool } from 'pg';
import { ProjectionsContext } from '../projections.context';
import { mouMilestonesProjection } from './mou-milestones.projection';
import { type BacklogCounts, backlogCounts, countedMous } from './mou-backlog.sql';
import { heldAt, type KnownAt, reflectedAt } from '@coe/projection-engine';

export type MouBacklog = BacklogCounts & {
  asOf: string;
  byMission: (BacklogCounts & { mission: string })[];
} & KnownAt;

export class GetMouBacklog extends Query<MouBacklog> {
  /** `knownAt`: RFC 3339; the answer counts only the events recorded up to it. */
  constructor(
    readonly asOf: string,
    readonly knownAt: string,
  ) {
    super();
  }
}

@QueryHandler(GetMouBacklog)
export class GetMouBacklogHandler implements IQueryHandler<GetMouBacklog, MouBacklog> {
  constructor(
    private readonly context: ProjectionsContext,
    @InjectPool() private readonly pool: Pool,
  ) {}

  async execute({ asOf, knownAt }: GetMouBacklog): Promise<MouBacklog> {
    const { mous } = await this.context.versions.activeTables(mouMilestonesProjection);
    // the answer and what it reflects at once: one round trip less to wait for
    const [{ rows }, reflected] = await Promise.all([
      this.pool.query<BacklogCounts & { mission: string }>(
        `select m.mission, ${backlogCounts('$1::date')}
       from ${mous} m where ${countedMous('$1::date')} and ${heldAt('m', '$2')}
       group by m.mission`,
        [asOf, knownAt],
      ),
      reflectedAt(this.pool, 'mou-negotiation', [mous], knownAt),
    ]);
    const byMission = rows
      .filter((r) => r.deployedUnits + r.pendingSignature + r.pendingSignatureBeforeDeployment > 0)
      .sort((a, b) => (a.mission < b.mission ? -1 : a.mission > b.mission ? 1 : 0));
    const total = (pick: (r: BacklogCounts) => number) => byMission.reduce((sum, r) => sum + pick(r), 0);
    return {
      asOf,
      deployedUnits: total((r) => r.deployedUnits),
      pendingSignature: total((r) => r.pendingSignature),
      pendingSignatureBeforeDeployment: total((r) => r.pendingSignatureBeforeDeployment),
      byMission: byMission.map((r) => ({
        mission: r.mission,
        deployedUnits: r.deployedUnits,
        pendingSignature: r.pendingSignature,
        pendingSignatureBeforeDeployment: r.pendingSignatureBeforeDeployment,
      })),
      ...reflected,
    };
  }
}
