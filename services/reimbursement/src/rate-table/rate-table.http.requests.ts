import { IsBusinessDate, IsMoneyAmount } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsPercent } from '../shared/validators';
import type { DeductionBasis, LeaseType, PartMonthRule, SignatureRule } from './rate-table.events';

export class RateTableVersionRequest {
  @ApiProperty({
    example: '2022-07-01',
    description: 'First service date the version applies to (may be future).',
  })
  @IsBusinessDate({ allowFuture: true })
  effectiveFrom!: string;

  @ApiProperty({ example: '2022-06-30', description: 'When the rates were issued; not after today.' })
  @IsBusinessDate()
  issuedOn!: string;
}

export class PersonnelRatesRequest extends RateTableVersionRequest {
  @ApiProperty({ example: '1448.00', description: 'USD per person per month.' })
  @IsMoneyAmount()
  ratePerPersonMonthUsd!: string;
}

export class EquipmentRateItem {
  @ApiProperty({
    example: 'armoured-personnel-carrier',
    description: 'A major-equipment code of GET /v1/reference/coe-codes, exactly as listed.',
  })
  @IsString()
  @Length(1, 200)
  category!: string;
  @ApiProperty({
    example: 'apc-wheeled',
    description: 'An item code listed under the line’s category in `items` of GET /v1/reference/coe-codes, exactly (422 UNKNOWN_ITEM otherwise).'
  })
  @IsString()
  @Length(1, 200)
  item!: string;
  @ApiProperty({ enum: ['wet', 'dry'] }) @IsIn(['wet', 'dry']) lease!: LeaseType;
  @ApiProperty({ example: '9500.00' }) @IsMoneyAmount() monthlyRateUsd!: string;
}

export class MajorEquipmentRatesRequest extends RateTableVersionRequest {
  @ApiProperty({ type: [EquipmentRateItem] })
  @ValidateNested({ each: true })
  @Type(() => EquipmentRateItem)
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  items!: EquipmentRateItem[];
}

export class SelfSustainmentRate {
  @ApiProperty({
    example: 'catering',
    description: 'A self-sustainment code of GET /v1/reference/coe-codes, exactly as listed.',
  })
  @IsString()
  @Length(1, 200)
  category!: string;
  @ApiProperty({ example: '30.12' }) @IsMoneyAmount() ratePerPersonMonthUsd!: string;
}

export class SelfSustainmentRatesRequest extends RateTableVersionRequest {
  @ApiProperty({ type: [SelfSustainmentRate] })
  @ValidateNested({ each: true })
  @Type(() => SelfSustainmentRate)
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  categories!: SelfSustainmentRate[];
}

export class MissionFactorsVersionRequest extends RateTableVersionRequest {
  @ApiProperty({ example: '2.60' }) @IsPercent() extremeEnvironmentPct!: string;
  @ApiProperty({ example: '3.00' }) @IsPercent() intensifiedOperationalConditionPct!: string;
  @ApiProperty({ example: '4.10' }) @IsPercent() hostileActionPct!: string;
}

export class DeductionThresholdRequest extends RateTableVersionRequest {
  @ApiProperty({
    example: '10.00',
    description: 'Resolution 67/261: share of major equipment that may be missing.',
  })
  @IsPercent()
  thresholdPct!: string;

  @ApiPropertyOptional({
    enum: ['whole-shortfall', 'excess-over-threshold'],
    description:
      'Personnel × the whole shortfall (default), or × only its part above the threshold; the public sources read as the whole.',
  })
  @IsOptional()
  @IsIn(['whole-shortfall', 'excess-over-threshold'])
  basis?: DeductionBasis;
}

export class DeductionExemptionsRequest extends RateTableVersionRequest {
  @ApiProperty({ description: 'Unserviceable dry-lease items (the UN repairs them) are not counted.' })
  @IsBoolean()
  dryLeaseUnserviceable!: boolean;

  @ApiProperty({ description: 'Items lost through a recorded hostile-action incident are not counted.' })
  @IsBoolean()
  hostileActionLoss!: boolean;

  @ApiProperty({ description: 'Items the UN asked not to deploy are not counted.' })
  @IsBoolean()
  notDeployedAtUnRequest!: boolean;
}

export class MissionFactorCapsRequest extends RateTableVersionRequest {
  @ApiProperty({ example: '5.00' }) @IsPercent() extremeEnvironmentPct!: string;
  @ApiProperty({ example: '5.00' }) @IsPercent() intensifiedOperationalConditionPct!: string;
  @ApiProperty({ example: '5.00' }) @IsPercent() hostileActionPct!: string;
}

export class IncrementalTransportRuleRequest extends RateTableVersionRequest {
  @ApiProperty({ example: '0.25', description: 'Percentage per whole step.' })
  @IsPercent()
  pctPerStep!: string;
  @ApiProperty({ example: 800 }) @IsInt() @Min(1) @Max(100000) stepKm!: number;
  @ApiProperty({ example: 800, description: 'Distance from the port of embarkation that adds nothing.' })
  @IsInt()
  @Min(0)
  @Max(100000)
  freeKm!: number;
  @ApiProperty() @IsBoolean() appliesToMajorEquipment!: boolean;
  @ApiProperty() @IsBoolean() appliesToSelfSustainment!: boolean;
}

export class IncrementalTransportRequest extends RateTableVersionRequest {
  @ApiPropertyOptional({
    example: 2500,
    description:
      'Distance from the port of embarkation along the main supply route; required unless `pct` is given (which then wins).',
  })
  @ValidateIf((r: IncrementalTransportRequest) => r.pct === undefined)
  @IsInt()
  @Min(0)
  @Max(100000)
  distanceKm?: number;

  @ApiPropertyOptional({
    example: '0.50',
    description: 'A percentage set by the MOU terms or a finance officer.',
  })
  @ValidateIf((r: IncrementalTransportRequest) => r.distanceKm === undefined)
  @IsPercent()
  pct?: string;
}

export class SelfSustainmentPartialRequest extends RateTableVersionRequest {
  @ApiProperty({ example: '50.00', description: 'Share of a category’s rate paid when provided in part.' })
  @IsPercent()
  paidPct!: string;
}

export class PartMonthRuleRequest extends RateTableVersionRequest {
  @ApiProperty({ enum: ['calendar-days', 'thirty-day-month'] })
  @IsIn(['calendar-days', 'thirty-day-month'])
  rule!: PartMonthRule;
}

export class CashPoolSettingsRequest extends RateTableVersionRequest {
  @ApiProperty({ description: 'Resolution 73/307: active missions’ cash is managed as a pool.' })
  @IsBoolean()
  pooled!: boolean;

  @ApiProperty({
    example: '5.00',
    description: 'Share of the cash a payment run keeps as operating reserve.',
  })
  @IsPercent()
  operatingReservePct!: string;

  @ApiPropertyOptional({
    description:
      'Whether a mission in the `closing` status still lends and borrows in the pool (resolution 73/307 pools ' +
      '"active" missions and leaves closing ones open). Absent: it does not.',
  })
  @IsOptional()
  @IsBoolean()
  closingMissionsPool?: boolean;
}

export class ClaimEligibilityRequest extends RateTableVersionRequest {
  @ApiProperty({
    enum: ['paid', 'withheld'],
    description: 'Troop costs for service before the MOU is signed.',
  })
  @IsIn(['paid', 'withheld'])
  personnelBeforeSignature!: SignatureRule;

  @ApiProperty({
    enum: ['paid', 'withheld'],
    description: 'Major equipment and self-sustainment for service before the MOU is signed.',
  })
  @IsIn(['paid', 'withheld'])
  equipmentBeforeSignature!: SignatureRule;
}

export class PremiumCapsRequest extends RateTableVersionRequest {
  @ApiProperty({
    example: '10.00',
    description: 'Resolution 67/261: highest risk premium, % of personnel pay.',
  })
  @IsPercent()
  riskMaxPct!: string;

  @ApiProperty({ example: '15.00', description: 'Resolution 67/261: highest key-enabler premium, %.' })
  @IsPercent()
  keyEnablerMaxPct!: string;
}

export class DeathAndDisabilityRatesRequest extends RateTableVersionRequest {
  @ApiProperty({
    example: '70000.00',
    description: 'Standard amount for a death; a disability is paid as its degree (%) of it.',
  })
  @IsMoneyAmount()
  standardAmountUsd!: string;
}

export class HostileActionThresholdRequest extends RateTableVersionRequest {
  @ApiProperty({
    example: '250000.00',
    description: 'Resolution 50/222: total GFMV of one incident’s losses from which the UN is liable.',
  })
  @IsMoneyAmount()
  thresholdUsd!: string;
}
