import { Clock, EventStore, handleCommandInTransaction } from '@coe/event-store';
import { utcToday } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import { type WithoutToday, type WriteContext, commandOptions } from '@coe/platform';
import type { UnitCommand } from './unit.commands';
import { type SelectedUnit, unitDecider } from './unit.decider';
import { type UnitView, saveUnit, unitStreamId, unitView } from './unit.read-model';

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
    private readonly store: EventStore,
    private readonly tables: ReadTables,
    private readonly clock: Clock,
  ) {}

  async execute({ command, write }: HandleUnitCommand): Promise<UnitWritten> {
    const { pool, schema } = this.tables;
    const result = await handleCommandInTransaction(
      pool,
      this.store,
      unitStreamId(command.data.unitId),
      { ...command, today: utcToday(this.clock.now()) } as UnitCommand,
      unitDecider,
      commandOptions(write),
      (tx, { newState, nextExpectedVersion }) =>
        saveUnit(tx, schema, unitView(newState as SelectedUnit), nextExpectedVersion),
    );
    return { unit: unitView(result.newState as SelectedUnit), version: result.nextExpectedVersion };
  }
}
