import { documentsOf } from '@coe/platform';
import { type Db, date, rows } from '../shared/sql';
import type { VerificationReport } from './verification.events';

export const recordVerificationReport = async (
  db: Db,
  schema: string,
  report: VerificationReport,
): Promise<void> => {
  await db.query(
    `insert into ${schema}.verification_reports (mou_id, period, version, mou_ref, mission, contributor, reported_on, content)
     values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict do nothing`,
    [
      report.mouId,
      report.period,
      report.version,
      report.mouRef,
      report.mission,
      report.contributor,
      report.reportedOn,
      JSON.stringify(report),
    ],
  );
};

/** The documents a report's version names, so that GET /v1/documents/{sha256} knows whose they are. */
export const recordVerificationDocuments = async (
  db: Db,
  schema: string,
  report: VerificationReport,
): Promise<void> => {
  const documents = documentsOf(report);
  if (documents.length === 0) return;
  await db.query(
    `insert into ${schema}.verification_documents (mou_id, period, version, sha256, title, kind, media_type, size)
     select $1, $2, $3, d.sha256, d.title, d.kind, d.media_type, d.size
       from unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::int[]) as d(sha256, title, kind, media_type, size)
     on conflict do nothing`,
    [
      report.mouId,
      report.period,
      report.version,
      documents.map((d) => d.sha256),
      documents.map((d) => d.title),
      documents.map((d) => d.kind),
      documents.map((d) => d.mediaType),
      documents.map((d) => d.size),
    ],
  );
};

export type VerificationReportSummary = {
  mouId: string;
  mouRef: string;
  mission: string;
  contributor: string;
  period: string;
  version: number;
  reportedOn: string;
};

export const listVerificationReports = (
  db: Db,
  schema: string,
  filter: { mouId?: string; mission?: string; period?: string },
): Promise<VerificationReportSummary[]> =>
  rows<VerificationReportSummary>(
    db,
    `select mou_id as "mouId", mou_ref as "mouRef", mission, contributor, period, version,
            ${date('reported_on', '"reportedOn"')}
       from ${schema}.verification_reports
      where ($1::text is null or mou_id = $1) and ($2::text is null or mission = $2) and ($3::text is null or period = $3)
      order by mission, mou_ref, period, version limit 1000`,
    [filter.mouId ?? null, filter.mission ?? null, filter.period ?? null],
  );
