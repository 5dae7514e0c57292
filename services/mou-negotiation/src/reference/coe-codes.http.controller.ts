import { type CoeCodeList, currentCoeCodes } from '@coe/contracts';
import { ApiRead, Roles } from '@coe/platform';
import { Controller, Get, UseFilters } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MouNegotiationProblemFilter } from '../mou-negotiation.http.errors';
import { CoeCodesResponse } from './coe-codes.http.responses';

@ApiTags('Reference data')
@UseFilters(MouNegotiationProblemFilter)
@Controller('v1/reference')
export class CoeCodesHttpController {
  @Get('coe-codes')
  @Roles('mou-clerk', 'finance-officer', 'auditor', 'contributor-representative')
  @ApiRead(
    'The category and item codes',
    'The self-sustainment (annex C) and major-equipment (annex B) category codes, and the major-equipment ' +
      'item codes under their category, with English and French labels, for pick lists. MOU annexes, rate ' +
      'tables, SURs, verification reports and hostile-action incidents take exactly these codes; another ' +
      'value, or a code in another case, is refused with 422 UNKNOWN_CATEGORY or UNKNOWN_ITEM. Categories ' +
      'and items recorded before the list existed are read as they were recorded.',
  )
  @ApiOkResponse({ type: CoeCodesResponse })
  list(): CoeCodeList {
    return currentCoeCodes();
  }
}
