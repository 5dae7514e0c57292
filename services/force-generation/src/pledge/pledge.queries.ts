import { type Actor, assertSameContributor, contributorScope } from '@coe/platform';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import type { Page, PageRequest } from '../shared/pagination';
import { PledgeError } from './pledge.errors';
import { type PledgeFilter, type PledgeView, findPledge, listPledges } from './pledge.read-model';

export class GetPledgeQuery extends Query<{ pledge: PledgeView; version: bigint }> {
  constructor(
    readonly pledgeId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetPledgeQuery)
export class GetPledgeQueryHandler implements IQueryHandler<GetPledgeQuery> {
  constructor(private readonly tables: ReadTables) {}

  async execute({ pledgeId, actor }: GetPledgeQuery): Promise<{ pledge: PledgeView; version: bigint }> {
    const found = await findPledge(this.tables.pool, this.tables.schema, pledgeId);
    assertSameContributor(actor, found?.pledge.contributor);
    if (!found) throw new PledgeError('PLEDGE_NOT_FOUND', `No pledge ${pledgeId}.`);
    return { pledge: found.pledge, version: found.streamVersion };
  }
}

export class ListPledgesQuery extends Query<Page<PledgeView>> {
  constructor(
    readonly filter: PledgeFilter,
    readonly page: PageRequest,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListPledgesQuery)
export class ListPledgesQueryHandler implements IQueryHandler<ListPledgesQuery> {
  constructor(private readonly tables: ReadTables) {}

  execute({ filter, page, actor }: ListPledgesQuery): Promise<Page<PledgeView>> {
    // A contributor representative asking for another contributor gets 403; without a filter, their own.
    if (filter.contributor !== undefined) assertSameContributor(actor, filter.contributor);
    const contributor = filter.contributor ?? contributorScope(actor);
    return listPledges(this.tables.pool, this.tables.schema, { ...filter, contributor }, page);
  }
}
