import { UNIT_TYPES, type UnitType } from '@coe/contracts';
import { ApiProperty } from '@nestjs/swagger';
import type { UnitStatus } from './unit.decider';
import { UNIT_STATUSES } from './unit.http.requests';
import type { UnitMou } from './unit.mou.projection';
import type { UnitDetail, UnitHistoryEntry } from './unit.queries';
import type { UnitView } from './unit.read-model';

export class PreDeploymentVisitResponse {
  @ApiProperty({ example: '2019-06-10' }) visitedOn!: string;
  @ApiProperty({ nullable: true, example: 'Ready to deploy; two generators short' }) findings!: string | null;
}

export class ArrivalInspectionResponse {
  @ApiProperty({ example: '2019-07-20' }) inspectedOn!: string;
  @ApiProperty({ example: '2019-08-01', description: 'One calendar month after arrival' }) dueBy!: string;
  @ApiProperty({ description: 'Held after dueBy: accepted, and flagged' }) late!: boolean;
}

export class RotationResponse {
  @ApiProperty({ example: 1 }) rotation!: number;
  @ApiProperty({ example: '2020-06-20' }) rotatedOn!: string;
  @ApiProperty({ example: '2020-07-01', description: '12 months after arrival or the previous rotation' })
  standardDueOn!: string;
}

export class UnitResponse implements UnitView {
  @ApiProperty({ enum: UNIT_STATUSES }) status!: UnitStatus;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) pledgeId!: string;
  @ApiProperty({ example: 'MINUSMA' }) mission!: string;
  @ApiProperty({ example: 'BGD' }) contributor!: string;
  @ApiProperty({ example: 'BANBAT-1' }) unitName!: string;
  @ApiProperty({ enum: UNIT_TYPES }) unitType!: UnitType;
  @ApiProperty({ example: 850 }) personnel!: number;
  @ApiProperty({ example: '2019-04-15' }) selectedOn!: string;
  @ApiProperty({ type: [String], description: 'Dates of the pre-deployment visits', example: ['2019-05-20'] })
  preDeploymentVisits!: string[];
  @ApiProperty({
    type: () => [PreDeploymentVisitResponse],
    description: 'The pre-deployment visits with their findings',
  })
  preDeploymentVisitFindings!: PreDeploymentVisitResponse[];
  @ApiProperty({ nullable: true, example: '2019-07-01' }) deployedOn!: string | null;
  @ApiProperty({ type: ArrivalInspectionResponse, nullable: true })
  arrivalInspection!: ArrivalInspectionResponse | null;
  @ApiProperty({ type: [RotationResponse] }) rotations!: RotationResponse[];
  @ApiProperty({ nullable: true, example: null }) repatriatedOn!: string | null;
  @ApiProperty({ nullable: true, example: null }) repatriationInspectedOn!: string | null;
  @ApiProperty({
    nullable: true,
    example: '2020-07-01',
    description: 'While deployed: the standard rotation date',
  })
  nextRotationDueOn!: string | null;
}

export class UnitHistoryActorResponse {
  @ApiProperty({ example: 'clerk-1' }) sub!: string;
  @ApiProperty({ type: [String], example: ['mou-clerk'] }) roles!: string[];
}

export class UnitHistoryEntryResponse implements UnitHistoryEntry {
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ example: 'UnitDeployed' }) type!: string;
  @ApiProperty({ nullable: true, example: '2019-07-01', description: 'Business date' }) effectiveOn!:
    | string
    | null;
  @ApiProperty({
    format: 'date-time',
    description: 'When it was recorded',
    example: '2019-05-02T09:30:00.000Z',
  })
  recordedAt!: string;
  @ApiProperty({ type: UnitHistoryActorResponse }) actor!: UnitHistoryActorResponse;
}

export class UnitMouResponse implements UnitMou {
  @ApiProperty({ format: 'uuid', example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }) mouId!: string;
  @ApiProperty({ example: 'DOS/MINUSMA/BGD/03' }) mouRef!: string;
  @ApiProperty({ enum: ['negotiating', 'in-force', 'withdrawn', 'closed'] }) status!: UnitMou['status'];
  @ApiProperty({ example: '2019-04-16' }) negotiationOpenedOn!: string;
  @ApiProperty({ nullable: true, example: '2019-05-02' }) signedByContributorOn!: string | null;
  @ApiProperty({ nullable: true, example: '2019-05-20' }) signedByUnOn!: string | null;
  @ApiProperty({ nullable: true, example: '2019-05-20' }) inForceOn!: string | null;
}

export class UnitDetailResponse extends UnitResponse implements UnitDetail {
  @ApiProperty({
    type: [UnitMouResponse],
    description:
      "The unit's MOUs, oldest first, as mou-negotiation published them (shortly after each change): " +
      'details at GET /v1/mous/{mouId}.',
  })
  mous!: UnitMouResponse[];
  @ApiProperty({ type: [UnitHistoryEntryResponse] }) history!: UnitHistoryEntryResponse[];
}

export class UnitPageResponse {
  @ApiProperty({ type: [UnitResponse] }) items!: UnitResponse[];
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
  @ApiProperty({ example: 1 }) total!: number;
}
