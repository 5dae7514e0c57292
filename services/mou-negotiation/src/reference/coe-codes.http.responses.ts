import { ApiProperty } from '@nestjs/swagger';

class CoeCodeResponse {
  @ApiProperty({
    example: 'catering',
    description: 'What MOU annexes, rate tables and reports carry, exactly.',
  })
  code!: string;

  @ApiProperty({ example: 'Catering' }) en!: string;
  @ApiProperty({ example: 'Restauration' }) fr!: string;
}

class CoeItemResponse extends CoeCodeResponse {
  @ApiProperty({ example: 'armoured-personnel-carrier', description: 'The major-equipment category code.' })
  category!: string;
}

export class CoeCodesResponse {
  @ApiProperty({ example: 'COE Manual 2020' }) edition!: string;
  @ApiProperty({ example: '2020-07-01' }) effectiveFrom!: string;

  @ApiProperty({ example: 'COE Manual (A/75/121), chapter 8' })
  source!: string;

  @ApiProperty({
    type: [CoeCodeResponse],
    description: 'Annex C categories (a rate per person per month each).',
    example: [
      { code: 'catering', en: 'Catering', fr: 'Restauration' },
      { code: 'medical-level-1', en: 'Medical: level 1', fr: 'Soins médicaux : niveau 1' },
    ],
  })
  selfSustainment!: CoeCodeResponse[];

  @ApiProperty({
    type: [CoeCodeResponse],
    description: 'Annex B categories (each line names one, with its item).',
    example: [
      {
        code: 'armoured-personnel-carrier',
        en: 'Armoured personnel carriers',
        fr: 'Véhicules blindés de transport de troupes',
      },
    ],
  })
  majorEquipment!: CoeCodeResponse[];

  @ApiProperty({
    example: 'Project working list (not yet the COE Manual’s chapter 8 annex A list; see coe-codes.ts)',
    description: 'Where `items` comes from.',
  })
  itemsSource!: string;

  @ApiProperty({
    type: [CoeItemResponse],
    description:
      'Major-equipment items, each under its category code: an annex B line, a major-equipment rate, a SUR requirement or an item lost names one of its category (422 UNKNOWN_ITEM otherwise).',
    example: [
      {
        category: 'armoured-personnel-carrier',
        code: 'apc-wheeled',
        en: 'Armoured personnel carrier, wheeled',
        fr: 'Véhicule blindé de transport de troupes, à roues',
      },
    ],
  })
  items!: CoeItemResponse[];
}
