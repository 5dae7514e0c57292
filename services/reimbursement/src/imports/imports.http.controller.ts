import { CsvBody, type ImportResult, ImportResultResponse } from '@coe/platform';
import { Controller, HttpCode, Post, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ReimbursementProblemFilter } from '../reimbursement.http.errors';
import { WriteOperation } from '../shared/openapi';
import { Write, type WriteContext } from '@coe/platform';
import { ImportAssessmentsCommand } from './assessments.import';
import { ImportCertifiedClaimsCommand } from './certified-claims.import';
import { ImportPaymentsCommand } from './payments.import';
import { CsvOrJsonBody } from './imports.http.body';
import {
  ImportVerificationReportsCommand,
  type ReportsImportResult,
  type VerificationReportsBody,
} from './verification-reports.import';

const CSV_REFUSALS = ['NOT_CSV', 'CSV_MALFORMED', 'CSV_UNKNOWN_COLUMN', 'CSV_MISSING_COLUMN', 'CSV_DUPLICATE_COLUMN'];

const RESULT = {
  type: ImportResultResponse,
  description:
    '`{ imported, unchanged, rejected: [{ line, ref, code, reason }] }`; line 1 is the header. Row codes: MISSING_VALUE, INVALID_*, DATE_IN_FUTURE, MALFORMED_ROW, CONFLICTS_WITH_HISTORY, and for payments OVERPAYMENT, UNKNOWN_CLAIM, CLAIM_OF_OTHER_PAYEE, CLAIM_CERTIFIED_AFTER_PAYMENT; for claims PERIOD_AFTER_CERTIFICATION.',
};

const REPORTS_RESULT = {
  type: ImportResultResponse,
  description:
    '`{ imported, unchanged, rejected: [{ line, ref, code, reason }], warnings: [{ line, ref, code, message }] }`. CSV: `line` is the line of the first faulty row of the report (line 1 is the header), `ref` its report_ref; JSON: `line` is the report’s 1-based index in the array. `warnings` lists what recorded (or unchanged) reports counted beyond their MOU, on the row counted (STRENGTH_ABOVE_CEILING, COUNT_ABOVE_MOU_QUANTITY, COUNTED_ITEM_NOT_IN_MOU): kept, paid up to the MOU. Codes: MISSING_VALUE, INVALID_REF, INVALID_MOU, INVALID_PERIOD, INVALID_DATE, DATE_IN_FUTURE, INVALID_NUMBER, INVALID_RECORD, INVALID_PROVISION, INVALID_VALUE, UNKNOWN_FIELD (JSON), UNEXPECTED_VALUE, REPORT_ROW_MISSING, REPORT_ROW_REPEATED, MALFORMED_ROW, FORMULA_NOT_ALLOWED, MOU_REF_MISMATCH, CONFLICTS_WITH_HISTORY, VERIFICATION_REPORT_NOT_FOUND (a correction of nothing), and every refusal of POST /v1/verification-reports: MOU_TERMS_NOT_FOUND, VERIFICATION_REPORT_INCOMPLETE, UNKNOWN_ANNEX_C_CATEGORY, UNKNOWN_CATEGORY, DUPLICATE_REPORT_ENTRY, INVALID_DAYS_SERVED, REPORT_BEFORE_PERIOD, UNIT_NOT_DEPLOYED_IN_PERIOD, DAYS_SERVED_REASON_REQUIRED, INVALID_STRENGTH_RANGES, INVALID_ARRIVAL_DATE, EQUIPMENT_COUNT_MISMATCH, EXEMPT_COUNT_EXCEEDS_ABSENT, INCONSISTENT_PROVISION, HOSTILE_ACTION_LOSS_UNKNOWN_INCIDENT, HOSTILE_ACTION_LOSS_OTHER_MOU, HOSTILE_ACTION_LOSS_AFTER_PERIOD, HOSTILE_ACTION_LOSS_EXCEEDS_INCIDENT.',
};

@ApiTags('Legacy imports')
@UseFilters(ReimbursementProblemFilter)
@Controller('v1/imports')
export class ImportsHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post('certified-claims')
  @HttpCode(200)
  @WriteOperation(
    'Import certified claims (CSV)',
    'CONTRACT.md 4.2: columns claim_ref, mission, contributor, category, period, amount, certified_on. Each valid row becomes a ClaimCertified dated certified_on; rows are independent. 400 CSV_* when the body is not CSV or lacks a column.',
    { badRequest: CSV_REFUSALS },
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
    { badRequest: CSV_REFUSALS },
  )
  @ApiOkResponse(RESULT)
  payments(@CsvBody() csv: string, @Write() write: WriteContext): Promise<ImportResult> {
    return this.commands.execute(new ImportPaymentsCommand(csv, write));
  }

  @Post('verification-reports')
  @HttpCode(200)
  @WriteOperation(
    'Import verification reports (CSV or JSON)',
    [
      'The month’s verification reports of the missions’ field systems, each checked and recorded as POST /v1/verification-reports would; reports are independent.',
      'CSV: one row per report item, grouped by `report_ref`; `record` is `report` (columns mou_ref or mou_id, period, reported_on, strength, days_served, days_served_reason, correction_reason), `strength` (from_day, to_day, strength), `equipment` (line_id, serviceable, unserviceable, absent, lost_hostile_action, incident_id, not_deployed_un_request, un_request_ref, arrived_on) or `self_sustainment` (category, provision: full, partial or none). Required columns: report_ref, record, mou_ref or mou_id, period, reported_on, strength, line_id, serviceable, category, provision; a cell filled on a row of a record that does not use it rejects the report (UNEXPECTED_VALUE).',
      'JSON: an array of objects shaped like POST /v1/verification-reports’ body plus `mouId` or `mouRef`, `period`, optional `correctionReason` and `reportRef`.',
      'A report already recorded for the unit and month (earlier in the same body too) is `unchanged` when identical, rejected CONFLICTS_WITH_HISTORY when not, and recorded as version n+1 with its reason when it carries `correction_reason`. A body sent as neither text/csv nor application/json: 415 UNSUPPORTED_MEDIA_TYPE. 400 JSON_NOT_AN_ARRAY, CSV_MALFORMED, CSV_UNKNOWN_COLUMN, CSV_MISSING_COLUMN, CSV_DUPLICATE_COLUMN: nothing imported.',
    ].join(' '),
    { badRequest: ['JSON_NOT_AN_ARRAY', ...CSV_REFUSALS] },
  )
  @ApiOkResponse(REPORTS_RESULT)
  verificationReports(
    @CsvOrJsonBody() body: VerificationReportsBody,
    @Write() write: WriteContext,
  ): Promise<ReportsImportResult> {
    return this.commands.execute(new ImportVerificationReportsCommand(body, write));
  }

  @Post('assessments')
  @HttpCode(200)
  @WriteOperation(
    'Import assessments into the mission funds (CSV): a fund’s history',
    'Columns assessment_ref, mission, amount, received_on (all required). Each valid row becomes an AssessmentReceived on the mission’s fund dated received_on, exactly as POST /v1/funds/{mission}/assessments records it (repaying the mission’s loans made by then); rows applied in received_on order, then file order. An opening balance is one row dated the day the fund’s history starts. Identical re-import: unchanged; same assessment_ref with other content: CONFLICTS_WITH_HISTORY. 400 CSV_* when the body is not CSV, lacks a column or has an extra one.',
    { badRequest: CSV_REFUSALS },
  )
  @ApiOkResponse(RESULT)
  assessments(@CsvBody() csv: string, @Write() write: WriteContext): Promise<ImportResult> {
    return this.commands.execute(new ImportAssessmentsCommand(csv, write));
  }
}
