import { Clock, WritePath } from '@coe/event-store';
import { utcToday } from '@coe/platform';
import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import { type WithoutToday, type WriteContext, commandOptions } from '@coe/platform';
import { findSur } from '../sur/sur.read-model';
import type {
  PledgeCommand,
  RecordAssessmentVisit,
  RecordRdlVerificationVisit,
  RegisterPledge,
  SurToAlignWith,
  WithdrawPledge,
} from './pledge.commands';
import { type RegisteredPledge, pledgeDecider } from './pledge.decider';
import { PledgeError } from './pledge.errors';
import type { PledgeLevel } from './pledge.events';
import { type PledgeView, findLikelyDuplicates, pledgeStreamId, savePledge } from './pledge.read-model';

export type PledgeWritten = { pledge: PledgeView; version: bigint };

/** A new pledge (L1); `confirmDuplicate` registers it even when it looks like one already recorded. */
export class RegisterPledgeCommand extends Command<PledgeWritten> {
  constructor(
    readonly data: RegisterPledge['data'],
    readonly confirmDuplicate: boolean,
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

/** The pledge's one write, shared by its handlers: the events and the `pledges` row commit together. */
@Injectable()
export class PledgeWrite {
  constructor(
    private readonly writes: WritePath,
    private readonly tables: ReadTables,
    private readonly clock: Clock,
  ) {}

  async run(command: WithoutToday<PledgeCommand>, write: WriteContext): Promise<PledgeWritten> {
    const { schema } = this.tables;
    const result = await this.writes.decide(
      pledgeStreamId(command.data.pledgeId),
      { ...command, today: utcToday(this.clock.now()) } as PledgeCommand,
      pledgeDecider,
      commandOptions(write),
      ({ tx }, { newState, nextExpectedVersion }) =>
        savePledge(tx, schema, newState as RegisteredPledge, nextExpectedVersion),
    );
    return { pledge: result.newState as RegisteredPledge, version: result.nextExpectedVersion };
  }
}

@CommandHandler(ElevatePledgeCommand)
export class ElevatePledgeCommandHandler implements ICommandHandler<ElevatePledgeCommand, PledgeWritten> {
  constructor(
    private readonly tables: ReadTables,
    private readonly pledge: PledgeWrite,
  ) {}

  async execute({ request, write }: ElevatePledgeCommand): Promise<PledgeWritten> {
    const { sur: named, ...data } = request;
    const sur = named === null ? null : await this.surToAlignWith(named.surId, named.surVersion);
    return this.pledge.run({ type: 'ElevatePledge', data: { ...data, sur } }, write);
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

// The same note verbale entered twice once made two pledges for one unit: a registration that looks
// like an earlier one (same contributor, unit and date) is refused unless the clerk confirms it.
@CommandHandler(RegisterPledgeCommand)
export class RegisterPledgeCommandHandler implements ICommandHandler<RegisterPledgeCommand, PledgeWritten> {
  constructor(
    private readonly writes: WritePath,
    private readonly tables: ReadTables,
    private readonly clock: Clock,
  ) {}

  async execute({ data, confirmDuplicate, write }: RegisterPledgeCommand): Promise<PledgeWritten> {
    const { schema } = this.tables;
    const command: PledgeCommand = { type: 'RegisterPledge', data, today: utcToday(this.clock.now()) };
    const result = await this.writes.decide(
      pledgeStreamId(data.pledgeId),
      command,
      pledgeDecider,
      commandOptions(write),
      async ({ tx }, { newState, nextExpectedVersion }) => {
        const pledge = newState as RegisteredPledge;
        const earlier = confirmDuplicate ? [] : await findLikelyDuplicates(tx, schema, pledge);
        if (earlier.length > 0) {
          throw new PledgeError(
            'PLEDGE_LIKELY_DUPLICATE',
            `${pledge.contributor} already pledged ${pledge.unitName} with a note verbale of ${pledge.noteVerbaleOn} ` +
              `(pledge ${earlier.join(', ')}). Send confirmDuplicate: true to register another one.`,
            { duplicateOf: earlier },
          );
        }
        await savePledge(tx, schema, pledge, nextExpectedVersion);
      },
    );
    return { pledge: result.newState as RegisteredPledge, version: result.nextExpectedVersion };
  }
}

/** An assessment and advisory visit (AAV) to the pledged unit. */
export class RecordAssessmentVisitCommand extends Command<PledgeWritten> {
  constructor(
    readonly data: RecordAssessmentVisit['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordAssessmentVisitCommand)
export class RecordAssessmentVisitHandler
  implements ICommandHandler<RecordAssessmentVisitCommand, PledgeWritten>
{
  constructor(private readonly pledge: PledgeWrite) {}

  execute({ data, write }: RecordAssessmentVisitCommand): Promise<PledgeWritten> {
    return this.pledge.run({ type: 'RecordAssessmentVisit', data }, write);
  }
}

/** A rapid-deployment-level verification visit to the pledged unit. */
export class RecordRdlVerificationVisitCommand extends Command<PledgeWritten> {
  constructor(
    readonly data: RecordRdlVerificationVisit['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordRdlVerificationVisitCommand)
export class RecordRdlVerificationVisitHandler
  implements ICommandHandler<RecordRdlVerificationVisitCommand, PledgeWritten>
{
  constructor(private readonly pledge: PledgeWrite) {}

  execute({ data, write }: RecordRdlVerificationVisitCommand): Promise<PledgeWritten> {
    return this.pledge.run({ type: 'RecordRdlVerificationVisit', data }, write);
  }
}

/** The contributor withdraws the pledge before it is selected. */
export class WithdrawPledgeCommand extends Command<PledgeWritten> {
  constructor(
    readonly data: WithdrawPledge['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(WithdrawPledgeCommand)
export class WithdrawPledgeHandler implements ICommandHandler<WithdrawPledgeCommand, PledgeWritten> {
  constructor(private readonly pledge: PledgeWrite) {}

  execute({ data, write }: WithdrawPledgeCommand): Promise<PledgeWritten> {
    return this.pledge.run({ type: 'WithdrawPledge', data }, write);
  }
}
