import { Clock, WritePath, decideAndAppend } from '@coe/event-store';
import { utcToday } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import { pledgeDecider, type RegisteredPledge } from '../pledge/pledge.decider';
import { pledgeStreamId, savePledge } from '../pledge/pledge.read-model';
import { type WriteContext, commandOptions } from '@coe/platform';
import { type SelectedUnit, unitDecider } from './unit.decider';
import { saveUnit, unitStreamId, unitView } from './unit.read-model';
import type { UnitWritten } from './unit.handlers';

export type Selection = { unitId: string; pledgeId: string; mission: string; selectedOn: string };

/**
 * Selecting a pledge for a mission. The pledge decides first (`PledgeSelected`: L2 or higher, not
 * withdrawn, never twice), then the new unit stream records the contract event `UnitSelected` from the
 * pledge as it stood; both streams and both read rows commit in one transaction. If-Match, when sent,
 * names the pledge's version, since the unit does not exist yet.
 */
export class SelectUnitCommand extends Command<UnitWritten> {
  constructor(
    readonly selection: Selection,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(SelectUnitCommand)
export class SelectUnitCommandHandler implements ICommandHandler<SelectUnitCommand, UnitWritten> {
  constructor(
    private readonly writes: WritePath,
    private readonly tables: ReadTables,
    private readonly clock: Clock,
  ) {}

  async execute({ selection, write }: SelectUnitCommand): Promise<UnitWritten> {
    const today = utcToday(this.clock.now());
    const { schema } = this.tables;
    const { unitId, pledgeId, mission, selectedOn } = selection;
    const { saved } = await this.writes.decide(
      pledgeStreamId(pledgeId),
      { type: 'SelectPledge', data: selection, today },
      pledgeDecider,
      commandOptions(write),
      async ({ tx, store }, pledgeResult) => {
        const pledge = pledgeResult.newState as RegisteredPledge;
        const { contributor, unitName, unitType, personnel } = pledge;
        const unitResult = await decideAndAppend(
          store,
          unitStreamId(unitId),
          {
            type: 'SelectUnit',
            data: {
              unitId,
              pledge: { pledgeId, contributor, unitName, unitType, personnel },
              mission,
              selectedOn,
            },
            today,
          },
          unitDecider,
          // The unit's event follows the pledge's in the request's event-id sequence; no If-Match on a new stream.
          commandOptions({ ...write, expectedVersion: undefined }, pledgeResult.newEvents.length),
        );
        const unit = unitView(unitResult.newState as SelectedUnit);
        await savePledge(tx, schema, pledge, pledgeResult.nextExpectedVersion);
        await saveUnit(tx, schema, unit, unitResult.nextExpectedVersion);
        return { unit, version: unitResult.nextExpectedVersion };
      },
    );
    return saved!;
  }
}
