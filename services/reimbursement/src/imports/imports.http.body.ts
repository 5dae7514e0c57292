import { ProblemException } from '@coe/platform';
import { type ExecutionContext, HttpStatus, createParamDecorator } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, getSchemaPath } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import type { VerificationReportsBody } from './verification-reports.import';
import { ImportVerificationReportRequest } from './verification-reports.http.requests';

const badBody = (code: string, detail: string, message: string): ProblemException =>
  new ProblemException(HttpStatus.BAD_REQUEST, code, detail, { errors: [{ field: 'body', message }] });

const contentType = (request: IncomingMessage): string => request.headers['content-type'] ?? '';

/**
 * The body of the verification-report import: a `text/csv` file, or an `application/json` array of
 * reports. Another content type: 400 `NOT_CSV_OR_JSON`; an empty CSV: 400 `CSV_MALFORMED`; JSON that
 * is not an array: 400 `JSON_NOT_AN_ARRAY` (nothing imported in each case). Documents both in OpenAPI.
 */
export const CsvOrJsonBody = createParamDecorator(
  (_data: unknown, context: ExecutionContext): VerificationReportsBody => {
    const request = context.switchToHttp().getRequest<IncomingMessage & { body?: unknown }>();
    const body = request.body;
    if (/^text\/csv\s*(;|$)/i.test(contentType(request))) {
      if (typeof body !== 'string' || body.trim() === '') {
        throw badBody(
          'CSV_MALFORMED',
          'The body is empty: a CSV file with a header row is expected.',
          'is empty',
        );
      }
      return { csv: body };
    }
    if (/^application\/json\s*(;|$)/i.test(contentType(request))) {
      if (!Array.isArray(body)) {
        throw badBody('JSON_NOT_AN_ARRAY', 'The JSON body must be an array of reports.', 'must be an array');
      }
      return { json: body };
    }
    throw badBody(
      'NOT_CSV_OR_JSON',
      'This route takes a CSV file (Content-Type: text/csv) or a JSON array (Content-Type: application/json).',
      'must be text/csv or application/json',
    );
  },
  [
    (target, key) => {
      if (key === undefined) return;
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor === undefined) return;
      ApiExtraModels(ImportVerificationReportRequest)(target, key, descriptor);
      ApiConsumes('text/csv', 'application/json')(target, key, descriptor);
      ApiBody({
        description:
          'CSV (UTF-8, comma-separated, header row first; one row per report item, see the columns above) or a JSON array of reports.',
        schema: {
          oneOf: [
            { type: 'string', description: 'text/csv' },
            { type: 'array', items: { $ref: getSchemaPath(ImportVerificationReportRequest) } },
          ],
        },
      })(target, key, descriptor);
    },
  ],
);
