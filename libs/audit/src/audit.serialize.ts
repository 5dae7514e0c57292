import type { StoredEvent } from '@coe/event-store';
import { csvCell } from '@coe/platform';

/** An event as the audit API shows it: every envelope field, numbers that may exceed 2^53 as strings. */
export const auditView = (service: string, event: StoredEvent) => ({
  service,
  eventId: event.eventId,
  streamId: event.streamId,
  streamVersion: event.streamVersion.toString(),
  globalPosition: event.globalPosition.toString(),
  type: event.type,
  schemaVersion: event.schemaVersion,
  data: event.data,
  effectiveOn: event.effectiveOn,
  recordedAt: event.recordedAt.toISOString(),
  actor: event.metadata.actor,
  correlationId: event.metadata.correlationId ?? null,
  causationId: event.metadata.causationId ?? null,
  hash: event.hash,
  previousHash: event.previousHash,
});

export type AuditView = ReturnType<typeof auditView>;

/** JSON.stringify that writes bigints (inside folded state) as strings. */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

/** One CSV cell, formula-looking text neutralised: the platform's, for every export alike. */
export { csvCell } from '@coe/platform';

export const CSV_COLUMNS = [
  'service',
  'eventId',
  'streamId',
  'streamVersion',
  'globalPosition',
  'type',
  'schemaVersion',
  'effectiveOn',
  'recordedAt',
  'actor',
  'correlationId',
  'causationId',
  'hash',
  'previousHash',
  'data',
] as const;

export const csvRow = (view: AuditView): string =>
  CSV_COLUMNS.map((column) => csvCell(column === 'actor' ? view.actor.sub : view[column])).join(',');

/** The same columns as the CSV, as one spreadsheet row. */
export const tableRow = (view: AuditView): unknown[] =>
  CSV_COLUMNS.map((column) =>
    column === 'actor' ? view.actor.sub : column === 'data' ? toJson(view.data) : view[column],
  );
