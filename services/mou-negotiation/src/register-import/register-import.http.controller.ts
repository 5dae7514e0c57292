import { ApiProblem, CsvBody, type ImportResult, ImportResultResponse, Roles } from '@coe/platform';
import { Controller, HttpCode, HttpStatus, Post, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MouNegotiationProblemFilter } from '../mou-negotiation.http.errors';
import { Write, type WriteContext } from '@coe/platform';
import { ImportMouRegisterCommand } from './register-import.handler';

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
  @ApiProblem(
    400,
    [
      'VALIDATION_FAILED',
      'NOT_CSV',
      'CSV_MALFORMED',
      'CSV_UNKNOWN_COLUMN',
      'CSV_MISSING_COLUMN',
      'CSV_DUPLICATE_COLUMN',
    ],
    'nothing imported',
  )
  importRegister(@CsvBody() csv: string, @Write() write: WriteContext): Promise<ImportResult> {
    return this.commands.execute(new ImportMouRegisterCommand(csv, write));
  }
}
