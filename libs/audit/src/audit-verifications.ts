import { randomUUID } from 'node:crypto';
import { type ChainBreak, verifyHashChains } from '@coe/event-store';
import { MessagingRuntime } from '@coe/messaging';
import { DomainError, InjectPool } from '@coe/platform';
import { Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';

export type VerificationScope = { service: string | null; streamId: string | null };

export type VerificationView = {
  verificationId: string;
  status: 'running' | 'intact' | 'broken' | 'failed';
  scope: VerificationScope;
  requestedBy: string;
  startedAt: string;
  finishedAt: string | null;
  /** Progress: events and streams checked so far, of `eventsTotal` counted at the start. */
  eventsChecked: number;
  streamsChecked: number;
  eventsTotal: number;
  stores: string[];
  firstBreak: {
    service: string;
    streamId: string;
    streamVersion: string;
    problem: ChainBreak['problem'];
  } | null;
  error: string | null;
};

// finished verifications kept in memory for their requester to read (the newest ones)
const KEEP = 50;

/**
 * Hash-chain verifications on the live system: each runs in the background over the stores of this process
 * (one service's, or one stream's), page by page beside the traffic, and reports its progress. Kept in memory:
 * a restart forgets them (`npm run audit:verify` is the durable, offline check).
 */
@Injectable()
export class AuditVerifications {
  private readonly logger = new Logger('Audit');
  private readonly runs = new Map<string, VerificationView>();

  constructor(
    private readonly runtime: MessagingRuntime,
    @InjectPool() private readonly pool: Pool,
  ) {}

  start(scope: VerificationScope, requestedBy: string): VerificationView {
    const stores = this.runtime
      .storesInProcess()
      .filter((s) => scope.service === null || s.service === scope.service)
      .map((s) => ({
        service: s.service,
        schema: (s.store as unknown as { schemaName: string }).schemaName,
      }));
    if (stores.length === 0)
      throw new DomainError('SERVICE_NOT_HERE', `This process holds no store of ${scope.service}.`);
    const view: VerificationView = {
      verificationId: randomUUID(),
      status: 'running',
      scope,
      requestedBy,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      eventsChecked: 0,
      streamsChecked: 0,
      eventsTotal: 0,
      stores: stores.map((s) => s.service),
      firstBreak: null,
      error: null,
    };
    this.runs.set(view.verificationId, view);
    for (const old of [...this.runs.keys()].slice(0, Math.max(0, this.runs.size - KEEP)))
      this.runs.delete(old);
    void this.run(view, stores);
    return { ...view };
  }

  get(verificationId: string): VerificationView {
    const view = this.runs.get(verificationId);
    if (!view) throw new DomainError('VERIFICATION_NOT_FOUND', `No verification ${verificationId}.`);
    return { ...view };
  }

  private async run(view: VerificationView, stores: { service: string; schema: string }[]): Promise<void> {
    const { streamId } = view.scope;
    try {
      for (const { schema } of stores) {
        const { rows } = await this.pool.query<{ n: number }>(
          `select count(*)::int as n from ${schema}.events where $1::text is null or stream_id = $1`,
          [streamId],
        );
        view.eventsTotal += rows[0]!.n;
      }
      for (const { service, schema } of stores) {
        const before = { events: view.eventsChecked, streams: view.streamsChecked };
        const report = await verifyHashChains(this.pool, schema, {
          ...(streamId === null ? {} : { streamId }),
          onProgress: ({ events, streams }) => {
            view.eventsChecked = before.events + events;
            view.streamsChecked = before.streams + streams;
          },
        });
        view.eventsChecked = before.events + report.events;
        view.streamsChecked = before.streams + report.streams;
        if (report.firstBreak) {
          const { streamId: broken, streamVersion, problem } = report.firstBreak;
          view.firstBreak = { service, streamId: broken, streamVersion: streamVersion.toString(), problem };
          break;
        }
      }
      view.status = view.firstBreak ? 'broken' : 'intact';
    } catch (error) {
      view.status = 'failed';
      view.error = (error as Error).message;
      this.logger.warn(`verification ${view.verificationId} failed: ${view.error}`);
    }
    view.finishedAt = new Date().toISOString();
  }
}
