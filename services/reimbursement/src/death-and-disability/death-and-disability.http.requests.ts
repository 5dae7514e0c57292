import { IsBusinessDate, IsIso3, IsMissionCode } from '@coe/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { PageQuery } from '../shared/pagination';
import { IsPercent } from '../shared/validators';

export class RecordDeathAndDisabilityCaseRequest {
  @ApiProperty({ example: 'MINUSMA' }) @IsMissionCode() mission!: string;
  @ApiProperty({ example: 'BGD' }) @IsIso3() contributor!: string;

  @ApiPropertyOptional({ description: 'The MOU (unit) of the person, when known.' })
  @IsOptional()
  @Matches(/^[\w.:-]{1,200}$/)
  mouId?: string;

  @ApiPropertyOptional({ example: 'BANBAT-1' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  unit?: string;

  @ApiProperty({
    example: 'BA-100234',
    description:
      'The contributor’s reference of the person (service or case number), never a name: capital letters, digits, . and -, 2–32 characters. One case per person.',
  })
  @Matches(/^[A-Z0-9][A-Z0-9.-]{1,31}$/)
  personRef!: string;

  @ApiProperty({ example: '2019-02-11' }) @IsBusinessDate() incidentOn!: string;

  @ApiProperty({ enum: ['death', 'disability'] })
  @IsIn(['death', 'disability'])
  type!: 'death' | 'disability';

  @ApiPropertyOptional({ example: '40.00', description: 'Degree of disability (%); only for a disability.' })
  @ValidateIf((o: RecordDeathAndDisabilityCaseRequest) => o.degreePct !== undefined)
  @IsPercent()
  degreePct?: string;

  @ApiProperty({ example: '2019-03-01' }) @IsBusinessDate() recordedOn!: string;
}

export class CertifyDeathAndDisabilityCaseRequest {
  @ApiProperty({ example: '2019-03-10' }) @IsBusinessDate() certifiedOn!: string;
}

export class DeathAndDisabilityCasesQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'MINUSMA' }) @IsOptional() @IsMissionCode() mission?: string;
  @ApiPropertyOptional({ example: 'BGD' }) @IsOptional() @IsIso3() contributor?: string;

  @ApiPropertyOptional({ enum: ['recorded', 'certified'] })
  @IsOptional()
  @IsIn(['recorded', 'certified'])
  status?: string;
}
