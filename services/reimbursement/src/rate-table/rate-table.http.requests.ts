import { IsBusinessDate, IsMoneyAmount } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  ValidateNested,
} from 'class-validator';
import { IsPercent } from '../shared/validators';
import type { LeaseType, PartMonthRule } from './rate-table.events';

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
  @ApiProperty({ example: 'APC' }) @IsString() @Length(1, 200) category!: string;
  @ApiProperty({ example: 'Wheeled APC, Class II' }) @IsString() @Length(1, 200) item!: string;
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
  @ApiProperty({ example: 'catering' }) @IsString() @Length(1, 200) category!: string;
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
