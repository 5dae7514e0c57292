import { type Actor, InjectPool, assertSameContributor, contributorScope } from '@coe/platform';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { InjectMouSchema } from '../mou-negotiation.options';
import { MouError } from './mou.errors';
import type { MouDetail, MouHistoryEntry, MouView } from './mou.read-model';
import type { MouStatus } from './mou.state';

export type MouFilters = {
  mission?: string;
  contributor?: string;
  status?: MouStatus;
  mouRef?: string;
  unitId?: string;
};
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

export class ListMousQuery extends Query<Page<MouView>> {
  constructor(
    readonly filters: MouFilters,
    readonly page: { page: number; pageSize: number },
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListMousQuery)
export class ListMousQueryHandler implements IQueryHandler<ListMousQuery, Page<MouView>> {
  constructor(
    @InjectPool() private readonly pool: Pool,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  async execute({ filters, page, actor }: ListMousQuery): Promise<Page<MouView>> {
    // a contributor representative sees their own contributor's MOUs, and asking for others' is refused
    const contributor = filters.contributor ?? contributorScope(actor);
    assertSameContributor(actor, contributor);
    const filterList: [string, string | undefined][] = [
      ['mission', filters.mission],
      ['contributor', contributor],
      ['status', filters.status],
      ['mou_ref', filters.mouRef],
      ['unit_id', filters.unitId],
    ];
    const given = filterList.filter((filter): filter is [string, string] => filter[1] !== undefined);
    const where =
      given.length === 0 ? 'true' : given.map(([column], i) => `${column} = $${i + 1}`).join(' and ');
    const params = given.map(([, value]) => value);
    const n = params.length;
    const { rows } = await this.pool.query<{ state: MouView; total: string }>(
      `select state, count(*) over () as total from ${this.schema}.mous where ${where}
        order by seq limit $${n + 1} offset $${n + 2}`,
      [...params, page.pageSize, (page.page - 1) * page.pageSize],
    );
    let total = Number(rows[0]?.total ?? 0);
    if (rows.length === 0 && page.page > 1) {
      const count = await this.pool.query<{ total: string }>(
        `select count(*) as total from ${this.schema}.mous where ${where}`,
        params,
      );
      total = Number(count.rows[0]?.total ?? 0);
    }
    return { items: rows.map((row) => row.state), page: page.page, pageSize: page.pageSize, total };
  }
}

export class GetMouQuery extends Query<MouDetail> {
  constructor(
    readonly mouId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetMouQuery)
export class GetMouQueryHandler implements IQueryHandler<GetMouQuery, MouDetail> {
  constructor(
    @InjectPool() private readonly pool: Pool,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  async execute({ mouId, actor }: GetMouQuery): Promise<MouDetail> {
    const { rows } = await this.pool.query<{ state: MouView }>(
      `select state from ${this.schema}.mous where mou_id = $1`,
      [mouId],
    );
    const mou = rows[0]?.state;
    assertSameContributor(actor, mou?.contributor);
    if (!mou) throw new MouError('MOU_NOT_FOUND', `No MOU ${mouId}.`);
    const history = await this.pool.query<MouHistoryEntry>(
      `select h.stream_version::int as version, h.event_type as type,
              to_char(h.effective_on, 'YYYY-MM-DD') as "effectiveOn", h.recorded_at as "recordedAt", h.actor,
              coalesce((select jsonb_agg(jsonb_build_object('sha256', d.sha256, 'title', d.title, 'kind', d.kind,
                                  'mediaType', d.media_type, 'size', d.size) order by d.position)
                          from ${this.schema}.mou_documents d
                         where d.mou_id = h.mou_id and d.stream_version = h.stream_version), '[]') as documents
         from ${this.schema}.mou_history h where h.mou_id = $1 order by h.stream_version`,
      [mouId],
    );
    return {
      ...mou,
      history: history.rows.map((row) => ({ ...row, recordedAt: new Date(row.recordedAt).toISOString() })),
    };
  }
}
