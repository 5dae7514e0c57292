import { Clock, WritePath } from '@coe/event-store';
import { utcToday } from '@coe/platform';
import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import { type WithoutToday, type WriteContext, commandOptions } from '@coe/platform';
import type { AgreeSurVariation, IssueSur, ReviseSur, SurCommand } from './sur.commands';
import { type IssuedSur, surDecider } from './sur.decider';
import { type SurView, saveSur, surStreamId, surView } from './sur.read-model';

export type SurWritten = { sur: SurView; version: bigint };

/** The SUR's one write, shared by its handlers: the events and the `surs` row commit together. */
@Injectable()
export class SurWrite {
  constructor(
    private readonly writes: WritePath,
    private readonly tables: ReadTables,
    private readonly clock: Clock,
  ) {}

  async run(command: WithoutToday<SurCommand>, write: WriteContext): Promise<SurWritten> {
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

/** A new SUR for a unit type in a mission (version 1). */
export class IssueSurCommand extends Command<SurWritten> {
  constructor(
    readonly data: IssueSur['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(IssueSurCommand)
export class IssueSurHandler implements ICommandHandler<IssueSurCommand, SurWritten> {
  constructor(private readonly sur: SurWrite) {}

  execute({ data, write }: IssueSurCommand): Promise<SurWritten> {
    return this.sur.run({ type: 'IssueSur', data }, write);
  }
}

/** The requirements restated in full as the next version. */
export class ReviseSurCommand extends Command<SurWritten> {
  constructor(
    readonly data: ReviseSur['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(ReviseSurCommand)
export class ReviseSurHandler implements ICommandHandler<ReviseSurCommand, SurWritten> {
  constructor(private readonly sur: SurWrite) {}

  execute({ data, write }: ReviseSurCommand): Promise<SurWritten> {
    return this.sur.run({ type: 'ReviseSur', data }, write);
  }
}

/** A variation agreed with one contributor, with its reason. */
export class AgreeSurVariationCommand extends Command<SurWritten> {
  constructor(
    readonly data: AgreeSurVariation['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(AgreeSurVariationCommand)
export class AgreeSurVariationHandler implements ICommandHandler<AgreeSurVariationCommand, SurWritten> {
  constructor(private readonly sur: SurWrite) {}

  execute({ data, write }: AgreeSurVariationCommand): Promise<SurWritten> {
    return this.sur.run({ type: 'AgreeSurVariation', data }, write);
  }
}
