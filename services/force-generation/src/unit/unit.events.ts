import type { DomainEvent } from '@coe/event-store';
import type { AttachedDocument, UnitDeployed, UnitRepatriated, UnitSelected } from '@coe/contracts';

// UnitSelected, UnitDeployed and UnitRepatriated are public (libs/contracts): stored exactly in that shape.

export type UnitPreDeploymentVisitRecorded = { unitId: string; visitedOn: string; findings: string | null };

/** The COE arrival inspection; `late` when held after `dueBy` (one calendar month after arrival). */
export type UnitArrivalInspected = {
  unitId: string;
  inspectedOn: string;
  dueBy: string;
  late: boolean;
  /** The inspection report as signed, say; absent when none. */
  documents?: AttachedDocument[];
};

/** A contingent rotation; `standardDueOn` is 12 months after arrival or the previous rotation. */
export type UnitRotated = { unitId: string; rotation: number; rotatedOn: string; standardDueOn: string };

export type UnitRepatriationInspected = {
  unitId: string;
  inspectedOn: string;
  documents?: AttachedDocument[];
};

export type UnitEvent =
  | DomainEvent<'UnitSelected', UnitSelected>
  | DomainEvent<'UnitPreDeploymentVisitRecorded', UnitPreDeploymentVisitRecorded>
  | DomainEvent<'UnitDeployed', UnitDeployed>
  | DomainEvent<'UnitArrivalInspected', UnitArrivalInspected>
  | DomainEvent<'UnitRotated', UnitRotated>
  | DomainEvent<'UnitRepatriated', UnitRepatriated>
  | DomainEvent<'UnitRepatriationInspected', UnitRepatriationInspected>;
