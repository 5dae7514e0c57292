import { EventStore } from '@coe/event-store';
import { type Actor, assertSameContributor, contributorScope } from '@coe/platform';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import type { Page, PageRequest } from '../shared/pagination';
import { UnitError } from './unit.errors';
import { type UnitMou, findUnitMous } from './unit.mou.projection';
import { type UnitFilter, type UnitView, findUnit, listUnits, unitStreamId } from './unit.read-model';

/** One line of a unit's history: what happened, when (business date), when it was recorded, by whom. */
export type UnitHistoryEntry = {
  version: number;
  type: string;
  effectiveOn: string | null;
  recordedAt: string;
  actor: { sub: string; roles: string[] };
};

export type UnitDetail = UnitView & { mous: UnitMou[]; history: UnitHistoryEntry[] };

export class GetUnitQuery extends Query<{ unit: UnitDetail; version: bigint }> {
  constructor(
    readonly unitId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetUnitQuery)
export class GetUnitQueryHandler implements IQueryHandler<GetUnitQuery> {
  constructor(
    private readonly tables: ReadTables,
    private readonly store: EventStore,
  ) {}

  async execute({ unitId, actor }: GetUnitQuery): Promise<{ unit: UnitDetail; version: bigint }> {
    const found = await findUnit(this.tables.pool, this.tables.schema, unitId);
    assertSameContributor(actor, found?.unit.contributor);
    if (!found) throw new UnitError('UNIT_NOT_FOUND', `No unit ${unitId}.`);
    const events = await this.store.readStream(unitStreamId(unitId), { toVersion: found.streamVersion });
    const history = events.map((event) => ({
      version: Number(event.streamVersion),
      type: event.type,
      effectiveOn: event.effectiveOn,
      recordedAt: event.recordedAt.toISOString(),
      actor: { sub: event.metadata.actor.sub, roles: event.metadata.actor.roles },
    }));
    const mous = await findUnitMous(this.tables.pool, this.tables.schema, unitId);
    return { unit: { ...found.unit, mous, history }, version: found.streamVersion };
  }
}

export class ListUnitsQuery extends Query<Page<UnitView>> {
  constructor(
    readonly filter: UnitFilter,
    readonly page: PageRequest,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(ListUnitsQuery)
export class ListUnitsQueryHandler implements IQueryHandler<ListUnitsQuery> {
  constructor(private readonly tables: ReadTables) {}

  execute({ filter, page, actor }: ListUnitsQuery): Promise<Page<UnitView>> {
    // A contributor representative asking for another contributor gets 403; without a filter, their own.
    if (filter.contributor !== undefined) assertSameContributor(actor, filter.contributor);
    const contributor = filter.contributor ?? contributorScope(actor);
    return listUnits(this.tables.pool, this.tables.schema, { ...filter, contributor }, page);
  }
}
