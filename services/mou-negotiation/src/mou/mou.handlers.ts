import { DocumentStore, InjectPool, withStoredDocuments } from '@coe/platform';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { InjectMouSchema } from '../mou-negotiation.options';
import { type WriteContext, commandOptions, newAggregateId } from '@coe/platform';
import type { DraftMou, MouCommand } from './mou.commands';
import { MouError } from './mou.errors';
import { nextMouRef, refMatches } from './mou.refs';
import { missionFactorMaxPct } from './mou.settings';
import { type MouWritten, MouWriter } from './mou.writer';

type WithoutBound<C> = C extends { data: infer D }
  ? Omit<C, 'data'> & { data: Omit<D, 'missionFactorMaxPct' | 'storedDocuments'> }
  : never;

/**
 * A decider command as a controller builds it; the handler adds the configured mission-factor bound
 * and what the document store holds of the documents it names.
 */
export type MouCommandInput = WithoutBound<Exclude<MouCommand, DraftMou>>;

export class HandleMouCommand extends Command<MouWritten> {
  constructor(
    readonly command: MouCommandInput,
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(HandleMouCommand)
export class HandleMouCommandHandler implements ICommandHandler<HandleMouCommand, MouWritten> {
  constructor(
    private readonly writer: MouWriter,
    @InjectPool() private readonly pool: Pool,
    @InjectMouSchema() private readonly schema: string,
    private readonly documents: DocumentStore,
  ) {}

  async execute({ command, write }: HandleMouCommand): Promise<MouWritten> {
    const data: Record<string, unknown> = await withStoredDocuments(this.documents, { ...command.data });
    if ('changes' in command.data)
      data.missionFactorMaxPct = await missionFactorMaxPct(this.pool, this.schema);
    const full = { ...command, data } as MouCommand;
    return this.writer.run(command.data.mouId, full, commandOptions(write));
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
