import { Clock, EventStore, handleCommandInTransaction } from '@coe/event-store';
import { utcToday } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import { type WithoutToday, type WriteContext, commandOptions } from '@coe/platform';
import { findSur } from '../sur/sur.read-model';
import type { PledgeCommand, SurToAlignWith } from './pledge.commands';
import { type RegisteredPledge, pledgeDecider } from './pledge.decider';
import { PledgeError } from './pledge.errors';
import type { PledgeLevel } from './pledge.events';
import { type PledgeView, pledgeStreamId, savePledge } from './pledge.read-model';

export type PledgeWritten = { pledge: PledgeView; version: bigint };

/** Register, visit, elevate or withdraw a pledge: the events and the `pledges` row commit together. */
export class HandlePledgeCommand extends Command<PledgeWritten> {
  constructor(
    readonly command: WithoutToday<PledgeCommand>,
    readonly write: WriteContext,
  ) {
    super();
  }
}

export type ElevationRequest = {
  pledgeId: string;
  level: PledgeLevel;
  elevatedOn: string;
  sur: { surId: string; surVersion: number } | null;
};

/** A level change; the SUR it names (for L3) is looked up in the service's own SUR table first. */
export class ElevatePledgeCommand extends Command<PledgeWritten> {
  constructor(
    readonly request: ElevationRequest,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(HandlePledgeCommand)
export class HandlePledgeCommandHandler implements ICommandHandler<HandlePledgeCommand, PledgeWritten> {
  constructor(
    private readonly store: EventStore,
    private readonly tables: ReadTables,
    private readonly clock: Clock,
  ) {}

  async execute({ command, write }: HandlePledgeCommand): Promise<PledgeWritten> {
    const { pool, schema } = this.tables;
    const result = await handleCommandInTransaction(
      pool,
      this.store,
      pledgeStreamId(command.data.pledgeId),
      { ...command, today: utcToday(this.clock.now()) } as PledgeCommand,
      pledgeDecider,
      commandOptions(write),
      (tx, { newState, nextExpectedVersion }) =>
        savePledge(tx, schema, newState as RegisteredPledge, nextExpectedVersion),
    );
    return { pledge: result.newState as RegisteredPledge, version: result.nextExpectedVersion };
  }
}

@CommandHandler(ElevatePledgeCommand)
export class ElevatePledgeCommandHandler implements ICommandHandler<ElevatePledgeCommand, PledgeWritten> {
  constructor(
    private readonly tables: ReadTables,
    private readonly inner: HandlePledgeCommandHandler,
  ) {}

  async execute({ request, write }: ElevatePledgeCommand): Promise<PledgeWritten> {
    const { sur: named, ...data } = request;
    const sur = named === null ? null : await this.surToAlignWith(named.surId, named.surVersion);
    return this.inner.execute(
      new HandlePledgeCommand({ type: 'ElevatePledge', data: { ...data, sur } }, write),
    );
  }

  // SUR versions are never changed once issued, so reading them before the pledge's transaction is safe.
  private async surToAlignWith(surId: string, surVersion: number): Promise<SurToAlignWith> {
    const found = await findSur(this.tables.pool, this.tables.schema, surId);
    const version = found?.view.versions.find((v) => v.version === surVersion);
    if (!found || !version) {
      throw new PledgeError('PLEDGE_SUR_NOT_FOUND', `No version ${surVersion} of SUR ${surId}.`);
    }
    return { surId, surVersion, unitType: found.view.unitType, versionOn: version.datedOn };
  }
}
