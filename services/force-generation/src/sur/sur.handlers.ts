import { Clock, WritePath } from '@coe/event-store';
import { utcToday } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import { type WithoutToday, type WriteContext, commandOptions } from '@coe/platform';
import type { SurCommand } from './sur.commands';
import { type IssuedSur, surDecider } from './sur.decider';
import { type SurView, saveSur, surStreamId, surView } from './sur.read-model';

export type SurWritten = { sur: SurView; version: bigint };

/** Issue, revise or vary a SUR: the events and the `surs` row commit together. */
export class HandleSurCommand extends Command<SurWritten> {
  constructor(
    readonly command: WithoutToday<SurCommand>,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(HandleSurCommand)
export class HandleSurCommandHandler implements ICommandHandler<HandleSurCommand, SurWritten> {
  constructor(
    private readonly writes: WritePath,
    private readonly tables: ReadTables,
    private readonly clock: Clock,
  ) {}

  async execute({ command, write }: HandleSurCommand): Promise<SurWritten> {
    const today = utcToday(this.clock.now());
    const { schema } = this.tables;
    const result = await this.writes.decide(
      surStreamId(command.data.surId),
      { ...command, today } as SurCommand,
      surDecider,
      commandOptions(write),
      ({ tx }, { newState, nextExpectedVersion }) =>
        saveSur(tx, schema, surView(newState as IssuedSur), nextExpectedVersion),
    );
    return { sur: surView(result.newState as IssuedSur), version: result.nextExpectedVersion };
  }
}
