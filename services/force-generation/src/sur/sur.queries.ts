import { type Actor, contributorScope } from '@coe/platform';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import type { Page, PageRequest } from '../shared/pagination';
import { SurError } from './sur.errors';
import { type SurView, findSur, listSurs } from './sur.read-model';

// A SUR is published to every contributor; the variations agreed with others are not theirs to read.
const visibleTo = (actor: Actor, view: SurView): SurView => {
  const scope = contributorScope(actor);
  return scope === undefined
    ? view
    : { ...view, variations: view.variations.filter((v) => v.contributor === scope) };
};

export class GetSurQuery extends Query<{ sur: SurView; version: bigint }> {
  constructor(
    readonly surId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetSurQuery)
export class GetSurQueryHandler implements IQueryHandler<GetSurQuery> {
  constructor(private readonly tables: ReadTables) {}

  async execute({ surId, actor }: GetSurQuery): Promise<{ sur: SurView; version: bigint }> {
    const found = await findSur(this.tables.pool, this.tables.schema, surId);
    if (!found) throw new SurError('SUR_NOT_FOUND', `No SUR ${surId}.`);
    return { sur: visibleTo(actor, found.view), version: found.streamVersion };
  }
}

export class ListSursQuery extends Query<Page<SurView>> {
  constructor(
    readonly filter: { mission?: string; unitType?: string },
    readonly page: PageRequest,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListSursQuery)
export class ListSursQueryHandler implements IQueryHandler<ListSursQuery> {
  constructor(private readonly tables: ReadTables) {}

  async execute({ filter, page, actor }: ListSursQuery): Promise<Page<SurView>> {
    const found = await listSurs(this.tables.pool, this.tables.schema, filter, page);
    return { ...found, items: found.items.map((view) => visibleTo(actor, view)) };
  }
}
