import { Clock, WritePath } from '@coe/event-store';
import { DocumentStore, utcToday, withStoredDocuments } from '@coe/platform';
import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReadTables } from '../force-generation.read-tables';
import { type WithoutToday, type WriteContext, commandOptions } from '@coe/platform';
import type {
  DeployUnit,
  RecordArrivalInspection,
  RecordPreDeploymentVisit,
  RecordRepatriationInspection,
  RepatriateUnit,
  RotateUnit,
  UnitCommand,
} from './unit.commands';
import { type SelectedUnit, unitDecider } from './unit.decider';
import { type UnitView, saveUnit, saveUnitDocuments, unitStreamId, unitView } from './unit.read-model';

export type UnitWritten = { unit: UnitView; version: bigint };

/** A milestone of a selected unit as its handler builds it; the write adds today's date. */
type UnitMilestone = WithoutToday<
  | RecordPreDeploymentVisit
  | DeployUnit
  | RecordArrivalInspection
  | RotateUnit
  | RepatriateUnit
  | RecordRepatriationInspection
>;

/** The unit's one write, shared by its handlers: the events and the `units` row commit together. */
@Injectable()
export class UnitWrite {
  constructor(
    private readonly writes: WritePath,
    private readonly tables: ReadTables,
    private readonly clock: Clock,
    private readonly documents: DocumentStore,
  ) {}

  async run(command: UnitMilestone, write: WriteContext): Promise<UnitWritten> {
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

/** A pre-deployment visit to the unit, with its findings. */
export class RecordPreDeploymentVisitCommand extends Command<UnitWritten> {
  constructor(
    readonly data: RecordPreDeploymentVisit['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordPreDeploymentVisitCommand)
export class RecordPreDeploymentVisitHandler
  implements ICommandHandler<RecordPreDeploymentVisitCommand, UnitWritten>
{
  constructor(private readonly unit: UnitWrite) {}

  execute({ data, write }: RecordPreDeploymentVisitCommand): Promise<UnitWritten> {
    return this.unit.run({ type: 'RecordPreDeploymentVisit', data }, write);
  }
}

/** The unit deployed to the mission area. */
export class DeployUnitCommand extends Command<UnitWritten> {
  constructor(
    readonly data: DeployUnit['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(DeployUnitCommand)
export class DeployUnitHandler implements ICommandHandler<DeployUnitCommand, UnitWritten> {
  constructor(private readonly unit: UnitWrite) {}

  execute({ data, write }: DeployUnitCommand): Promise<UnitWritten> {
    return this.unit.run({ type: 'DeployUnit', data }, write);
  }
}

/** The unit's arrival inspection, with the documents it names. */
export class RecordArrivalInspectionCommand extends Command<UnitWritten> {
  constructor(
    readonly data: RecordArrivalInspection['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordArrivalInspectionCommand)
export class RecordArrivalInspectionHandler
  implements ICommandHandler<RecordArrivalInspectionCommand, UnitWritten>
{
  constructor(private readonly unit: UnitWrite) {}

  execute({ data, write }: RecordArrivalInspectionCommand): Promise<UnitWritten> {
    return this.unit.run({ type: 'RecordArrivalInspection', data }, write);
  }
}

/** The unit rotated its personnel. */
export class RotateUnitCommand extends Command<UnitWritten> {
  constructor(
    readonly data: RotateUnit['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RotateUnitCommand)
export class RotateUnitHandler implements ICommandHandler<RotateUnitCommand, UnitWritten> {
  constructor(private readonly unit: UnitWrite) {}

  execute({ data, write }: RotateUnitCommand): Promise<UnitWritten> {
    return this.unit.run({ type: 'RotateUnit', data }, write);
  }
}

/** The unit left the mission area. */
export class RepatriateUnitCommand extends Command<UnitWritten> {
  constructor(
    readonly data: RepatriateUnit['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RepatriateUnitCommand)
export class RepatriateUnitHandler implements ICommandHandler<RepatriateUnitCommand, UnitWritten> {
  constructor(private readonly unit: UnitWrite) {}

  execute({ data, write }: RepatriateUnitCommand): Promise<UnitWritten> {
    return this.unit.run({ type: 'RepatriateUnit', data }, write);
  }
}

/** The unit's repatriation inspection, with the documents it names. */
export class RecordRepatriationInspectionCommand extends Command<UnitWritten> {
  constructor(
    readonly data: RecordRepatriationInspection['data'],
    readonly write: WriteContext,
  ) {
    super();
  }
}

@CommandHandler(RecordRepatriationInspectionCommand)
export class RecordRepatriationInspectionHandler
  implements ICommandHandler<RecordRepatriationInspectionCommand, UnitWritten>
{
  constructor(private readonly unit: UnitWrite) {}

  execute({ data, write }: RecordRepatriationInspectionCommand): Promise<UnitWritten> {
    return this.unit.run({ type: 'RecordRepatriationInspection', data }, write);
  }
}
