import { InjectPool, type WriteContext, commandOptions } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { InjectMouSchema } from '../mou-negotiation.options';
import type {
  ProposeMouAmendment,
  ProposeMouAmendmentTerms,
  SignMouAmendment,
  WithdrawMouAmendment,
} from './mou.commands';
import { withMissionFactorBound } from './mou.settings';
import { type MouWritten, MouWriter } from './mou.writer';

/** An amendment of an MOU in force; the handler adds the configured mission-factor bound. */
export class ProposeMouAmendmentCommand extends Command<MouWritten> {
  constructor(
    readonly data: Omit<ProposeMouAmendment['data'], 'missionFactorMaxPct'>,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(ProposeMouAmendmentCommand)
export class ProposeMouAmendmentHandler implements ICommandHandler<ProposeMouAmendmentCommand, MouWritten> {
  constructor(
    private readonly writer: MouWriter,
    @InjectPool() private readonly pool: Pool,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  async execute({ data, write }: ProposeMouAmendmentCommand): Promise<MouWritten> {
    const bounded = await withMissionFactorBound(this.pool, this.schema, data);
    return this.writer.run(
      bounded.mouId,
      { type: 'ProposeMouAmendment', data: bounded },
      commandOptions(write),
    );
  }
}

/** A negotiation round on an amendment; the handler adds the configured mission-factor bound. */
export class ProposeMouAmendmentTermsCommand extends Command<MouWritten> {
  constructor(
    readonly data: Omit<ProposeMouAmendmentTerms['data'], 'missionFactorMaxPct'>,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(ProposeMouAmendmentTermsCommand)
export class ProposeMouAmendmentTermsHandler
  implements ICommandHandler<ProposeMouAmendmentTermsCommand, MouWritten>
{
  constructor(
    private readonly writer: MouWriter,
    @InjectPool() private readonly pool: Pool,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  async execute({ data, write }: ProposeMouAmendmentTermsCommand): Promise<MouWritten> {
    const bounded = await withMissionFactorBound(this.pool, this.schema, data);
    return this.writer.run(
      bounded.mouId,
      { type: 'ProposeMouAmendmentTerms', data: bounded },
      commandOptions(write),
    );
  }
}

/** A party signs an amendment; the second signature puts the next annex version in force. */
export class SignMouAmendmentCommand extends Command<MouWritten> {
  constructor(
    readonly data: SignMouAmendment['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(SignMouAmendmentCommand)
export class SignMouAmendmentHandler implements ICommandHandler<SignMouAmendmentCommand, MouWritten> {
  constructor(private readonly writer: MouWriter) {}

  execute({ data, write }: SignMouAmendmentCommand): Promise<MouWritten> {
    return this.writer.run(data.mouId, { type: 'SignMouAmendment', data }, commandOptions(write));
  }
}

/** An amendment under negotiation is withdrawn; the terms in force stay. */
export class WithdrawMouAmendmentCommand extends Command<MouWritten> {
  constructor(
    readonly data: WithdrawMouAmendment['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(WithdrawMouAmendmentCommand)
export class WithdrawMouAmendmentHandler implements ICommandHandler<WithdrawMouAmendmentCommand, MouWritten> {
  constructor(private readonly writer: MouWriter) {}

  execute({ data, write }: WithdrawMouAmendmentCommand): Promise<MouWritten> {
    return this.writer.run(data.mouId, { type: 'WithdrawMouAmendment', data }, commandOptions(write));
  }
}
