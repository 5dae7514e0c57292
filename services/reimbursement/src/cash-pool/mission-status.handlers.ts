import { type EventStore, decideAndAppend, foldStream } from '@coe/event-store';
import { type WriteContext, commandOptions } from '@coe/platform';
import {
  Command,
  CommandHandler,
  type ICommandHandler,
  IQueryHandler,
  Query,
  QueryHandler,
} from '@nestjs/cqrs';
import { ReimbursementDatabase } from '../shared/reimbursement.database';
import { type MissionStatusHistory, missionStatusDecider, statusOn } from './mission-status.decider';
import { type MissionStatus, missionStatusStream } from './mission-status.events';

export type MissionStatusView = {
  mission: string;
  asOf: string;
  status: MissionStatus;
  history: MissionStatusHistory;
};

/** A mission's recorded statuses, oldest first, from its stream. */
export const missionStatusHistory = async (
  store: Pick<EventStore, 'readStream'>,
  mission: string,
): Promise<MissionStatusHistory> =>
  foldStream(missionStatusDecider, await store.readStream(missionStatusStream(mission)));

export class RecordMissionStatusCommand extends Command<{ recorded: boolean; streamVersion: bigint }> {
  constructor(
    readonly data: { mission: string; status: MissionStatus; effectiveFrom: string },
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordMissionStatusCommand)
export class RecordMissionStatusHandler implements ICommandHandler<RecordMissionStatusCommand> {
  constructor(private readonly db: ReimbursementDatabase) {}

  execute({ data, write }: RecordMissionStatusCommand) {
    return this.db.write(
      async ({ store }) => {
        const result = await decideAndAppend(
          store,
          missionStatusStream(data.mission),
          { type: 'RecordMissionStatus', data: { ...data, recordedBy: write.metadata.actor.sub } },
          missionStatusDecider,
          commandOptions(write),
        );
        return { recorded: result.newEvents.length > 0, streamVersion: result.nextExpectedVersion };
      },
      // a status changes which funds a run may pool: one at a time with runs and assessments
      { cashLock: true },
    );
  }
}

export class MissionStatusQuery extends Query<MissionStatusView & { streamVersion: bigint }> {
  constructor(
    readonly mission: string,
    readonly asOf: string,
  ) {
    super();
  }
}

@QueryHandler(MissionStatusQuery)
export class MissionStatusQueryHandler implements IQueryHandler<MissionStatusQuery> {
  constructor(private readonly db: ReimbursementDatabase) {}

  async execute({ mission, asOf }: MissionStatusQuery) {
    const history = await missionStatusHistory(this.db.store, mission);
    return { mission, asOf, status: statusOn(history, asOf), history, streamVersion: BigInt(history.length) };
  }
}
