import { IsBusinessDate } from '@coe/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsPercent } from '../shared/validators';
import type { PremiumKind } from './premium.events';

export class GrantPremiumRequest {
  @ApiProperty({ enum: ['risk', 'key-enabler'], description: 'Resolution 67/261 premium.' })
  @IsIn(['risk', 'key-enabler'])
  kind!: PremiumKind;

  @ApiProperty({ example: '10.00', description: 'Percentage of the unit’s personnel reimbursement.' })
  @IsPercent()
  pct!: string;

  @ApiProperty({ example: '2019-04-11', description: 'First service day covered.' })
  @IsBusinessDate({ allowFuture: true })
  fromOn!: string;

  @ApiProperty({ example: '2019-12-31', description: 'Last service day covered.' })
  @IsBusinessDate({ allowFuture: true })
  toOn!: string;

  @ApiProperty({ example: '2019-04-05' })
  @IsBusinessDate()
  grantedOn!: string;

  @ApiProperty({ example: 'DOS/UCSD/2019/041', description: 'The decision granting the premium.' })
  @IsString()
  @Length(1, 200)
  reference!: string;
}
