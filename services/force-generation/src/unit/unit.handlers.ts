import { Clock, WritePath } from '@coe/event-store';
import { DocumentStore, utcToday, withStoredDocuments } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import { type WithoutToday, type WriteContext, commandOptions } from '@coe/platform';
import type { UnitCommand } from './unit.commands';
import { type SelectedUnit, unitDecider } from './unit.decider';
import { type UnitView, saveUnit, saveUnitDocuments, unitStreamId, unitView } from './unit.read-model';

export type UnitWritten = { unit: UnitView; version: bigint };

/** A milestone of a selected unit: the events and the `units` row commit together. */
export class HandleUnitCommand extends Command<UnitWritten> {
  constructor(
    readonly command: WithoutToday<Exclude<UnitCommand, { type: 'SelectUnit' }>>,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(HandleUnitCommand)
export class HandleUnitCommandHandler implements ICommandHandler<HandleUnitCommand, UnitWritten> {
  constructor(
    private readonly writes: WritePath,
    private readonly tables: ReadTables,
    private readonly clock: Clock,
    private readonly documents: DocumentStore,
  ) {}

  async execute({ command, write }: HandleUnitCommand): Promise<UnitWritten> {
    const { schema } = this.tables;
    const data = await withStoredDocuments(this.documents, command.data);
    const result = await this.writes.decide(
      unitStreamId(command.data.unitId),
      { ...command, data, today: utcToday(this.clock.now()) } as UnitCommand,
      unitDecider,
      commandOptions(write),
      async ({ tx }, { newState, newEvents, nextExpectedVersion }) => {
        await saveUnit(tx, schema, unitView(newState as SelectedUnit), nextExpectedVersion);
        await saveUnitDocuments(tx, schema, command.data.unitId, newEvents);
      },
    );
    return { unit: unitView(result.newState as SelectedUnit), version: result.nextExpectedVersion };
  }
}
