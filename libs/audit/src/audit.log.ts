import type { ServiceName } from '@coe/contracts';
import type { EventLogQuery, EventStore, GlobalCheckpoint } from '@coe/event-store';
import { auditView, type AuditView } from './audit.serialize';
import type { EventLogQueryRequest } from './audit.http.requests';

type Source = { service: ServiceName; store: EventStore };

/** Cursor `<service>:<transactionId>.<position>`: which store the page ended in, and where. */
const parseCursor = (cursor: string | undefined): { service: string; after: GlobalCheckpoint } | null => {
  if (!cursor) return null;
  const [service, position] = cursor.split(':') as [string, string];
  const [transactionId, globalPosition] = position.split('.') as [string, string];
  return { service, after: { transactionId: BigInt(transactionId), globalPosition: BigInt(globalPosition) } };
};

const toStoreQuery = (request: EventLogQueryRequest, limit: number): EventLogQuery => ({
  ...(request.type
    ? {
        types: request.type
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      }
    : {}),
  ...(request.actor ? { actor: request.actor } : {}),
  ...(request.streamId ? { streamId: request.streamId } : {}),
  ...(request.recordedFrom ? { recordedFrom: new Date(request.recordedFrom) } : {}),
  ...(request.recordedTo ? { recordedTo: new Date(request.recordedTo) } : {}),
  ...(request.effectiveFrom ? { effectiveFrom: request.effectiveFrom } : {}),
  ...(request.effectiveTo ? { effectiveTo: request.effectiveTo } : {}),
  limit,
});

/**
 * One page of the event log across the stores of this process, store after store (service name order),
 * each in its global order. `next` resumes exactly where the page ended.
 */
export const readLogPage = async (
  sources: Source[],
  request: EventLogQueryRequest,
): Promise<{ items: AuditView[]; next: string | null }> => {
  const limit = request.limit ?? 100;
  const ordered = sources
    .filter((s) => !request.service || s.service === request.service)
    .sort((a, b) => a.service.localeCompare(b.service));
  const cursor = parseCursor(request.after);
  const start = cursor
    ? Math.max(
        0,
        ordered.findIndex((s) => s.service === cursor.service),
      )
    : 0;
  const items: AuditView[] = [];
  let next: string | null = null;
  for (let i = start; i < ordered.length && items.length < limit; i++) {
    const source = ordered[i]!;
    const after = cursor && i === start ? cursor.after : undefined;
    const want = limit - items.length;
    const events = await source.store.queryLog({
      ...toStoreQuery(request, want + 1),
      ...(after ? { after } : {}),
    });
    const page = events.slice(0, want);
    items.push(...page.map((e) => auditView(source.service, e)));
    const last = page.at(-1);
    if (last) next = `${source.service}:${last.transactionId}.${last.globalPosition}`;
    if (events.length > want) return { items, next };
  }
  // the last store ran out: there may still be later stores only if the limit was hit exactly
  const more = items.length === limit && ordered.length > 0;
  return { items, next: more ? next : null };
};
