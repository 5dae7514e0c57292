import { CsvBody, type ImportResult } from '@coe/platform';
import { Controller, HttpCode, Post, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import { WriteOperation } from '../shared/openapi';
import { Write, type WriteContext } from '@coe/platform';
import { ImportAssessmentsCommand } from './assessments.import';
import { ImportCertifiedClaimsCommand } from './certified-claims.import';
import { ImportPaymentsCommand } from './payments.import';

const RESULT = {
  description:
    '`{ imported, unchanged, rejected: [{ line, ref, code, reason }] }`; line 1 is the header. Row codes: MISSING_VALUE, INVALID_*, DATE_IN_FUTURE, MALFORMED_ROW, CONFLICTS_WITH_HISTORY, and for payments OVERPAYMENT, UNKNOWN_CLAIM, CLAIM_OF_OTHER_PAYEE, CLAIM_CERTIFIED_AFTER_PAYMENT; for claims PERIOD_AFTER_CERTIFICATION.',
};

@ApiTags('legacy imports')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/imports')
export class ImportsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('certified-claims')
  @HttpCode(200)
  @WriteOperation(
    'Import certified claims (CSV)',
    'CONTRACT.md 4.2: columns claim_ref, mission, contributor, category, period, amount, certified_on. Each valid row becomes a ClaimCertified dated certified_on; rows are independent. 400 CSV_* when the body is not CSV or lacks a column.',
  )
  @ApiOkResponse(RESULT)
  certifiedClaims(@CsvBody() csv: string, @Write() write: WriteContext): Promise<ImportResult> {
    return this.commands.execute(new ImportCertifiedClaimsCommand(csv, write));
  }

  @Post('payments')
  @HttpCode(200)
  @WriteOperation(
    'Import payments (CSV)',
    'CONTRACT.md 4.3: columns payment_ref, mission, contributor, amount, paid_on and optional claim_ref. Rows applied in paid_on order, then file order; a payment settles the claim it names or the oldest outstanding ones certified on or before it. 400 CSV_* when the body is not CSV or lacks a column.',
  )
  @ApiOkResponse(RESULT)
  payments(@CsvBody() csv: string, @Write() write: WriteContext): Promise<ImportResult> {
    return this.commands.execute(new ImportPaymentsCommand(csv, write));
  }

  @Post('assessments')
  @HttpCode(200)
  @WriteOperation(
    'Import assessments into the mission funds (CSV): a fund’s history',
    'Columns assessment_ref, mission, amount, received_on (all required). Each valid row becomes an AssessmentReceived on the mission’s fund dated received_on, exactly as POST /v1/funds/{mission}/assessments records it (repaying the mission’s loans made by then); rows applied in received_on order, then file order. An opening balance is one row dated the day the fund’s history starts. Identical re-import: unchanged; same assessment_ref with other content: CONFLICTS_WITH_HISTORY. 400 CSV_* when the body is not CSV, lacks a column or has an extra one.',
  )
  @ApiOkResponse(RESULT)
  assessments(@CsvBody() csv: string, @Write() write: WriteContext): Promise<ImportResult> {
    return this.commands.execute(new ImportAssessmentsCommand(csv, write));
  }
}
