import { CsvBody, type ImportResult, Roles } from '@coe/platform';
import { Controller, HttpCode, HttpStatus, Post, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { MouNegotiationProblemFilter } from '../mou-negotiation.http.errors';
import { Write, type WriteContext } from '@coe/platform';
import { ImportMouRegisterCommand } from './register-import.handler';

class RejectedRowResponse {
  @ApiProperty({ description: 'The line of the file; the header is line 1' }) line!: number;
  @ApiProperty({ description: "The row's mou_ref, empty when it has none" }) ref!: string;
  @ApiProperty({
    example: 'CONFLICTS_WITH_HISTORY',
    description:
      'INVALID_MOU_REF, INVALID_MISSION, INVALID_CONTRIBUTOR, INVALID_UNIT, INVALID_UNIT_TYPE, INVALID_PERSONNEL, INVALID_DATE, ' +
      'DATE_IN_FUTURE, REPATRIATED_BEFORE_DEPLOYED, SIGNED_BEFORE_NEGOTIATION, CONFLICTS_WITH_HISTORY (also for a reference repeated with other content in the same file), MALFORMED_ROW, FORMULA_NOT_ALLOWED',
  })
  code!: string;
  @ApiProperty() reason!: string;
}

class ImportResultResponse {
  @ApiProperty() imported!: number;
  @ApiProperty({ description: 'Rows already recorded exactly as the file says' }) unchanged!: number;
  @ApiProperty({ type: [RejectedRowResponse] }) rejected!: RejectedRowResponse[];
}

@ApiTags('Legacy imports')
@UseFilters(MouNegotiationProblemFilter)
@Roles('mou-clerk')
@Controller('v1/imports')
export class RegisterImportHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('mou-register')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Import the legacy MOU register',
    description:
      'CSV (text/csv, UTF-8, header row, columns in any order): mou_ref, mission, contributor, unit, unit_type, personnel, ' +
      'negotiation_opened (required); deployed_on, repatriated_on, signed_by_contributor, signed_by_un (optional). ' +
      "Each valid row becomes the MOU's events with the file's business dates; rows are independent. " +
      'Re-importing an identical row is `unchanged`; a known reference with other content is rejected with CONFLICTS_WITH_HISTORY.',
  })
  @ApiOkResponse({ type: ImportResultResponse })
  @ApiBadRequestResponse({
    description:
      'problem+json with code NOT_CSV, CSV_MALFORMED, CSV_UNKNOWN_COLUMN, CSV_MISSING_COLUMN or CSV_DUPLICATE_COLUMN: nothing imported',
  })
  importRegister(@CsvBody() csv: string, @Write() write: WriteContext): Promise<ImportResult> {
    return this.commands.execute(new ImportMouRegisterCommand(csv, write));
  }
}
