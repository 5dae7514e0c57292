import { DocumentStore, InjectPool, withStoredDocuments } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { InjectMouSchema } from '../mou-negotiation.options';
import { type WriteContext, commandOptions, newAggregateId } from '@coe/platform';
import type {
  CloseMou,
  DraftMou,
  ProposeMouTerms,
  SendMouToPermanentMission,
  SignMou,
  WithdrawMou,
} from './mou.commands';
import { MouError } from './mou.errors';
import { nextMouRef, refMatches } from './mou.refs';
import { withMissionFactorBound } from './mou.settings';
import { type MouWritten, MouWriter } from './mou.writer';

/** A party's negotiation round on the draft; the handler adds the configured mission-factor bound. */
export class ProposeMouTermsCommand extends Command<MouWritten> {
  constructor(
    readonly data: Omit<ProposeMouTerms['data'], 'missionFactorMaxPct'>,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(ProposeMouTermsCommand)
export class ProposeMouTermsHandler implements ICommandHandler<ProposeMouTermsCommand, MouWritten> {
  constructor(
    private readonly writer: MouWriter,
    @InjectPool() private readonly pool: Pool,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  async execute({ data, write }: ProposeMouTermsCommand): Promise<MouWritten> {
    const bounded = await withMissionFactorBound(this.pool, this.schema, data);
    return this.writer.run(bounded.mouId, { type: 'ProposeMouTerms', data: bounded }, commandOptions(write));
  }
}

/** The draft went to the Permanent Mission; the handler looks up the documents it names. */
export class SendMouToPermanentMissionCommand extends Command<MouWritten> {
  constructor(
    readonly data: Omit<SendMouToPermanentMission['data'], 'storedDocuments'>,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(SendMouToPermanentMissionCommand)
export class SendMouToPermanentMissionHandler
  implements ICommandHandler<SendMouToPermanentMissionCommand, MouWritten>
{
  constructor(
    private readonly writer: MouWriter,
    private readonly documents: DocumentStore,
  ) {}

  async execute({ data, write }: SendMouToPermanentMissionCommand): Promise<MouWritten> {
    const documented = await withStoredDocuments(this.documents, data);
    return this.writer.run(
      documented.mouId,
      { type: 'SendMouToPermanentMission', data: documented },
      commandOptions(write),
    );
  }
}

/** A party signs the MOU; the handler looks up the documents it names. */
export class SignMouCommand extends Command<MouWritten> {
  constructor(
    readonly data: Omit<SignMou['data'], 'storedDocuments'>,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(SignMouCommand)
export class SignMouHandler implements ICommandHandler<SignMouCommand, MouWritten> {
  constructor(
    private readonly writer: MouWriter,
    private readonly documents: DocumentStore,
  ) {}

  async execute({ data, write }: SignMouCommand): Promise<MouWritten> {
    const documented = await withStoredDocuments(this.documents, data);
    return this.writer.run(documented.mouId, { type: 'SignMou', data: documented }, commandOptions(write));
  }
}

/** The MOU is withdrawn before it enters into force. */
export class WithdrawMouCommand extends Command<MouWritten> {
  constructor(
    readonly data: WithdrawMou['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(WithdrawMouCommand)
export class WithdrawMouHandler implements ICommandHandler<WithdrawMouCommand, MouWritten> {
  constructor(private readonly writer: MouWriter) {}

  execute({ data, write }: WithdrawMouCommand): Promise<MouWritten> {
    return this.writer.run(data.mouId, { type: 'WithdrawMou', data }, commandOptions(write));
  }
}

/** The MOU is closed after its unit was repatriated. */
export class CloseMouCommand extends Command<MouWritten> {
  constructor(
    readonly data: CloseMou['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(CloseMouCommand)
export class CloseMouHandler implements ICommandHandler<CloseMouCommand, MouWritten> {
  constructor(private readonly writer: MouWriter) {}

  execute({ data, write }: CloseMouCommand): Promise<MouWritten> {
    return this.writer.run(data.mouId, { type: 'CloseMou', data }, commandOptions(write));
  }
}

export type DraftInput = Omit<DraftMou['data'], 'mouId' | 'mouRef' | 'unitId'> & {
  mouRef?: string;
  unitId?: string;
};

/** A clerk drafts an MOU: with the reference given, or the next free one of the mission and contributor. */
export class DraftMouCommand extends Command<MouWritten> {
  constructor(
    readonly draft: DraftInput,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(DraftMouCommand)
export class DraftMouCommandHandler implements ICommandHandler<DraftMouCommand, MouWritten> {
  constructor(
    private readonly writer: MouWriter,
    @InjectPool() private readonly pool: Pool,
    @InjectMouSchema() private readonly schema: string,
  ) {}

  async execute({ draft, write }: DraftMouCommand): Promise<MouWritten> {
    const { mission, contributor } = draft;
    if (draft.mouRef !== undefined && !refMatches(draft.mouRef, mission, contributor)) {
      throw new MouError(
        'MOU_REF_MISMATCH',
        `An MOU of ${mission} with ${contributor} is DOS/${mission}/${contributor}/<nn>.`,
      );
    }
    const mouRef = draft.mouRef ?? (await nextMouRef(this.pool, this.schema, mission, contributor));
    const mouId = newAggregateId(write);
    // the unique indexes of the read table settle a race; these reads give the common case a clear answer
    const { rows } = await this.pool.query<{ mou_id: string; taken: string }>(
      `select mou_id, case when mou_ref = $1 then 'ref' else 'unit' end as taken from ${this.schema}.mous
        where mou_id <> $3 and (mou_ref = $1 or (unit_id = $2 and status <> 'withdrawn'))`,
      [mouRef, draft.unitId ?? null, mouId],
    );
    if (rows.some((row) => row.taken === 'ref'))
      throw new MouError('MOU_REF_TAKEN', `${mouRef} is already used.`);
    if (rows.length > 0)
      throw new MouError('UNIT_ALREADY_HAS_MOU', `Unit ${draft.unitId} already has an MOU.`);
    return this.writer.run(
      mouId,
      { type: 'DraftMou', data: { ...draft, mouId, mouRef, unitId: draft.unitId ?? null } },
      commandOptions(write),
    );
  }
}
